package app.tableloop.platform.http;

import io.vertx.json.schema.JsonSchema;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Parameter;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The contract's parameters whose schema is just {@code {type: string, format: uuid}} (most path parameters: every
 * id), and whether a value is a UUID in its plain form. Such a value needs no schema validator, which interprets its
 * schema afresh on each call and cost a tenth of a menu read: the validator would take it all the same. Only the
 * plain form is recognised, a subset of what the validator's uuid format takes (it also takes a {@code urn:uuid:}
 * prefix); any other value, valid or not, is left to the validator, so that the answers and refusals stay its own.
 */
final class PlainUuids {
  private static final Set<String> KEYWORDS = Set.of("type", "format");
  private static final int LENGTH = 36;

  /** By identity: the contract's parameter objects are made once, and this is asked of them on every request. */
  private final Set<Parameter> parameters;

  private PlainUuids(Set<Parameter> parameters) {
    this.parameters = parameters;
  }

  static PlainUuids of(OpenAPIContract contract) {
    Set<Parameter> plain = Collections.newSetFromMap(new IdentityHashMap<>());
    contract.operations().forEach(operation -> operation.getParameters().stream()
        .filter(parameter -> asksOnlyForUuid(parameter.getSchema()))
        .forEach(plain::add));
    return new PlainUuids(plain);
  }

  boolean passes(Parameter parameter, String raw) {
    return raw.length() == LENGTH && parameters.contains(parameter) && isPlainUuid(raw);
  }

  private static boolean asksOnlyForUuid(JsonSchema schema) {
    Set<String> keywords = schema.fieldNames().stream().filter(JsonSchema.EXCLUDE_ANNOTATIONS)
        .collect(Collectors.toSet());
    return KEYWORDS.equals(keywords) && "string".equals(schema.get("type")) && "uuid".equals(schema.get("format"));
  }

  /** Thirty-two hexadecimal digits in groups of 8, 4, 4, 4 and 12, joined by hyphens. */
  private static boolean isPlainUuid(String raw) {
    for (int i = 0; i < LENGTH; i++) {
      char c = raw.charAt(i);
      boolean hyphen = i == 8 || i == 13 || i == 18 || i == 23;
      boolean hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
      if (hyphen ? c != '-' : !hex) {
        return false;
      }
    }
    return true;
  }
}
