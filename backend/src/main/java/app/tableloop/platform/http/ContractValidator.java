package app.tableloop.platform.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.JsonSchemaValidationException;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.SchemaRepository;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.OpenAPIVersion;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Parameter;
import io.vertx.openapi.contract.Path;
import io.vertx.openapi.contract.SecurityRequirement;
import io.vertx.openapi.contract.SecurityScheme;
import io.vertx.openapi.contract.Server;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.ValidatableRequest;
import io.vertx.openapi.validation.ValidatedRequest;
import io.vertx.openapi.validation.SchemaValidationException;
import io.vertx.openapi.validation.impl.RequestParameterImpl;
import io.vertx.openapi.validation.impl.RequestValidatorImpl;
import io.vertx.openapi.validation.impl.ValidatedRequestImpl;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The OpenAPI library's request validator, with the same checks and the same failures, made cheap: its schema
 * validators are compiled once at start ({@link CompiledSchemas}), and it validates on the caller's event loop instead
 * of queueing every request on an ordered worker lane: compiled, the checks take microseconds. String parameters
 * the library would pass on unchanged skip its attempt to decode them as JSON ({@link VerbatimStrings}), and a plain
 * UUID given for a parameter that asks for nothing more skips the schema validator ({@link PlainUuids}).
 */
final class ContractValidator extends RequestValidatorImpl {
  private final PlainUuids plainUuids;

  private ContractValidator(Vertx vertx, OpenAPIContract contract) {
    super(vertx, contract);
    this.plainUuids = PlainUuids.of(contract);
  }

  static ContractValidator create(Vertx vertx, OpenAPIContract contract) {
    return new ContractValidator(vertx, compiled(contract));
  }

  /** The contract, handing out its schemas' validators compiled once. */
  static OpenAPIContract compiled(OpenAPIContract contract) {
    return new WithCompiledSchemas(contract, new CompiledSchemas(contract));
  }

  /** As the library's own, less its {@code executeBlocking}: a failed check fails the future just the same. */
  @Override
  public Future<ValidatedRequest> validate(ValidatableRequest request, String operationId) {
    return getOperation(operationId).map(operation -> {
      Map<String, RequestParameter> cookies = new HashMap<>(request.getCookies().size());
      Map<String, RequestParameter> headers = new HashMap<>(request.getHeaders().size());
      Map<String, RequestParameter> path = new HashMap<>(request.getPathParameters().size());
      Map<String, RequestParameter> query = new HashMap<>(request.getQuery().size());
      for (Parameter param : operation.getParameters()) {
        String name = param.getName();
        switch (param.getIn()) {
          case COOKIE -> cookies.put(name, validateParameter(param, request.getCookies().get(name)));
          case HEADER -> headers.put(name, validateParameter(param, request.getHeaders().get(name)));
          case PATH -> path.put(name, validateParameter(param, request.getPathParameters().get(name)));
          case QUERY -> query.put(name, validateParameter(param, request.getQuery().get(name)));
        }
      }
      RequestParameter body = validateBody(operation.getRequestBody(), request);
      return new ValidatedRequestImpl(cookies, headers, path, query, body);
    });
  }

  /** As the library's own, less the failing JSON decode for a string it would pass on unchanged anyway. */
  @Override
  public RequestParameter validateParameter(Parameter parameter, RequestParameter value) {
    if (value == null || value.isNull()) {
      return super.validateParameter(parameter, value);
    }
    String raw = String.valueOf(value.get());
    if (!VerbatimStrings.passesUnchanged(parameter, raw)) {
      return super.validateParameter(parameter, value);
    }
    if (plainUuids.passes(parameter, raw)) {
      return new RequestParameterImpl(raw);
    }
    OutputUnit result = contract.getSchemaRepository().validator(parameter.getSchema()).validate(raw);
    try {
      result.checkValidity();
      return new RequestParameterImpl(raw);
    } catch (JsonSchemaValidationException e) {
      throw SchemaValidationException.createErrorFromOutputUnitType(parameter, result, e);
    }
  }

  /** The contract as it is, but for its schema repository. */
  private record WithCompiledSchemas(OpenAPIContract contract, SchemaRepository schemas) implements OpenAPIContract {
    @Override
    public SchemaRepository getSchemaRepository() {
      return schemas;
    }

    @Override
    public Operation operation(String operationId) {
      return contract.operation(operationId);
    }

    @Override
    public List<Operation> operations() {
      return contract.operations();
    }

    @Override
    public List<Path> getPaths() {
      return contract.getPaths();
    }

    @Override
    public JsonObject getRawContract() {
      return contract.getRawContract();
    }

    @Override
    public OpenAPIVersion getVersion() {
      return contract.getVersion();
    }

    @Override
    public List<Server> getServers() {
      return contract.getServers();
    }

    @Override
    public Path findPath(String urlPath) {
      return contract.findPath(urlPath);
    }

    @Override
    public Operation findOperation(String urlPath, HttpMethod method) {
      return contract.findOperation(urlPath, method);
    }

    @Override
    public List<SecurityRequirement> getSecurityRequirements() {
      return contract.getSecurityRequirements();
    }

    @Override
    public SecurityScheme securityScheme(String name) {
      return contract.securityScheme(name);
    }
  }
}
