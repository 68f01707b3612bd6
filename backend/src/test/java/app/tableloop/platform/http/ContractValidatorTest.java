package app.tableloop.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import app.tableloop.testing.Await;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Parameter;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.ValidatorException;
import io.vertx.openapi.validation.impl.RequestParameterImpl;
import io.vertx.openapi.validation.impl.RequestValidatorImpl;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Our validator skips the library's JSON decode for plain string parameters. Whatever the value, it must come out as
 * the library's own request validator makes it, given the same schema validators: the same value of the same type, or
 * the same failure. (With the repository's own schema validators, the library judges a parameter by whichever schema
 * of the contract shares its URI; see {@link CompiledSchemasTest}.)
 */
class ContractValidatorTest {
  static Vertx vertx;
  static OpenAPIContract contract;
  static RequestValidatorImpl library;
  static ContractValidator ours;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    contract = Await.result(OpenAPIContract.from(vertx, new JsonObject()
        .put("openapi", "3.1.0")
        .put("info", new JsonObject().put("title", "parameters").put("version", "1"))
        .put("paths", new JsonObject().put("/stores/{store}/items", new JsonObject().put("get", new JsonObject()
            .put("operationId", "listItems")
            .put("parameters", new JsonArray()
                .add(parameter("store", "path", new JsonObject().put("type", "string").put("format", "uuid"))
                    .put("required", true))
                .add(parameter("label", "query", new JsonObject().put("type", "string").put("maxLength", 12)))
                .add(parameter("after", "query", new JsonObject().put("type", "string")
                    .put("pattern", "^[0-9]{1,18}_[0-9a-f-]{36}$")))
                .add(parameter("limit", "query", new JsonObject().put("type", "integer")))
                .add(parameter("owner", "query", new JsonObject().put("type", "string").put("format", "uuid")
                    .put("enum", new JsonArray().add("123e4567-e89b-12d3-a456-426614174000")))))
            .put("responses", new JsonObject().put("200", new JsonObject().put("description", "ok"))))))));
    library = new RequestValidatorImpl(vertx, ContractValidator.compiled(contract));
    ours = ContractValidator.create(vertx, contract);
  }

  @AfterAll
  static void stop() {
    Await.result(vertx.close());
  }

  @Test
  void stringsThatLookLikeJsonComeOutAsTheLibraryMakesThem() {
    List<String> values = List.of("123", "true", "null", "1e5", "-5", "1.5", " 7", "{\"a\":1}", "[1,2]",
        "\"quoted\"", "a\\nb", "say \"hi\"", "", "-", "true-x", "-Infinity", "NaN");
    for (String raw : values) {
      assertThat(outcome(ours, "label", raw)).as(raw).isEqualTo(outcome(library, "label", raw));
    }
    // What the library does today, kept: a word stays text, JSON that is not a string is refused by the string
    // schema, and a JSON string loses its quotes.
    assertThat(outcome(ours, "label", "123")).isEqualTo("String 123");
    assertThat(outcome(ours, "label", "true")).isEqualTo("String true");
    assertThat(outcome(ours, "label", "{\"a\":1}")).startsWith("failure");
    assertThat(outcome(ours, "label", "-5")).startsWith("failure");
    assertThat(outcome(ours, "label", "\"quoted\"")).isEqualTo("String quoted");
  }

  @Test
  void plainStringsComeOutAsTheyCameOrFailAsTheLibraryFailsThem() {
    List<String> stores = List.of("7f1c2a3e-0b4d-4c5e-9f60-718293a4b5c6", "123e4567-e89b-12d3-a456-426614174000",
        "00000000-0000-0000-0000-000000000000", "not-a-uuid", "7f1c2a3e_0b4d");
    for (String raw : stores) {
      assertThat(outcome(ours, "store", raw)).as(raw).isEqualTo(outcome(library, "store", raw));
    }
    assertThat(outcome(ours, "store", stores.get(0))).isEqualTo("String " + stores.get(0));
    List<String> cursors = List.of("1712345678_7f1c2a3e-0b4d-4c5e-9f60-718293a4b5c6", "17_x", "_-_");
    for (String raw : cursors) {
      assertThat(outcome(ours, "after", raw)).as(raw).isEqualTo(outcome(library, "after", raw));
    }
    assertThat(outcome(ours, "label", "much-too-long-a-label"))
        .isEqualTo(outcome(library, "label", "much-too-long-a-label")).startsWith("failure");
  }

  @Test
  void uuidsInAnyFormComeOutAsTheLibraryMakesThemThoughOnlyThePlainFormSkipsItsValidator() {
    List<String> values = List.of("7f1c2a3e-0b4d-4c5e-9f60-718293a4b5c6", "7F1C2A3E-0B4D-4C5E-9F60-718293A4B5C6",
        "7f1c2a3e-0B4D-4c5e-9F60-718293a4b5c6", "urn:uuid:7f1c2a3e-0b4d-4c5e-9f60-718293a4b5c6",
        "7f1c2a3e0b4d4c5e9f60718293a4b5c6", "7f1c2a3e-0b4d-4c5e-9f60-718293a4b5c",
        "7f1c2a3e-0b4d-4c5e-9f60-718293a4b5c6a", "7f1c2a3e-0b4d-4c5e-9f60-718293a4b5cg",
        "7f1c2a3e-0b4d-4c5e-9f607-18293a4b5c6", "7f1c2a3e--b4d-4c5e-9f60-718293a4b5c6",
        "g0000000-0000-0000-0000-000000000000", "123e4567-e89b-12d3-a456-426614174000");
    for (String raw : values) {
      assertThat(outcome(ours, "store", raw)).as(raw).isEqualTo(outcome(library, "store", raw));
      assertThat(outcome(ours, "owner", raw)).as("owner " + raw).isEqualTo(outcome(library, "owner", raw));
    }
    PlainUuids plain = PlainUuids.of(contract);
    assertThat(plain.passes(parameter("store"), values.get(0))).isTrue();
    assertThat(plain.passes(parameter("store"), values.get(1))).isTrue();
    assertThat(plain.passes(parameter("store"), values.get(3))).as("urn form: the validator's").isFalse();
    assertThat(plain.passes(parameter("owner"), values.get(0)))
        .as("a schema asking for more than a UUID is the validator's").isFalse();
    assertThat(outcome(ours, "owner", values.get(0))).startsWith("failure");
  }

  @Test
  void theProductsIdParametersAreThePlainKind() {
    OpenAPIContract product = Await.result(OpenAPIContract.from(vertx, "openapi.yaml"));
    Parameter store = product.operation("getMenu").getParameters().stream()
        .filter(parameter -> parameter.getName().equals("store")).findFirst().orElseThrow();

    assertThat(PlainUuids.of(product).passes(store, "7f1c2a3e-0b4d-4c5e-9f60-718293a4b5c6")).isTrue();
  }

  @Test
  void otherTypesAndMissingValuesAreLeftToTheLibrary() {
    for (String raw : List.of("20", "-5", "1.5", "abc", "a-b", "")) {
      assertThat(outcome(ours, "limit", raw)).as(raw).isEqualTo(outcome(library, "limit", raw));
    }
    assertThat(outcome(ours, "store", null)).isEqualTo(outcome(library, "store", null)).startsWith("failure");
    assertThat(outcome(ours, "label", null)).isEqualTo(outcome(library, "label", null));
  }

  private static JsonObject parameter(String name, String in, JsonObject schema) {
    return new JsonObject().put("name", name).put("in", in).put("schema", schema);
  }

  private static Parameter parameter(String name) {
    return contract.operation("listItems").getParameters().stream()
        .filter(candidate -> candidate.getName().equals(name)).findFirst().orElseThrow();
  }

  /** The validated value with its type, or the failure with its kind and message. */
  private static String outcome(RequestValidatorImpl validator, String name, String raw) {
    try {
      RequestParameter validated = validator.validateParameter(parameter(name),
          raw == null ? null : new RequestParameterImpl(raw));
      Object value = validated.get();
      return value == null ? "null" : value.getClass().getSimpleName() + " " + value;
    } catch (ValidatorException e) {
      return "failure " + e.getClass().getSimpleName() + " " + e.type() + " " + e.getMessage();
    }
  }
}
