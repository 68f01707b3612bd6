package app.tableloop.testing;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/**
 * The operations of the service's OpenAPI contract, read from the document itself, so that tests walking every
 * operation cover new ones without being told.
 */
public final class ContractOperations {
  private final JsonObject document;

  /** One operation: its id, method, path template, {@code x-roles} and its whole definition (parameters, body). */
  public record Operation(String id, HttpMethod method, String path, List<String> roles, JsonObject definition) {
  }

  private ContractOperations(JsonObject document) {
    this.document = document;
  }

  @SuppressWarnings("unchecked")
  public static ContractOperations load() {
    try (InputStream in = ContractOperations.class.getClassLoader().getResourceAsStream("openapi.yaml")) {
      return new ContractOperations(new JsonObject((Map<String, Object>) new Yaml().load(in)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public List<Operation> all() {
    List<Operation> found = new ArrayList<>();
    JsonObject paths = document.getJsonObject("paths");
    for (String path : paths.fieldNames()) {
      JsonObject item = paths.getJsonObject(path);
      for (String method : item.fieldNames()) {
        if (method.equals("parameters")) {
          continue;
        }
        JsonObject operation = withPathParameters(item.getJsonObject(method), item.getJsonArray("parameters"));
        List<String> roles = operation.getJsonArray("x-roles", new JsonArray()).stream()
            .map(String::valueOf).toList();
        found.add(new Operation(operation.getString("operationId"), HttpMethod.valueOf(method.toUpperCase()), path,
            roles, operation));
      }
    }
    return found;
  }

  /** The operation with the parameters its path declares for all its operations added to its own. */
  private static JsonObject withPathParameters(JsonObject operation, JsonArray shared) {
    if (shared == null) {
      return operation;
    }
    JsonObject merged = operation.copy();
    JsonArray parameters = shared.copy();
    operation.getJsonArray("parameters", new JsonArray()).forEach(parameters::add);
    return merged.put("parameters", parameters);
  }

  /** {@code schema} with its {@code $ref} (to {@code #/components/...}) followed, repeatedly. */
  public JsonObject resolve(JsonObject schema) {
    JsonObject resolved = schema;
    while (resolved != null && resolved.containsKey("$ref")) {
      JsonObject target = document;
      for (String part : resolved.getString("$ref").substring(2).split("/")) {
        target = target.getJsonObject(part);
      }
      resolved = target;
    }
    return resolved;
  }
}
