package app.tableloop.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import app.tableloop.testing.Await;
import app.tableloop.testing.CapturedLog;
import app.tableloop.testing.LiveFeed;
import app.tableloop.testing.RunningService;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A hostile crowd on loopback: hundreds of clients that send half a request and hold, or drip a byte at a time, or
 * give up half-way, while the service keeps answering everyone else and cuts them off after its request timeout.
 * Clients come from several loopback addresses (127.0.0.x) as they would from several machines.
 */
class SlowClientsTest {
  private static final int PER_ADDRESS = 50;
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(4);
  private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(5);

  static RunningService service;
  static Vertx clients;
  static UUID store;
  static String owner;
  private final Map<String, NetClient> byAddress = new ConcurrentHashMap<>();
  private final List<Client> opened = new ArrayList<>();

  /** One raw connection: what it was sent back, and whether the server closed it. */
  private static final class Client {
    final NetSocket socket;
    final Buffer received = Buffer.buffer();
    final Promise<Void> closed = Promise.promise();
    long dripping = -1;

    Client(NetSocket socket) {
      this.socket = socket;
      socket.handler(received::appendBuffer);
      socket.closeHandler(done -> {
        clients.cancelTimer(dripping);
        closed.tryComplete();
      });
    }

    boolean isClosed() {
      return closed.future().isComplete();
    }
  }

  @BeforeAll
  static void start() {
    service = RunningService.start(SlowClientsTest.class, Map.of(
        "HTTP_REQUEST_TIMEOUT_SECONDS", Long.toString(REQUEST_TIMEOUT.toSeconds()),
        "HTTP_IDLE_TIMEOUT_SECONDS", Long.toString(IDLE_TIMEOUT.toSeconds()),
        "HTTP_MAX_CONNECTIONS_PER_ADDRESS", Integer.toString(PER_ADDRESS)));
    var restaurant = service.aRestaurant("慢客小馆", "A1-A2");
    store = restaurant.store().id();
    owner = service.signInAndAccept("owner", restaurant.ownerInvite().token());
    clients = Vertx.vertx();
  }

  @AfterAll
  static void stop() {
    Await.result(clients.close());
    service.close();
  }

  @AfterEach
  void closeEveryClient() {
    opened.forEach(client -> {
      clients.cancelTimer(client.dripping);
      client.socket.close();
    });
    byAddress.values().forEach(NetClient::close);
  }

  @Test
  void heldAndDrippingClientsAreCutOffWhileEveryoneElseIsAnsweredPromptly() {
    List<Client> halfHeads = connect(IntStream.rangeClosed(2, 8), 45);
    List<Client> drippers = connect(IntStream.rangeClosed(9, 10), 25);
    List<Client> quitters = connect(IntStream.rangeClosed(11, 11), 25);
    List<Client> keptAlive = connect(IntStream.rangeClosed(12, 12), 10);
    halfHeads.forEach(c -> c.socket.write("GET /api/v1/stores/" + store + "/menu HTTP/1.1\r\nHost: 127.0.0.1\r\n"));
    drippers.forEach(c -> {
      c.socket.write("GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ");
      c.dripping = clients.setPeriodic(250, id -> c.socket.write("a"));
    });
    keptAlive.forEach(c -> c.socket.write("GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"));
    int crowd = halfHeads.size() + drippers.size() + quitters.size() + keptAlive.size();
    assertThat(crowd).isEqualTo(400);

    try (CapturedLog log = CapturedLog.start()) {
      // Half a body, then the client gives up: the server must not treat that as its own fault.
      quitters.forEach(c -> c.socket.write("POST /api/v1/auth/wechat HTTP/1.1\r\nHost: 127.0.0.1\r\n"
          + "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"code\":").onSuccess(sent -> c.socket.close()));

      for (String path : List.of("/health/live", "/health/ready", "/api/v1/stores/" + store + "/menu")) {
        long started = System.nanoTime();
        HttpResponse<Buffer> response = service.get(path, null);
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as(path + " answers promptly")
            .isLessThan(Duration.ofSeconds(2));
      }
      assertThat(halfHeads.stream().filter(Client::isClosed)).as("still held while the service answered").isEmpty();

      Await.result(Future.all(opened.stream().map(c -> c.closed.future()).toList()));
      assertThat(halfHeads).allSatisfy(c -> assertThat(c.received.length()).as("no answer to half a request")
          .isZero());
      assertThat(drippers).allSatisfy(c -> assertThat(c.received.length()).isZero());
      assertThat(keptAlive).allSatisfy(c -> assertThat(c.received.toString()).startsWith("HTTP/1.1 200"));
      assertThat(service.get("/health/live", null).statusCode()).isEqualTo(200);
      assertThat(log.events()).as("slow and vanishing clients are no error of ours")
          .noneMatch(event -> event.getLevel().isGreaterOrEqual(Level.WARN));
    }
  }

  @Test
  void beyondItsShareAnAddressGetsNoPatienceButAProbeThatAsksAtOnceIsAnswered() {
    List<Client> held = connect(IntStream.rangeClosed(20, 20), PER_ADDRESS);
    // Each asks once and keeps its connection: answered, it was surely let in (within the share) before the next
    // ones arrive; a connection the client sees open may not have reached the server's gate yet.
    held.forEach(c -> c.socket.write("GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"));
    service.eventually(() -> held.stream().allMatch(c -> c.received.length() > 0), answered -> answered);

    Client silent = connect(IntStream.rangeClosed(20, 20), 1).get(0);
    // Counted the moment the silent one is cut off: a busy machine may take longer than the request timeout to get
    // through the checks below, by which time the held ones are rightly gone too.
    Future<Long> heldClosedWithIt = silent.closed.future().map(cut -> held.stream().filter(Client::isClosed).count());
    Client probe = connect(IntStream.rangeClosed(20, 20), 1).get(0);
    probe.socket.write("GET /health/ready HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    Client neighbour = connect(IntStream.rangeClosed(21, 21), 1).get(0);
    neighbour.socket.write("GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");

    Await.result(probe.closed.future());
    assertThat(probe.received.toString()).as("a probe from the crowded address is answered")
        .startsWith("HTTP/1.1 200").contains("\"UP\"");
    assertThat(Await.result(heldClosedWithIt)).as("cut off before the request timeout cuts off those within the share")
        .isZero();
    assertThat(silent.received.length()).as("closed unanswered").isZero();
    Await.result(neighbour.closed.future());
    assertThat(neighbour.received.toString()).as("another address is served").startsWith("HTTP/1.1 200");

    held.forEach(c -> c.socket.close());
    Await.result(Future.all(held.stream().map(c -> c.closed.future()).toList()));
  }

  @Test
  void aQuietLiveFeedOutlivesTheIdleTimeout() {
    try (LiveFeed kitchen = service.live("/api/v1/stores/" + store + "/kitchen/live", owner)) {
      kitchen.next(message -> message.getString("type").equals("orders"), Duration.ofSeconds(5));

      // Nothing happens in the kitchen for longer than the idle timeout: the server's pings keep the feed open.
      Await.result(clients.timer(IDLE_TIMEOUT.multipliedBy(3).dividedBy(2).toMillis()));

      assertThat(kitchen.isOpen()).isTrue();
    }
  }

  /** {@code perAddress} connections from each 127.0.0.x in {@code lastOctets}, once all are open. */
  private List<Client> connect(IntStream lastOctets, int perAddress) {
    List<Future<Client>> connecting = new ArrayList<>();
    lastOctets.mapToObj(octet -> "127.0.0." + octet).forEach(address -> {
      NetClient client = byAddress.computeIfAbsent(address,
          from -> clients.createNetClient(new NetClientOptions().setLocalAddress(from)));
      for (int i = 0; i < perAddress; i++) {
        // Watched from the moment it opens, on its event loop: a refused one is closed before a test thread looks.
        connecting.add(client.connect(service.port(), "127.0.0.1").map(Client::new));
      }
    });
    List<Client> connected = Await.result(Future.all(connecting)).list();
    opened.addAll(connected);
    return connected;
  }
}
