package app.tableloop.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import app.tableloop.platform.runtime.HttpSettings;
import app.tableloop.testing.Await;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputFormat;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.SchemaRepository;
import io.vertx.openapi.contract.MediaType;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Parameter;
import io.vertx.openapi.impl.OpenAPIFormatValidator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Our validators are built without the repository's lookup of every schema. Over the whole contract, each must judge
 * every value as the library judges that schema, with the same errors at the same places. The contract's own
 * repository is no baseline: it looks a schema up by its URI, and every parameter's schema has the same one, so it
 * judged some parameters by another parameter's schema.
 */
class CompiledSchemasTest {
  static Vertx vertx;
  static OpenAPIContract contract;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    contract = Await.result(OpenAPIContract.from(vertx, HttpSettings.CONTRACT));
  }

  @AfterAll
  static void stop() {
    Await.result(vertx.close());
  }

  @Test
  void everyOperationsSchemaJudgesHostileValuesAsTheLibraryJudgesThatSchema() {
    CompiledSchemas compiled = new CompiledSchemas(contract);
    List<Object> values = Arrays.asList(null, "", "x".repeat(5_000), "not-a-uuid", "7f1c2a3e-0b4d-4c5e-9f60-718293a4b5c6",
        0, -1, 2_147_483_648L, 1.5, true, new JsonArray(), new JsonArray().add(1).add("a"), new JsonObject(),
        new JsonObject().put("unknown", 1), new JsonObject().put("quantity", -3).put("dish_id", "x"),
        new JsonObject().put("name", "").put("price_fen", "12"));
    List<JsonSchema> schemas = schemas();

    for (JsonSchema schema : schemas) {
      // A repository of this schema alone, as the contract's is made for OpenAPI 3.1.
      SchemaRepository alone = SchemaRepository.create(new JsonSchemaOptions().setDraft(Draft.DRAFT202012)
          .setBaseUri("app://").setOutputFormat(OutputFormat.Basic), new OpenAPIFormatValidator()).dereference(schema);
      for (Object value : values) {
        assertThat(outcome(compiled.validator(schema).validate(value)))
            .as("%s against %s", value, schema.get("__absolute_uri__"))
            .isEqualTo(outcome(alone.validator(schema).validate(value)));
      }
    }
    assertThat(schemas).as("the contract's operations' schemas").hasSizeGreaterThan(200);
  }

  @Test
  void everyUuidParameterRefusesWhatIsNoUuid() {
    CompiledSchemas compiled = new CompiledSchemas(contract);
    List<String> checked = new ArrayList<>();
    for (Operation operation : contract.operations()) {
      for (Parameter parameter : operation.getParameters()) {
        if ("uuid".equals(parameter.getSchema().get("format"))) {
          assertThat(compiled.validator(parameter.getSchema()).validate("not-a-uuid").getValid())
              .as("%s of %s", parameter.getName(), operation.getOperationId()).isFalse();
          checked.add(parameter.getName());
        }
      }
    }
    assertThat(checked).hasSizeGreaterThan(100);
  }

  private static List<JsonSchema> schemas() {
    List<JsonSchema> schemas = new ArrayList<>();
    for (Operation operation : contract.operations()) {
      operation.getParameters().stream().map(Parameter::getSchema).forEach(schemas::add);
      if (operation.getRequestBody() != null) {
        operation.getRequestBody().getContent().values().stream().map(MediaType::getSchema).forEach(schemas::add);
      }
    }
    return schemas;
  }

  private static String outcome(OutputUnit unit) {
    return unit.getValid() + " " + unit.toJson().encode();
  }
}
