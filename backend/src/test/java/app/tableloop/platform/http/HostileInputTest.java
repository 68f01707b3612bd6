package app.tableloop.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import app.tableloop.tenancy.TenantBootstrap;
import app.tableloop.testing.Await;
import app.tableloop.testing.ContractOperations;
import app.tableloop.testing.ContractOperations.Operation;
import app.tableloop.testing.Responses;
import app.tableloop.testing.RunningService;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A hostile client against every operation of the contract, as a stranger, a diner, staff and the owner, with real
 * ids so that requests get as far as they can: malformed JSON, wrong types, missing and extra fields, huge strings,
 * NUL characters, lone surrogates, bad percent-escapes in query and path, and very long path parameters. Whatever
 * it sends, the answer is never a 5xx, and every error is a problem. New operations are covered as the contract
 * gains them.
 */
class HostileInputTest {
  private static final String HUGE = "长".repeat(100 * 1024 / 3);
  private static final String NUL = "a\u0000b";
  /** Jackson cannot write a lone surrogate, so the body carries this marker and the raw escape replaces it. */
  private static final String SURROGATE_MARK = "LONE-SURROGATE-MARK";
  private static final List<String> BAD_TEXT_IN_URL = List.of("%00", "%G1", "%", "%E4%B8", "%ED%A0%80",
      "99999999999999999999", "-1", "9999-99-99", "0000-01-01", "a".repeat(2_000), "a".repeat(5_000));
  private static final List<Object> HUGE_NUMBERS = List.of(Long.MAX_VALUE, 4_294_967_296L, -2_147_483_649L, 1e300);
  /** Strings tried in turn for a field with a pattern, so that the sample body passes it. */
  private static final List<String> PATTERNED = List.of("10:00", "A1", "k1111111", "2026-05-01", "Asia/Shanghai",
      "https://example.com/a.png", "13800138000");
  private static final int IN_FLIGHT = 8;

  static RunningService service;
  static ContractOperations contract;
  static final Map<String, String> tokens = new LinkedHashMap<>();
  /** A real value for every path parameter and id field, by name. */
  static final Map<String, String> ids = new HashMap<>();

  /** One hostile request and what it tried. */
  record Attempt(String what, HttpMethod method, String uri, String token, MultiMap headers, String body) {
  }

  @BeforeAll
  static void setUp() {
    service = RunningService.start(HostileInputTest.class);
    contract = ContractOperations.load();
    TenantBootstrap.Bootstrapped restaurant = service.aRestaurant("敌意面馆", "A1-A3");
    String store = "/api/v1/stores/" + restaurant.store().id();
    String owner = service.signInAndAccept("hostile-owner", restaurant.ownerInvite().token());
    String invite = Responses.ok(service.call(HttpMethod.POST, store + "/invites", owner,
        new JsonObject().put("role", "staff"))).getString("token");
    String staff = service.signInAndAccept("hostile-staff", invite);
    String diner = service.signIn("hostile-diner");
    tokens.put("anonymous", "");
    tokens.put("diner", diner);
    tokens.put("staff", staff);
    tokens.put("owner", owner);

    String category = Responses.ok(service.call(HttpMethod.POST, store + "/menu/categories", owner,
        new JsonObject().put("name", "面"))).getString("id");
    String dish = Responses.ok(service.call(HttpMethod.POST, store + "/menu/dishes", owner, new JsonObject()
        .put("category_id", category).put("name", "牛肉面").put("price_fen", 1800))).getString("id");
    String table = restaurant.tables().get(0).id().toString();
    String tab = Responses.ok(service.openTab(restaurant.store(), restaurant.tables().get(0), diner)).getString("id");
    JsonObject cart = Responses.ok(service.call(HttpMethod.POST, store + "/tabs/" + tab + "/cart", diner,
        new JsonObject().put("dish_id", dish).put("quantity", 1)));
    JsonObject order = Responses.ok(service.call(HttpMethod.POST, store + "/tabs/" + tab + "/orders", diner,
        new JsonObject().put("idempotency_key", "hostile-0001").put("head_count", 2)));
    JsonObject cartAgain = Responses.ok(service.call(HttpMethod.POST, store + "/tabs/" + tab + "/cart", diner,
        new JsonObject().put("dish_id", dish).put("quantity", 1).put("cart_version",
            cart.getJsonObject("cart").getLong("version") + 1)));
    ids.putAll(Map.of("tenant", restaurant.tenantId().toString(), "store", restaurant.store().id().toString(),
        "table", table, "tab", tab, "order", order.getString("id"), "dish", dish, "category", category,
        "token", invite, "date", "2026-05-01", "user", UUID.randomUUID().toString()));
    ids.put("item", order.getJsonArray("items").getJsonObject(0).getString("id"));
    ids.put("line", cartAgain.getJsonObject("cart").getJsonArray("lines").getJsonObject(0).getString("id"));
    ids.put("dish_id", dish);
    ids.put("category_id", category);
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  @Test
  void noOperationAnswersHostileInputWithA5xxOrWithAnythingButAProblem() {
    List<Operation> operations = contract.all();
    List<Attempt> attempts = new ArrayList<>();
    int round = 0;
    for (String role : tokens.keySet()) {
      for (Operation operation : operations) {
        attempts.addAll(attemptsOn(operation, tokens.get(role), role + " " + operation.id(), round++));
      }
    }
    List<String> failures = new ArrayList<>();
    for (int from = 0; from < attempts.size(); from += IN_FLIGHT) {
      List<Attempt> batch = attempts.subList(from, Math.min(attempts.size(), from + IN_FLIGHT));
      List<HttpResponse<Buffer>> answers = Await.result(Future.all(batch.stream().map(HostileInputTest::send)
          .toList()).map(all -> all.<HttpResponse<Buffer>>list()));
      for (int i = 0; i < batch.size(); i++) {
        verdict(batch.get(i), answers.get(i)).ifPresent(failures::add);
      }
    }
    assertThat(attempts.size()).as("attempts").isGreaterThan(operations.size() * tokens.size() * 2);
    assertThat(failures).as("answers that are a 5xx or an error without a problem body").isEmpty();
  }

  /** Every kind of bad input this operation can be given, the body's fields taken in turn from round to round. */
  private static List<Attempt> attemptsOn(Operation operation, String token, String who, int round) {
    List<Attempt> attempts = new ArrayList<>();
    String uri = uri(operation, Map.of());
    JsonObject body = bodySchema(operation);
    if (body != null) {
      JsonObject valid = (JsonObject) sample(body, "");
      List<List<Object>> strings = new ArrayList<>();
      List<List<Object>> numbers = new ArrayList<>();
      List<List<Object>> leaves = new ArrayList<>();
      collectLeaves(valid, new ArrayList<>(), leaves, strings, numbers);
      attempts.add(json(who + " malformed JSON", operation, uri, token, "{\"a\": [1, "));
      attempts.add(json(who + " a body that is not an object", operation, uri, token, "[\"" + NUL + "\"]"));
      attempts.add(json(who + " an empty object", operation, uri, token, "{}"));
      attempts.add(json(who + " an extra field", operation, uri, token, valid.copy().put("zz_extra", 1).encode()));
      attempts.add(json(who + " a valid body", operation, uri, token, valid.encode()));
      if (!leaves.isEmpty()) {
        List<Object> leaf = leaves.get(round % leaves.size());
        attempts.add(json(who + " a wrong type at " + leaf, operation, uri, token,
            replaced(valid, leaf, wrongTypeFor(valueAt(valid, leaf))).encode()));
      }
      for (int i = 0; i < Math.min(2, numbers.size()); i++) {
        List<Object> number = numbers.get((round + i) % numbers.size());
        Object huge = HUGE_NUMBERS.get((round + i) % HUGE_NUMBERS.size());
        attempts.add(json(who + " " + huge + " at " + number, operation, uri, token,
            replaced(valid, number, huge).encode()));
      }
      if (!strings.isEmpty()) {
        List<Object> text = strings.get(round % strings.size());
        attempts.add(json(who + " a huge " + text, operation, uri, token, replaced(valid, text, HUGE).encode()));
        attempts.add(json(who + " a NUL in " + text, operation, uri, token, replaced(valid, text, NUL).encode()));
        attempts.add(json(who + " a lone surrogate in " + text, operation, uri, token,
            replaced(valid, text, "x" + SURROGATE_MARK).encode().replace(SURROGATE_MARK, "\\ud800")));
      }
    }
    for (JsonObject parameter : parameters(operation)) {
      String name = parameter.getString("name");
      String in = parameter.getString("in");
      for (String bad : BAD_TEXT_IN_URL) {
        String what = who + " " + in + " " + name + "=" + (bad.length() > 20 ? bad.length() + " chars" : bad);
        if (in.equals("path")) {
          attempts.add(plain(what, operation, uri(operation, Map.of(name, bad)), token, body));
        } else if (in.equals("query")) {
          attempts.add(plain(what, operation, uri + (uri.contains("?") ? "&" : "?") + name + "=" + bad, token, body));
        }
      }
    }
    attempts.add(plain(who + " an undeclared query parameter with a bad escape", operation,
        uri + (uri.contains("?") ? "&" : "?") + "zz=%", token, body));
    attempts.add(new Attempt(who + " a garbled session token", operation.method(), uri, null,
        MultiMap.caseInsensitiveMultiMap().add("Authorization", "Bearer " + "\u00ff%00".repeat(100))
            .add("If-None-Match", "\"" + "x".repeat(4_000) + "\""), body == null ? null : "{}"));
    return attempts;
  }

  private static Future<HttpResponse<Buffer>> send(Attempt attempt) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap().addAll(attempt.headers());
    if (attempt.token() != null && !attempt.token().isEmpty()) {
      headers.add("Authorization", "Bearer " + attempt.token());
    }
    if (attempt.body() != null) {
      headers.add("Content-Type", "application/json");
    }
    return service.send(attempt.method(), attempt.uri(), headers, attempt.body() == null ? null
        : Buffer.buffer(attempt.body()));
  }

  /** What is wrong with the answer, if anything. */
  private static java.util.Optional<String> verdict(Attempt attempt, HttpResponse<Buffer> response) {
    String said = abbreviated(attempt.what()) + " (" + attempt.method() + " " + abbreviated(attempt.uri())
        + ") answered " + response.statusCode() + " " + abbreviated(response.bodyAsString());
    if (response.statusCode() >= 500) {
      return java.util.Optional.of(said);
    }
    if (response.statusCode() < 400 || isWeChatPayNotification(attempt)) {
      return java.util.Optional.empty();
    }
    if (!Problems.CONTENT_TYPE.equals(response.getHeader("Content-Type"))) {
      return java.util.Optional.of(said + " as " + response.getHeader("Content-Type"));
    }
    JsonObject problem = response.bodyAsJsonObject();
    boolean complete = problem != null && problem.getString("code") != null && problem.getString("message") != null
        && problem.getString("message_en") != null;
    return complete ? java.util.Optional.empty() : java.util.Optional.of(said + ": an incomplete problem");
  }

  /** WeChat Pay reads refusals in its own form ({@code {"code":"FAIL",…}}), not as problems. */
  private static boolean isWeChatPayNotification(Attempt attempt) {
    return attempt.uri().startsWith("/api/v1/payments/wechat/");
  }

  private static String abbreviated(String text) {
    return text == null || text.length() <= 120 ? text : text.substring(0, 120) + "…";
  }

  private static Attempt json(String what, Operation operation, String uri, String token, String body) {
    return new Attempt(what, operation.method(), uri, token, MultiMap.caseInsensitiveMultiMap(), body);
  }

  private static Attempt plain(String what, Operation operation, String uri, String token, JsonObject bodySchema) {
    return new Attempt(what, operation.method(), uri, token, MultiMap.caseInsensitiveMultiMap(),
        bodySchema == null ? null : sample(bodySchema, "").toString());
  }

  /** The operation's path with real ids, and {@code overrides} put in as they are (raw, not encoded). */
  private static String uri(Operation operation, Map<String, String> overrides) {
    String path = operation.path();
    for (JsonObject parameter : parameters(operation)) {
      if (parameter.getString("in").equals("path")) {
        String name = parameter.getString("name");
        path = path.replace("{" + name + "}", overrides.getOrDefault(name, ids.getOrDefault(name,
            String.valueOf(sample(parameter.getJsonObject("schema"), name)))));
      }
    }
    return path;
  }

  private static List<JsonObject> parameters(Operation operation) {
    JsonArray declared = operation.definition().getJsonArray("parameters", new JsonArray());
    return declared.stream().map(parameter -> contract.resolve((JsonObject) parameter)).toList();
  }

  private static JsonObject bodySchema(Operation operation) {
    JsonObject body = operation.definition().getJsonObject("requestBody");
    if (body == null || !body.getJsonObject("content", new JsonObject()).containsKey("application/json")) {
      return null;
    }
    return body.getJsonObject("content").getJsonObject("application/json").getJsonObject("schema");
  }

  /** A plausible value for a schema: real ids where the name says which, the first choice of an enum, a minimum. */
  private static Object sample(JsonObject unresolved, String name) {
    JsonObject schema = contract.resolve(unresolved);
    if (schema == null) {
      return "x";
    }
    if (schema.containsKey("enum")) {
      return schema.getJsonArray("enum").getValue(0);
    }
    for (String alternatives : List.of("oneOf", "anyOf", "allOf")) {
      if (schema.containsKey(alternatives)) {
        return sample(schema.getJsonArray(alternatives).getJsonObject(0), name);
      }
    }
    Object type = schema.getValue("type", schema.containsKey("properties") ? "object" : "string");
    String kind = type instanceof JsonArray types ? types.stream().map(String::valueOf)
        .filter(t -> !t.equals("null")).findFirst().orElse("string") : String.valueOf(type);
    return switch (kind) {
      case "object" -> {
        JsonObject object = new JsonObject();
        JsonObject properties = schema.getJsonObject("properties", new JsonObject());
        properties.fieldNames().forEach(property -> object.put(property,
            sample(properties.getJsonObject(property), property)));
        yield object;
      }
      case "array" -> {
        JsonArray array = new JsonArray();
        String itemName = name.endsWith("_ids") ? name.substring(0, name.length() - 1) : name;
        for (int i = 0; i < Math.max(1, schema.getInteger("minItems", 1)); i++) {
          array.add(sample(schema.getJsonObject("items", new JsonObject()), itemName));
        }
        yield array;
      }
      case "integer", "number" -> Math.max(schema.getInteger("minimum", 1), Math.min(1,
          schema.getInteger("maximum", 1)));
      case "boolean" -> true;
      default -> {
        if (ids.containsKey(name)) {
          yield ids.get(name);
        }
        if ("uuid".equals(schema.getString("format"))) {
          yield UUID.randomUUID().toString();
        }
        if ("date".equals(schema.getString("format"))) {
          yield "2026-05-01";
        }
        if ("uri".equals(schema.getString("format"))) {
          yield "https://example.com/a.png";
        }
        if (name.contains("zone")) {
          yield "Asia/Shanghai";
        }
        String pattern = schema.getString("pattern");
        yield PATTERNED.stream().filter(candidate -> pattern == null
            || java.util.regex.Pattern.compile(pattern).matcher(candidate).find()).findFirst()
            .orElse("k" + "1".repeat(Math.max(7, schema.getInteger("minLength", 1))));
      }
    };
  }

  /** Every leaf of a sample body by its path of keys and indexes; the strings and numbers among them too. */
  private static void collectLeaves(Object value, List<Object> path, List<List<Object>> leaves,
                                    List<List<Object>> strings, List<List<Object>> numbers) {
    if (value instanceof JsonObject object) {
      for (String key : object.fieldNames()) {
        collectLeaves(object.getValue(key), with(path, key), leaves, strings, numbers);
      }
    } else if (value instanceof JsonArray array) {
      for (int i = 0; i < array.size(); i++) {
        collectLeaves(array.getValue(i), with(path, i), leaves, strings, numbers);
      }
    }
    if (!path.isEmpty()) {
      leaves.add(path);
      if (value instanceof String) {
        strings.add(path);
      } else if (value instanceof Number) {
        numbers.add(path);
      }
    }
  }

  private static List<Object> with(List<Object> path, Object step) {
    List<Object> longer = new ArrayList<>(path);
    longer.add(step);
    return longer;
  }

  private static Object valueAt(JsonObject body, List<Object> path) {
    Object value = body;
    for (Object step : path) {
      value = step instanceof Integer index ? ((JsonArray) value).getValue(index)
          : ((JsonObject) value).getValue((String) step);
    }
    return value;
  }

  private static JsonObject replaced(JsonObject body, List<Object> path, Object replacement) {
    JsonObject copy = body.copy();
    Object parent = copy;
    for (Object step : path.subList(0, path.size() - 1)) {
      parent = step instanceof Integer index ? ((JsonArray) parent).getValue(index)
          : ((JsonObject) parent).getValue((String) step);
    }
    Object last = path.get(path.size() - 1);
    if (last instanceof Integer index) {
      ((JsonArray) parent).set(index, replacement);
    } else {
      ((JsonObject) parent).put((String) last, replacement);
    }
    return copy;
  }

  private static Object wrongTypeFor(Object value) {
    if (value instanceof String) {
      return 12;
    }
    if (value instanceof JsonArray) {
      return new JsonObject().put("not", "a list");
    }
    return "not-" + value;
  }
}
