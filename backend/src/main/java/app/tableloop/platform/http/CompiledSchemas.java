package app.tableloop.platform.http;

import io.vertx.core.file.FileSystem;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputFormat;
import io.vertx.json.schema.SchemaException;
import io.vertx.json.schema.SchemaRepository;
import io.vertx.json.schema.Validator;
import io.vertx.openapi.contract.MediaType;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.OpenAPIVersion;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Parameter;
import io.vertx.openapi.impl.OpenAPIFormatValidator;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The contract's schema repository, with a validator compiled once for every schema a request is checked against
 * (each operation's parameters and request body). The repository itself builds a validator on every call, copying
 * every schema of the contract each time: most of a request's CPU time before this. A compiled validator keeps no
 * state between calls, so one serves every event loop. Any other schema is left to the repository as before.
 *
 * <p>A validator the repository builds keeps its own copy of the repository's lookup of every schema in the contract
 * (some 2,800), which it needs only to follow a {@code $ref}: 265 validators held 690,000 map entries, 27 MB of the
 * heap, for good. The contract's operations come with their references resolved in place, so a schema without a
 * {@code $ref} gets a validator of its own schema only, with the options and formats the repository uses for
 * OpenAPI 3.1.
 */
final class CompiledSchemas implements SchemaRepository {
  private static final JsonSchemaOptions OPENAPI_3_1 = new JsonSchemaOptions().setDraft(Draft.DRAFT202012)
      .setBaseUri("app://").setOutputFormat(OutputFormat.Basic);

  private final SchemaRepository repository;
  /** Read-only once built; keyed by identity, as the contract hands out the same schema object every time. */
  private final Map<JsonSchema, Validator> compiled;

  CompiledSchemas(OpenAPIContract contract) {
    this.repository = contract.getSchemaRepository();
    OpenAPIFormatValidator formats = new OpenAPIFormatValidator();
    Function<JsonSchema, Validator> compile = schema -> contract.getVersion() == OpenAPIVersion.V3_1
        && !refers(schema) ? Validator.create(schema, OPENAPI_3_1, formats) : repository.validator(schema);
    Map<JsonSchema, Validator> validators = new IdentityHashMap<>();
    for (Operation operation : contract.operations()) {
      for (Parameter parameter : operation.getParameters()) {
        validators.computeIfAbsent(parameter.getSchema(), compile);
      }
      if (operation.getRequestBody() != null) {
        for (MediaType mediaType : operation.getRequestBody().getContent().values()) {
          if (mediaType.getSchema() != null) {
            validators.computeIfAbsent(mediaType.getSchema(), compile);
          }
        }
      }
    }
    this.compiled = validators;
  }

  private static boolean refers(JsonSchema schema) {
    return schema.containsKey("$ref") || schema.fieldNames().stream().anyMatch(key -> refersIn(schema.get(key)));
  }

  /** Whether a {@code $ref} is anywhere in a schema's value. */
  private static boolean refersIn(Object value) {
    if (value instanceof JsonObject object) {
      return object.containsKey("$ref") || object.stream().anyMatch(entry -> refersIn(entry.getValue()));
    }
    return value instanceof JsonArray array && array.stream().anyMatch(CompiledSchemas::refersIn);
  }

  @Override
  public Validator validator(JsonSchema schema) {
    Validator validator = compiled.get(schema);
    return validator != null ? validator : repository.validator(schema);
  }

  @Override
  public SchemaRepository dereference(JsonSchema schema) throws SchemaException {
    return repository.dereference(schema);
  }

  @Override
  public SchemaRepository dereference(String uri, JsonSchema schema) throws SchemaException {
    return repository.dereference(uri, schema);
  }

  @Override
  public SchemaRepository preloadMetaSchema(FileSystem fs) {
    return repository.preloadMetaSchema(fs);
  }

  @Override
  public SchemaRepository preloadMetaSchema(FileSystem fs, Draft draft) {
    return repository.preloadMetaSchema(fs, draft);
  }

  @Override
  public Validator validator(String ref) {
    return repository.validator(ref);
  }

  @Override
  public Validator validator(String ref, JsonSchemaOptions options) {
    return repository.validator(ref, options);
  }

  @Override
  public Validator validator(JsonSchema schema, JsonSchemaOptions options, boolean dereference) {
    return repository.validator(schema, options, dereference);
  }

  @Override
  public JsonObject resolve(JsonObject schema) {
    return repository.resolve(schema);
  }

  @Override
  public JsonSchema find(String pointer) {
    return repository.find(pointer);
  }
}
