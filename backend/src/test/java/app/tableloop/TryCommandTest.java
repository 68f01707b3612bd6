package app.tableloop;

import static org.assertj.core.api.Assertions.assertThat;

import app.tableloop.demo.DemoSeed;
import app.tableloop.demo.TryItLog;
import app.tableloop.platform.database.Database;
import app.tableloop.platform.runtime.VertxFactory;
import app.tableloop.testing.Await;
import app.tableloop.testing.CapturedLog;
import app.tableloop.testing.RunningService;
import io.vertx.core.Vertx;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The newcomer's five minutes: with the demo restaurant seeded and its day played, {@code try} walks the owner's and a
 * diner's flows through the running service and says so; it names the step that fails, and the start log gives what
 * carrying on by hand needs.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TryCommandTest {
  private static final Pattern INVITE_TOKEN = Pattern.compile("owner invite token: ([A-Za-z0-9_-]{22}) ");
  static RunningService service;
  static DemoSeed.Seeding seeding;

  /** What one run of the command printed, and its exit status. */
  record Ran(int status, String out, String err) {
  }

  @BeforeAll
  static void setUp() {
    service = RunningService.startReachable(TryCommandTest.class);
    seeding = service.seedDemo().orElseThrow();
    Await.result(seeding.day(), 120);
  }

  /**
   * The demo's day signs in some 30 people from this address, as many as the service lets in a minute; each test
   * starts with the limits cleared, so as not to wait for them (the walk would: it waits out a 429).
   */
  @BeforeEach
  void clearSignInLimits() {
    service.flushRedis();
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  @Test
  @Order(1)
  void theDemoOwnerAndADinerWalkEveryStepAndBothLiveFeedsShowIt() {
    Ran ran = tryIt(List.of("--url", url(), "--simulator", service.simulator().baseUrl()));

    assertThat(ran.status()).as(ran.err()).isZero();
    assertThat(ran.out()).contains("ok  owner holds the store", "demo-owner is the owner of store "
            + seeding.restaurant().store().id(), "code " + seeding.restaurant().store().code(),
        "table A12 is free: " + url() + "/t/" + seeding.restaurant().store().code() + "/A12",
        "ok  tab feed shows the cart", "ok  tab feed shows the payment", "ok  kitchen feed shows the order",
        "ok  owner reads the settlement", "Every step did what it should");
    assertThat(ran.out()).containsPattern("diner places the order .* -> order A\\d{3}, ¥\\d+\\.\\d{2}, "
        + "awaiting_payment");
    assertThat(ran.out().lines().filter(line -> line.startsWith("ok  "))).hasSize(23);
    assertThat(ran.out() + ran.err()).doesNotContain("Bearer").doesNotContain("FAILED");
  }

  @Test
  @Order(2)
  void theTableIsFreeAgainSoTheWalkRunsTwice() {
    Ran ran = tryIt(List.of("--url", url(), "--simulator", service.simulator().baseUrl()));

    assertThat(ran.status()).as(ran.err()).isZero();
    assertThat(ran.out()).contains("table A12 is free");
  }

  @Test
  @Order(3)
  void anUnknownInviteFailsNamingTheStep() {
    Ran ran = tryIt(List.of("--url", url(), "--simulator", service.simulator().baseUrl(),
        "--invite", "AAAAAAAAAAAAAAAAAAAAAA"));

    assertThat(ran.status()).isEqualTo(1);
    assertThat(ran.err()).startsWith("FAILED owner accepts the invite: ").contains("answered 404");
    assertThat(ran.out()).doesNotContain("ok  store code");
  }

  @Test
  @Order(4)
  void anUnreachableServiceFailsAtTheFirstCallToIt() throws IOException {
    Ran ran = tryIt(List.of("--url", "http://127.0.0.1:" + unusedPort(), "--simulator",
        service.simulator().baseUrl()));

    assertThat(ran.status()).isEqualTo(1);
    assertThat(ran.err()).startsWith("FAILED owner signs in: ");
  }

  @Test
  @Order(5)
  void theStartLogGivesTheOwnerInviteUntilSomeoneTakesItAndThenNone() {
    String first = tryItLog();
    assertThat(first).contains("WeChat simulator:   " + service.simulator().baseUrl(),
        "demo store:         " + seeding.restaurant().store().name() + ", code " + seeding.restaurant().store().code(),
        "a table link:       " + url() + "/t/" + seeding.restaurant().store().code() + "/A12",
        "try --url " + url() + " --simulator " + service.simulator().baseUrl());
    Matcher invite = INVITE_TOKEN.matcher(first);
    assertThat(invite.find()).as(first).isTrue();

    Ran ran = tryIt(List.of("--url", url(), "--simulator", service.simulator().baseUrl(),
        "--invite", invite.group(1)));
    assertThat(ran.status()).as(ran.err()).isZero();
    assertThat(ran.out()).contains("ok  owner accepts the invite");

    assertThat(tryItLog()).contains("owner invite token: none").doesNotContain(invite.group(1));
  }

  @Test
  @Order(6)
  void badOptionsAreAUsageError() {
    Ran ran = tryIt(List.of("--port", "8080"));

    assertThat(ran.status()).isEqualTo(64);
    assertThat(ran.err()).contains("Unknown option or missing value: --port", "Usage: java -jar tableloop.jar try");
  }

  private static String tryItLog() {
    Vertx vertx = VertxFactory.create().vertx();
    Database database = Database.connect(vertx, service.env().appUrl(), 1);
    try (CapturedLog log = CapturedLog.start()) {
      Await.result(new TryItLog(vertx, database, url(), service.simulator().baseUrl(), url(), Clock.systemUTC())
          .log(Optional.empty()));
      return log.text();
    } finally {
      Await.result(database.close());
      Await.result(vertx.close());
    }
  }

  private static Ran tryIt(List<String> arguments) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = TryCommand.run(arguments, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Ran(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static String url() {
    return "http://127.0.0.1:" + service.port();
  }

  private static int unusedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
