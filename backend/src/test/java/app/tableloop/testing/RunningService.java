package app.tableloop.testing;

import static org.assertj.core.api.Assertions.assertThat;

import app.tableloop.Application;
import app.tableloop.demo.DemoSeed;
import app.tableloop.identity.StaffInvites;
import app.tableloop.platform.config.DatabaseUrl;
import app.tableloop.platform.database.Database;
import app.tableloop.platform.outbox.OutboxRelay;
import app.tableloop.platform.redis.Redis;
import app.tableloop.platform.runtime.HttpSettings;
import app.tableloop.platform.runtime.VertxFactory;
import app.tableloop.tenancy.DiningTable;
import app.tableloop.tenancy.DiningTables;
import app.tableloop.tenancy.Store;
import app.tableloop.tenancy.TableScene;
import app.tableloop.tenancy.Stores;
import app.tableloop.tenancy.TableCodeRange;
import app.tableloop.tenancy.TenantBootstrap;
import app.tableloop.tenancy.BusinessHours;
import app.tableloop.tenancy.OrderingMode;
import app.tableloop.wechat.WeChatSettings;
import app.tableloop.wechat.simulator.NotificationDelivery;
import app.tableloop.wechat.simulator.WeChatSimulator;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.redisson.api.RKeys;

/**
 * The whole service, as deployed, for one test class: its own database and Redis prefix, the WeChat simulator, an
 * HTTP client, and fixtures that set up restaurants and sign people in the way real users would.
 */
public final class RunningService implements AutoCloseable {
  private final TestEnvironment env;
  private final Application app;
  private final Vertx clientVertx;
  private final WebClient client;
  /**
   * Held for the service's whole life: Vert.x closes a client nobody references any more when the garbage collector
   * finds it, and with it the sockets it opened, even one still in its handshake.
   */
  private final WebSocketClient webSockets;
  private final Database database;
  private StatementTap tap;

  private RunningService(TestEnvironment env, Application app, Vertx clientVertx, WebClient client,
                         Database database) {
    this.env = env;
    this.app = app;
    this.clientVertx = clientVertx;
    this.webSockets = clientVertx.createWebSocketClient();
    this.client = client;
    this.database = database;
  }

  public static RunningService start(Class<?> testClass) {
    return start(testClass, Map.of());
  }

  /**
   * The service on a port chosen up front and named in PUBLIC_BASE_URL, so that what WeChat Pay (the simulator)
   * sends to the service's public address arrives: payment notifications.
   */
  public static RunningService startReachable(Class<?> testClass) {
    return startReachable(testClass, Application.FEATURES);
  }

  /** As {@link #startReachable(Class)}, mounting these modules instead of the product's own. */
  public static RunningService startReachable(Class<?> testClass, Application.Modules modules) {
    return startReachable(testClass, modules, Clock.systemUTC());
  }

  /**
   * As {@link #startReachable(Class)}, the simulator on this clock: a test moves it back to make WeChat Pay's records
   * of an earlier day (only for calls made in Java: WeChat Pay refuses signed requests off its clock).
   */
  public static RunningService startReachable(Class<?> testClass, Clock simulatorClock) {
    return startReachable(testClass, Application.FEATURES, simulatorClock);
  }

  private static RunningService startReachable(Class<?> testClass, Application.Modules modules, Clock clock) {
    return start(TestEnvironment.forClass(testClass), reachable(), WeChatSettings.from(Map.of()), modules, clock);
  }

  /** The settings that make the service reachable at its public address: a free port, named in PUBLIC_BASE_URL. */
  private static Map<String, String> reachable() {
    int port = freeLoopbackPort();
    // The simulator's default port (HTTP_PORT + 10) may be taken: it takes a free one.
    return Map.of("HTTP_PORT", Integer.toString(port), "PUBLIC_BASE_URL", "http://127.0.0.1:" + port,
        "WECHAT_SIMULATOR_PORT", "0");
  }

  /** The service talking to WeChat itself, configured with these {@code WECHAT_…} variables: no simulator. */
  public static RunningService startLive(Class<?> testClass, Map<String, String> wechatVariables) {
    return start(testClass, Map.of(), WeChatSettings.from(wechatVariables), Application.FEATURES);
  }

  /** The service configured with these variables over the test environment's own (another database, say). */
  public static RunningService start(Class<?> testClass, Map<String, String> overrides) {
    return start(testClass, overrides, WeChatSettings.from(Map.of()), Application.FEATURES);
  }

  /**
   * The service connecting to its database through a {@link StatementTap} (see {@link #tap()}), which writes down
   * every statement it executes; reachable as {@link #startReachable(Class)} is, so that payments can be notified.
   */
  public static RunningService startTapped(Class<?> testClass) {
    TestEnvironment env = TestEnvironment.forClass(testClass);
    DatabaseUrl direct = env.ownerUrl();
    StatementTap tap = StatementTap.in(direct.host(), direct.port());
    Map<String, String> overrides = new HashMap<>(reachable());
    overrides.put("DATABASE_URL", TestEnvironment.uri(tap.url(direct)));
    RunningService service = start(env, overrides, WeChatSettings.from(Map.of()), Application.FEATURES);
    service.tap = tap;
    return service;
  }

  private static RunningService start(Class<?> testClass, Map<String, String> overrides, WeChatSettings wechat,
                                      Application.Modules modules) {
    return start(TestEnvironment.forClass(testClass), overrides, wechat, modules);
  }

  private static RunningService start(TestEnvironment env, Map<String, String> overrides, WeChatSettings wechat,
                                      Application.Modules modules) {
    return start(env, overrides, wechat, modules, Clock.systemUTC());
  }

  private static RunningService start(TestEnvironment env, Map<String, String> overrides, WeChatSettings wechat,
                                      Application.Modules modules, Clock clock) {
    var config = env.config(overrides);
    Application app = Application.start(config, wechat, HttpSettings.from(config), modules, clock);
    Vertx clientVertx = VertxFactory.create().vertx();
    WebClient client = WebClient.create(clientVertx, new WebClientOptions().setDefaultPort(app.port()));
    return new RunningService(env, app, clientVertx, client, Database.connect(clientVertx, env.appUrl(), 2));
  }

  public int port() {
    return app.port();
  }

  /** A WebSocket to the service (as wx.connectSocket opens one), collecting every message it receives. */
  public LiveFeed live(String path, String token) {
    WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(app.port())
        .setURI(path).addHeader("Authorization", "Bearer " + token);
    return Await.result(LiveFeed.connect(webSockets, options)).listening(Duration.ofSeconds(Await.SECONDS));
  }

  public TestEnvironment env() {
    return env;
  }

  public WeChatSimulator simulator() {
    return app.simulator().orElseThrow();
  }

  /** A restaurant set up as the command line does: tenant, store, tables and a one-time owner invite. */
  public TenantBootstrap.Bootstrapped aRestaurant(String name, String tableCodes) {
    TenantBootstrap bootstrap = new TenantBootstrap(database, new Stores(), new DiningTables(),
        new StaffInvites(database, Clock.systemUTC()));
    return Await.result(bootstrap.create(new TenantBootstrap.NewTenant(name,
        new Stores.NewStore(name + " 总店", ZoneId.of("Asia/Shanghai"), OrderingMode.PAY_FIRST, BusinessHours.ALWAYS),
        TableCodeRange.parse(tableCodes).orElseThrow())));
  }

  /**
   * The embedded default's demo restaurant, seeded into this service as its first start seeds it (its day of business
   * still being played when this answers); empty when the deployment already has a tenant.
   */
  public Optional<DemoSeed.Seeding> seedDemo() {
    String address = "http://127.0.0.1:" + app.port();
    return Await.result(new DemoSeed(clientVertx, database, address, Optional.of(simulator().baseUrl()), address,
        Clock.systemUTC()).seedIfEmpty());
  }

  /** Scans the table's mini-program code as a diner's phone does; answers the scan's proof ({@code scan_token}). */
  public String scan(Store store, DiningTable table) {
    HttpResponse<Buffer> response = get("/api/v1/scan?scene=" + URLEncoder.encode(
        new TableScene(store.code(), table.code()).scene(), StandardCharsets.UTF_8), null);
    if (response.statusCode() != 200) {
      throw new AssertionError("the scan failed: " + response.bodyAsString());
    }
    return response.bodyAsJsonObject().getString("scan_token");
  }

  /** Scans the table and opens (or joins) its tab with the scan's proof, as the mini-program does after a scan. */
  public HttpResponse<Buffer> openTab(Store store, DiningTable table, String token) {
    return call(HttpMethod.POST, "/api/v1/stores/" + store.id() + "/tables/" + table.id() + "/tab", token,
        new JsonObject().put("scan_token", scan(store, table)));
  }

  /** Signs {@code user} in through WeChat (the simulator) and answers the session token. */
  public String signIn(String user) {
    String code = simulator().miniProgram().loginCode(user, false);
    HttpResponse<Buffer> response = call(HttpMethod.POST, "/api/v1/auth/wechat", null,
        new JsonObject().put("code", code));
    if (response.statusCode() != 200) {
      throw new AssertionError("sign-in failed: " + response.bodyAsString());
    }
    return response.bodyAsJsonObject().getString("token");
  }

  /**
   * Signs {@code user} in from another loopback address (127.0.0.2 and on), as a diner on another phone would:
   * sign-ins are limited per client address, so a crowd of diners signs in from several.
   */
  public String signInFrom(String loopbackAddress, String user) {
    WebClient from = WebClient.create(clientVertx, new WebClientOptions().setDefaultPort(app.port())
        .setDefaultHost("127.0.0.1").setLocalAddress(loopbackAddress));
    try {
      HttpResponse<Buffer> response = Await.result(from.post("/api/v1/auth/wechat").sendJsonObject(
          new JsonObject().put("code", simulator().miniProgram().loginCode(user, false))));
      if (response.statusCode() != 200) {
        throw new AssertionError("sign-in failed: " + response.bodyAsString());
      }
      return response.bodyAsJsonObject().getString("token");
    } finally {
      from.close();
    }
  }

  /** Signs {@code user} in and accepts {@code inviteToken} for them; answers their session token. */
  public String signInAndAccept(String user, String inviteToken) {
    String token = signIn(user);
    HttpResponse<Buffer> accepted = call(HttpMethod.POST, "/api/v1/invites/accept", token,
        new JsonObject().put("token", inviteToken));
    if (accepted.statusCode() != 200) {
      throw new AssertionError("accepting the invite failed: " + accepted.bodyAsString());
    }
    return token;
  }

  /** Makes {@code user} an operator of the tenant (operators are appointed by operators; the first by hand). */
  public String anOperatorOf(UUID tenantId, String user) {
    String token = signIn(user);
    UUID userId = UUID.fromString(call(HttpMethod.GET, "/api/v1/me", token, null).bodyAsJsonObject()
        .getJsonObject("user").getString("id"));
    env.asOwner(sql -> sql.execute("INSERT INTO staff_roles (tenant_id, user_id, role) VALUES ('" + tenantId
        + "', '" + userId + "', 'operator')"));
    return token;
  }

  /** Deletes every key this service has in Redis: to the service, a Redis flush. */
  public void flushRedis() {
    // Redisson names a rate limiter's counters {name}:value and {name}:permits, the prefix inside the braces.
    withRawRedis(keys -> {
      keys.deleteByPattern(env.redisKeyPrefix() + "*");
      keys.deleteByPattern("{" + env.redisKeyPrefix() + "*");
    });
  }

  /** Deletes one of this service's Redis keys (named without the prefix) behind its back. */
  public void deleteFromRedis(String key) {
    withRawRedis(keys -> assertThat(keys.delete(env.redisKeyPrefix() + key)).as(key).isEqualTo(1));
  }

  private void withRawRedis(Consumer<RKeys> work) {
    Redis raw = Await.result(Redis.connect(clientVertx, Optional.of(env.redisUrl()), Optional.empty(), ""));
    try {
      work.accept(raw.client().getKeys());
    } finally {
      Await.result(raw.close());
    }
  }

  public HttpResponse<Buffer> call(HttpMethod method, String path, String token, JsonObject body) {
    return Await.result(callAsync(method, path, token, body));
  }

  /** A request not waited for, to send many at once. */
  public Future<HttpResponse<Buffer>> callAsync(HttpMethod method, String path, String token, JsonObject body) {
    HttpRequest<Buffer> request = client.request(method, path);
    if (token != null) {
      request.putHeader("Authorization", "Bearer " + token);
    }
    return body == null ? request.send() : request.sendJsonObject(body);
  }

  /** Any request, exactly as given (the URI is sent as it is, not encoded); not waited for. */
  public Future<HttpResponse<Buffer>> send(HttpMethod method, String uri, MultiMap headers, Buffer body) {
    HttpRequest<Buffer> request = client.request(method, uri).putHeaders(headers);
    return body == null ? request.send() : request.sendBuffer(body);
  }

  /** A POST of exactly {@code body} with {@code headers}, as a caller outside the mini-program sends it. */
  public HttpResponse<Buffer> postRaw(String path, MultiMap headers, String body) {
    return Await.result(client.request(HttpMethod.POST, path).putHeaders(headers).sendBuffer(Buffer.buffer(body)));
  }

  /**
   * What a GET of {@code path} answers when a change to {@code table} commits while the service reads: the owner's
   * transaction locks the table, the request runs until it waits on that lock, and then the transaction makes
   * {@code change} and commits. For tests that a read of several statements shows one moment of the database.
   */
  public HttpResponse<Buffer> getWhileChangeCommits(String path, String token, String table,
                                                    TestEnvironment.SqlWork change) {
    DatabaseUrl owner = env.ownerUrl();
    // This database's waiters only: the test databases are copies of one template, so their tables share numbers.
    String waiting = "SELECT count(*) FROM pg_locks WHERE relation = '" + table + "'::regclass AND NOT granted"
        + " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())";
    try (Connection connection = DriverManager.getConnection(owner.jdbcUrl(), owner.jdbcProperties());
         Statement sql = connection.createStatement()) {
      connection.setAutoCommit(false);
      sql.execute("LOCK TABLE " + table + " IN ACCESS EXCLUSIVE MODE");
      Future<HttpResponse<Buffer>> reading = callAsync(HttpMethod.GET, path, token, null);
      eventually(() -> env.count(waiting), blocked -> blocked == 1);
      change.run(sql);
      connection.commit();
      return Await.result(reading);
    } catch (SQLException e) {
      throw new IllegalStateException("the change to " + table + " failed: " + e.getMessage(), e);
    }
  }

  /** Polls {@code read} every 20 ms until {@code done} holds, for at most 15 s; answers the last value read. */
  public <T> T eventually(Supplier<T> read, Predicate<T> done) {
    return Await.eventually(clientVertx, read, done);
  }

  /**
   * The diner pays in the simulator while WeChat Pay's notification of it is held back, as if lost on the way;
   * answers the held notification's id.
   */
  public String payWithNotificationHeld(String outTradeNo) {
    simulator().pay().holdNotifications(true);
    try {
      simulator().pay().pay(outTradeNo);
      List<String> held = simulator().pay().heldNotifications();
      assertThat(held).hasSize(1);
      return held.get(0);
    } finally {
      simulator().pay().holdNotifications(false);
    }
  }

  /**
   * Sends a held notification now and checks that the service accepted it (a 2xx answer). Only its own deliveries
   * count: another notification (a refund's, say) may be delivered meanwhile.
   */
  public void releaseNotificationAndSeeItAccepted(String notificationId) {
    assertThat(simulator().pay().releaseNotification(notificationId)).isTrue();
    assertThat(eventually(() -> simulator().pay().notificationDeliveries().stream()
        .filter(delivery -> delivery.notificationId().equals(notificationId)).toList(),
        list -> !list.isEmpty())).singleElement().matches(NotificationDelivery::accepted);
  }

  /** Waits until the outbox relay has handled every event written so far. */
  public void eventsHandled() {
    eventually(() -> env.count("SELECT count(*) FROM outbox WHERE processed_at IS NULL"), none -> none == 0);
  }

  /**
   * The relay stopped after the handlers committed but before it marked the events processed: every event of the
   * topic comes again, and is handled now.
   */
  public void deliverAgain(String topic) {
    env.asOwner(sql -> sql.executeUpdate("UPDATE outbox SET processed_at = NULL, next_attempt_at = now()"
        + " WHERE topic = '" + topic + "'"));
    assertThat(this.<Integer>runJob(OutboxRelay.RELAY_NOW)).isPositive();
    assertThat(env.count("SELECT count(*) FROM outbox WHERE processed_at IS NULL")).isZero();
  }

  /** Runs one of the service's background jobs now, by its event-bus address, and answers its reply. */
  public <T> T runJob(String address) {
    return Await.result(app.vertx().eventBus().<T>request(address, null).map(message -> message.body()));
  }

  public HttpResponse<Buffer> get(String path, String token) {
    return call(HttpMethod.GET, path, token, null);
  }

  private static int freeLoopbackPort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A small pool on the service's database as the service's role (row-level security applies), for tests that call a
   * feature's repositories directly beside the running service; it closes with the service.
   */
  public Database database() {
    return database;
  }

  /** The tap the service's database connections go through, when started by {@link #startTapped}. */
  public StatementTap tap() {
    return tap;
  }

  @Override
  public void close() {
    stop();
    env.close();
  }

  /**
   * Stops the service and answers its database, now written by nothing, for the caller to examine (or back up) and
   * close.
   */
  public TestEnvironment stopKeepingDatabase() {
    stop();
    return env;
  }

  private void stop() {
    Await.result(database.close());
    client.close();
    Await.result(clientVertx.close());
    app.close();
    if (tap != null) {
      tap.close();
    }
  }
}
