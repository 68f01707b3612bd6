package app.tableloop.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import app.tableloop.Application;
import app.tableloop.platform.runtime.FeatureModule;
import app.tableloop.platform.runtime.Features;
import app.tableloop.platform.runtime.HttpSettings;
import app.tableloop.testing.Await;
import app.tableloop.testing.TestEnvironment;
import app.tableloop.wechat.WeChatSettings;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.validation.ValidatedRequest;
import io.vertx.pgclient.PgException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The one error model, through the real router against a small contract: every kind of bad input gets a 4xx
 * problem naming the field, a fault gets a bare 500, and nothing ever shows a stack trace.
 */
class HttpErrorModelTest {
  private static final long BODY_LIMIT = 4096;

  static TestEnvironment env;
  static Application app;
  static Vertx clientVertx;
  static WebClient client;

  /** Handlers for the test contract: echo what validation let through, fail, or reject. */
  static final class TestOrdersApi implements ApiModule {
    @Override
    public void mount(RouterBuilder api) {
      api.getRoute("createTestOrder").addHandler(rc -> {
        ValidatedRequest request = rc.get(RouterBuilder.KEY_META_DATA_VALIDATED_REQUEST);
        rc.json(new JsonObject()
            .put("store", request.getPathParameters().get("store").getString())
            .put("guests", request.getQuery().get("guests").getInteger())
            .put("order", request.getBody().getJsonObject()));
      });
      api.getRoute("failUnexpectedly").addHandler(rc -> {
        throw new IllegalStateException("connection string postgresql://secret@db leaked at line 42");
      });
      api.getRoute("failWithDatabaseDown").addHandler(rc -> rc.fail(new PgException(
          "the database system is shutting down", "FATAL", "57P03", null)));
      api.getRoute("rejectWithProblem").addHandler(rc -> rc.fail(new ProblemException(
          Problem.of(409, "sold_out", "红烧肉已售罄", "Braised pork is sold out").atField("items[0].dish"))));
    }
  }

  @BeforeAll
  static void start() {
    env = TestEnvironment.forClass(HttpErrorModelTest.class);
    var config = env.config(Map.of());
    app = Application.start(config, WeChatSettings.from(Map.of()),
        new HttpSettings("127.0.0.1", 0, BODY_LIMIT, Duration.ofSeconds(1), "openapi-error-model.yaml",
            "http://localhost", config.connectionLimits(), config.trustedProxies()),
        (platform, wechat, document) -> new Features.Api(Guard.OPEN,
            List.of(FeatureModule.serving(new TestOrdersApi()))));
    clientVertx = Vertx.vertx();
    client = WebClient.create(clientVertx, new WebClientOptions().setDefaultPort(app.port()));
  }

  @AfterAll
  static void stop() {
    client.close();
    Await.result(clientVertx.close());
    app.close();
    env.close();
  }

  @Test
  void aValidRequestPassesWithItsValidatedValues() {
    HttpResponse<Buffer> response = post("/orders/noodle-1?guests=3", validOrder().encode());

    assertThat(response.statusCode()).isEqualTo(200);
    JsonObject body = response.bodyAsJsonObject();
    assertThat(body.getInteger("guests")).isEqualTo(3);
    assertThat(body.getJsonObject("order").getString("table")).isEqualTo("A12");
  }

  @Test
  void malformedJsonIsA400ProblemAboutTheBody() {
    JsonObject problem = problem(post("/orders/noodle-1?guests=3", "{\"table\": \"A12\", \"items\": ["), 400);

    assertThat(problem.getString("code")).isEqualTo("malformed_json");
    assertThat(problem.getString("field")).isEqualTo("body");
    assertThat(problem.getString("message")).contains("JSON");
  }

  @Test
  void aWrongTypeNamesTheNestedField() {
    JsonObject order = validOrder();
    order.getJsonArray("items").getJsonObject(0).put("quantity", "two");

    JsonObject problem = problem(post("/orders/noodle-1?guests=3", order.encode()), 400);

    assertThat(problem.getString("code")).isEqualTo("invalid_field");
    assertThat(problem.getString("field")).isEqualTo("items[0].quantity");
  }

  @Test
  void aValueOutOfRangeNamesTheField() {
    JsonObject order = validOrder();
    order.getJsonArray("items").getJsonObject(0).put("quantity", 100);

    JsonObject problem = problem(post("/orders/noodle-1?guests=3", order.encode()), 400);

    assertThat(problem.getString("field")).isEqualTo("items[0].quantity");
  }

  @Test
  void aMissingRequiredPropertyIsNamed() {
    JsonObject order = validOrder();
    order.remove("table");

    JsonObject problem = problem(post("/orders/noodle-1?guests=3", order.encode()), 400);

    assertThat(problem.getString("field")).isEqualTo("table");
    assertThat(problem.getString("message")).contains("table");
  }

  @Test
  void anUnknownPropertyIsRejected() {
    JsonObject problem = problem(post("/orders/noodle-1?guests=3", validOrder().put("price", 1).encode()), 400);

    assertThat(problem.getString("code")).isEqualTo("invalid_field");
  }

  @Test
  void badQueryAndPathParametersAreNamed() {
    assertThat(problem(post("/orders/noodle-1?guests=lots", validOrder().encode()), 400).getString("field"))
        .isEqualTo("guests");
    assertThat(problem(post("/orders/noodle-1", validOrder().encode()), 400).getString("field"))
        .isEqualTo("guests");
    assertThat(problem(post("/orders/NO!?guests=2", validOrder().encode()), 400).getString("field"))
        .isEqualTo("store");
  }

  @Test
  void aMissingBodyIsA400() {
    JsonObject problem = problem(Await.result(client.post("/orders/noodle-1?guests=2").send()), 400);

    assertThat(problem.getString("code")).isEqualTo("missing_field");
    assertThat(problem.getString("field")).isEqualTo("body");
  }

  @Test
  void anOversizeBodyIsA413ProblemWithTheLimit() {
    JsonObject order = validOrder().put("note", "很".repeat((int) BODY_LIMIT));

    JsonObject problem = problem(post("/orders/noodle-1?guests=3", order.encode()), 413);

    assertThat(problem.getString("code")).isEqualTo("payload_too_large");
    assertThat(problem.getString("message_en")).contains(Long.toString(BODY_LIMIT));
  }

  @Test
  void anotherContentTypeIsA415() {
    HttpResponse<Buffer> response = Await.result(client.post("/orders/noodle-1?guests=3")
        .putHeader("Content-Type", "text/csv").sendBuffer(Buffer.buffer("table,A12")));

    assertThat(problem(response, 415).getString("code")).isEqualTo("unsupported_media_type");
  }

  @Test
  void unknownRoutesAndMethodsAreProblemsToo() {
    assertThat(problem(Await.result(client.get("/no/such/thing").send()), 404).getString("code"))
        .isEqualTo("not_found");
    assertThat(problem(Await.result(client.delete("/failing").send()), 405).getString("code"))
        .isEqualTo("method_not_allowed");
  }

  @Test
  void aRequestTheHttpDecoderGivesUpOnIsAProblemToo() {
    HttpResponse<Buffer> longUri = Await.result(client.get("/orders/" + "a".repeat(5_000)).send());
    HttpResponse<Buffer> hugeHeaders = Await.result(client.get("/failing").putHeader("X-Padding", "p".repeat(9_000))
        .send());

    assertThat(longUri.statusCode()).isEqualTo(414);
    assertThat(longUri.getHeader("Content-Type")).isEqualTo(Problems.CONTENT_TYPE);
    assertThat(longUri.bodyAsJsonObject().getString("code")).isEqualTo("uri_too_long");
    assertThat(longUri.bodyAsJsonObject().getString("message")).isNotBlank();
    assertThat(hugeHeaders.statusCode()).isEqualTo(431);
    assertThat(hugeHeaders.bodyAsJsonObject().getString("code")).isEqualTo("headers_too_large");
  }

  @Test
  void aFaultIsAPlain500ThatRevealsNothing() {
    HttpResponse<Buffer> response = Await.result(client.get("/failing").send());

    JsonObject problem = problem(response, 500);
    assertThat(problem.getString("code")).isEqualTo("internal_error");
    assertThat(response.bodyAsString()).doesNotContain("secret", "IllegalStateException", "line 42", "at app.");
  }

  @Test
  void aDatabaseThatIsDownIsA503WithRetryAfterNotAFault() {
    HttpResponse<Buffer> response = Await.result(client.get("/unavailable").send());

    JsonObject problem = problem(response, 503);
    assertThat(problem.getString("code")).isEqualTo("service_unavailable");
    assertThat(response.getHeader("Retry-After")).matches("[1-9][0-9]?");
  }

  @Test
  void nulAndLoneSurrogatesInTheBodyAreRefusedNamingTheField() {
    JsonObject withNul = validOrder();
    withNul.getJsonArray("items").getJsonObject(0).put("dish", "beef\u0000noodles");
    String escapedSurrogate = "{\"table\":\"A12\",\"note\":\"half \\ud800 a pair\","
        + "\"items\":[{\"dish\":\"beef-noodles\",\"quantity\":1}]}";
    String escapedNul = "{\"table\":\"A\\u000012\",\"items\":[{\"dish\":\"beef-noodles\",\"quantity\":1}]}";

    JsonObject nul = problem(post("/orders/noodle-1?guests=3", withNul.encode()), 400);
    assertThat(nul.getString("code")).isEqualTo("invalid_field");
    assertThat(nul.getString("field")).isEqualTo("items[0].dish");
    assertThat(problem(post("/orders/noodle-1?guests=3", escapedSurrogate), 400).getString("field"))
        .isEqualTo("note");
    assertThat(problem(post("/orders/noodle-1?guests=3", escapedNul), 400).getString("field")).isEqualTo("table");
    assertThat(post("/orders/noodle-1?guests=3", validOrder().put("note", "辣 🌶 a whole pair").encode())
        .statusCode()).isEqualTo(200);
  }

  @Test
  void nulAndLoneSurrogatesInParametersAreRefusedNamingTheParameter() {
    String order = validOrder().encode();

    assertThat(problem(post("/orders/noodle-1?guests=3&label=a%00b", order), 400).getString("field"))
        .isEqualTo("label");
    assertThat(problem(post("/orders/noodle-1?guests=3&label=%ED%A0%80", order), 400).getString("field"))
        .isEqualTo("label");
    assertThat(problem(post("/orders/noo%00dle?guests=3", order), 400).getString("field")).isEqualTo("store");
    assertThat(post("/orders/noodle-1?guests=3&label=%E8%BE%A3+hot", order).statusCode()).isEqualTo(200);
  }

  @Test
  void badPercentEscapesAreA400AnywhereEvenOnUnknownPaths() {
    String order = validOrder().encode();
    for (String uri : List.of("/orders/noodle-1?guests=%G1", "/orders/noodle-1?guests=3&label=%",
        "/orders/noodle-1?guests=3&label=%E4%B8", "/orders/noodle-1?guests=3&%ZZ=1", "/orders/noodle%G1?guests=3")) {
      assertThat(problem(post(uri, order), 400).getString("code")).as(uri).isIn("bad_request", "invalid_field");
    }
    for (String uri : List.of("/no/such/thing?x=%G1", "/no/such/%G1", "/failing?x=%", "/rejecting/%E4%B8")) {
      assertThat(problem(Await.result(client.get(uri).send()), 400).getString("code")).as(uri)
          .isIn("bad_request", "invalid_field");
    }
  }

  @Test
  void aBusinessRejectionKeepsItsStatusCodeAndField() {
    JsonObject problem = problem(Await.result(client.get("/rejecting").send()), 409);

    assertThat(problem.getString("code")).isEqualTo("sold_out");
    assertThat(problem.getString("message")).isEqualTo("红烧肉已售罄");
    assertThat(problem.getString("message_en")).isEqualTo("Braised pork is sold out");
    assertThat(problem.getString("field")).isEqualTo("items[0].dish");
  }

  @Test
  void everyResponseCarriesARequestIdAndKeepsTheCallersOwn() {
    HttpResponse<Buffer> fresh = Await.result(client.get("/no/such/thing").send());
    HttpResponse<Buffer> echoed = Await.result(client.get("/no/such/thing")
        .putHeader(RequestIds.HEADER, "mini-program-7f3a").send());
    HttpResponse<Buffer> refused = Await.result(client.get("/no/such/thing")
        .putHeader(RequestIds.HEADER, "bad id with spaces").send());

    assertThat(fresh.getHeader(RequestIds.HEADER)).matches("[0-9a-f]{24}");
    assertThat(fresh.bodyAsJsonObject().getString("request_id")).isEqualTo(fresh.getHeader(RequestIds.HEADER));
    assertThat(echoed.getHeader(RequestIds.HEADER)).isEqualTo("mini-program-7f3a");
    assertThat(refused.getHeader(RequestIds.HEADER)).matches("[0-9a-f]{24}");
  }

  private static JsonObject validOrder() {
    return new JsonObject()
        .put("table", "A12")
        .put("items", new JsonArray().add(new JsonObject().put("dish", "beef-noodles").put("quantity", 2)));
  }

  private static HttpResponse<Buffer> post(String uri, String json) {
    return Await.result(client.post(uri).putHeader("Content-Type", "application/json")
        .sendBuffer(Buffer.buffer(json)));
  }

  private static JsonObject problem(HttpResponse<Buffer> response, int status) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
    assertThat(response.getHeader("Content-Type")).isEqualTo(Problems.CONTENT_TYPE);
    JsonObject problem = response.bodyAsJsonObject();
    assertThat(problem.getInteger("status")).isEqualTo(status);
    assertThat(problem.getString("code")).isNotBlank();
    assertThat(problem.getString("message")).isNotBlank();
    assertThat(problem.getString("message_en")).isNotBlank();
    assertThat(problem.getString("request_id")).isEqualTo(response.getHeader(RequestIds.HEADER));
    return problem;
  }
}
