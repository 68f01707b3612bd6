package app.tableloop.platform.http;

import io.vertx.json.schema.common.dsl.SchemaType;
import io.vertx.openapi.contract.Parameter;
import io.vertx.openapi.contract.Style;

/**
 * Which string parameters the OpenAPI library would hand to their schema exactly as they came. For any value that is
 * not a single word, a UUID for one, the library first tries to decode the text as JSON and falls back to the text
 * when that throws; the exception costs more than all the rest of a request's validation. The values recognised
 * here are those where the attempt must fail and the fallback gives the text back unchanged: only letters, digits,
 * {@code _} and {@code -} (nothing a JSON string would unescape), and at least one character that no JSON number
 * has. Anything else, "-5" included (the library decodes it to a number, which a string schema refuses), is left to
 * the library.
 */
final class VerbatimStrings {
  private VerbatimStrings() {
  }

  static boolean passesUnchanged(Parameter parameter, String raw) {
    // Label and matrix styles strip a prefix first; objects and arrays are split.
    if (parameter.getSchemaType() != SchemaType.STRING
        || (parameter.getStyle() != Style.SIMPLE && parameter.getStyle() != Style.FORM)) {
      return false;
    }
    boolean couldBeNumber = true;
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      boolean digit = c >= '0' && c <= '9';
      if (!digit && !(c >= 'a' && c <= 'z') && !(c >= 'A' && c <= 'Z') && c != '_' && c != '-') {
        return false;
      }
      couldBeNumber &= digit || c == '-' || c == 'e' || c == 'E';
    }
    return !couldBeNumber;
  }
}
