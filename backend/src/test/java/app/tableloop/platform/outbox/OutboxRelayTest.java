package app.tableloop.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import app.tableloop.platform.database.Database;
import app.tableloop.testing.Await;
import app.tableloop.testing.DatabaseUnderTest;
import app.tableloop.testing.MutableClock;
import app.tableloop.testing.StatementTap;
import app.tableloop.testing.TestEnvironment;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The outbox relay against the real database: two relays sharing the work, a handler that fails and recovers, a
 * parked event, and a relay that dies in the middle of a batch. Each test uses its own topic, so that the events of one
 * test are not the work of another.
 */
class OutboxRelayTest {
  private static final RelaySettings FAST = new RelaySettings(Duration.ofSeconds(1), 50, 3, Duration.ofSeconds(5),
      Duration.ofMinutes(1));

  static DatabaseUnderTest under;
  static TestEnvironment env;
  static Database database;

  private final UUID tenant = UUID.randomUUID();
  private final MutableClock clock = MutableClock.startingNow();

  @BeforeAll
  static void setUp() {
    under = DatabaseUnderTest.forClass(OutboxRelayTest.class, 8);
    env = under.env();
    database = under.database();
    env.aTenantTable("effects", "event_id bigint NOT NULL, handler text NOT NULL");
  }

  @AfterAll
  static void tearDown() {
    under.close();
  }

  @Test
  void twoRelaysOnOneDatabaseDeliverEachEventToEachHandlerOnce() {
    String topic = "test.shared";
    publish(topic, 240);
    Database second = under.anotherPool(4, "relay-test-second");
    List<EventHandler> handlers = List.of(recording("points", topic), recording("visits", topic));
    OutboxRelay one = new OutboxRelay(database, handlers, FAST, clock, new SimpleMeterRegistry());
    OutboxRelay two = new OutboxRelay(second, handlers, FAST, clock, new SimpleMeterRegistry());
    try {
      int[] settled = new int[2];
      while (waiting(topic) > 0) {
        List<Integer> passes = Await.result(Future.all(one.pass(), two.pass()).map(all -> all.<Integer>list()));
        settled[0] += passes.get(0);
        settled[1] += passes.get(1);
      }

      assertThat(settled[0]).as("the first relay took a share").isPositive();
      assertThat(settled[1]).as("the second relay took a share").isPositive();
      assertThat(settled[0] + settled[1]).as("no event settled twice").isEqualTo(240);
    } finally {
      Await.result(second.close());
    }
    assertThat(env.count(effects(topic, "points"))).isEqualTo(240);
    assertThat(env.count(effects(topic, "visits"))).isEqualTo(240);
    assertThat(env.count("SELECT count(*) FROM (SELECT event_id, handler FROM effects GROUP BY 1, 2"
        + " HAVING count(*) > 1) twice")).isZero();
  }

  @Test
  void aHandlerThatFailsTwiceThenSucceedsIsTriedAgainLaterEachTimeWaitingLonger() {
    String topic = "test.flaky";
    long event = publish(topic, 1).get(0);
    AtomicInteger calls = new AtomicInteger();
    SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    OutboxRelay relay = new OutboxRelay(database, List.of(handler("flaky", topic, (sql, delivered) ->
        calls.incrementAndGet() <= 2 ? Future.failedFuture("the points service is down")
            : record(sql, delivered, "flaky"))), FAST, clock, metrics);

    Await.result(relay.pass());
    assertThat(env.count("SELECT attempts FROM outbox WHERE id = " + event)).isEqualTo(1);
    assertThat(env.count("SELECT count(*) FROM outbox WHERE last_error LIKE '%the points service is down%'"
        + " AND id = " + event)).isEqualTo(1);
    Await.result(relay.pass());
    assertThat(calls.get()).as("not due again before its backoff").isEqualTo(1);

    clock.advance(Duration.ofSeconds(5));
    Await.result(relay.pass());
    assertThat(calls.get()).isEqualTo(2);
    clock.advance(Duration.ofSeconds(5));
    Await.result(relay.pass());
    assertThat(calls.get()).as("the second wait is twice the first").isEqualTo(2);
    clock.advance(Duration.ofSeconds(5));
    Await.result(relay.pass());

    assertThat(calls.get()).isEqualTo(3);
    assertThat(env.count(effects(topic, "flaky"))).isEqualTo(1);
    assertThat(env.count("SELECT count(*) FROM outbox WHERE processed_at IS NOT NULL AND last_error IS NULL"
        + " AND id = " + event)).isEqualTo(1);
    assertThat(metrics.counter("tableloop.outbox.failed", "handler", "flaky").count()).isEqualTo(2);
    assertThat(metrics.counter("tableloop.outbox.delivered", "handler", "flaky").count()).isEqualTo(1);
  }

  @Test
  void aHandlerThatFailsUndoesItsOwnWorkOnlyAndTheHandlersBeforeItAreNotRunAgain() {
    String topic = "test.partly";
    long event = publish(topic, 1).get(0);
    AtomicInteger stampsCalls = new AtomicInteger();
    AtomicInteger halfCalls = new AtomicInteger();
    OutboxRelay relay = new OutboxRelay(database, List.of(
        handler("stamps", topic, (sql, delivered) -> {
          stampsCalls.incrementAndGet();
          return record(sql, delivered, "stamps");
        }),
        // Writes, then fails in the database the first time: its write is undone and the transaction, aborted by the
        // error, goes on to record the failure.
        handler("half", topic, (sql, delivered) -> record(sql, delivered, "half")
            .compose(recorded -> halfCalls.incrementAndGet() == 1
                ? sql.query("SELECT 1 / 0").execute().<Void>mapEmpty() : Future.<Void>succeededFuture())),
        recording("after", topic)), FAST, clock, new SimpleMeterRegistry());

    Await.result(relay.pass());
    assertThat(env.count(effects(topic, "stamps"))).as("the handler before the failure kept its work").isEqualTo(1);
    assertThat(env.count(effects(topic, "half"))).as("the failing handler's write undone").isZero();
    assertThat(env.count(effects(topic, "after"))).as("no handler after the failure ran").isZero();
    assertThat(env.count("SELECT count(*) FROM outbox WHERE attempts = 1 AND processed_at IS NULL"
        + " AND last_error LIKE 'half: %division by zero%' AND id = " + event)).isEqualTo(1);

    clock.advance(Duration.ofSeconds(5));
    Await.result(relay.pass());

    assertThat(stampsCalls.get()).as("what succeeded is not run again").isEqualTo(1);
    assertThat(halfCalls.get()).isEqualTo(2);
    assertThat(env.count(effects(topic, "half"))).isEqualTo(1);
    assertThat(env.count(effects(topic, "after"))).isEqualTo(1);
    assertThat(waiting(topic)).isZero();
  }

  @Test
  void anEventWhoseCommitIsRefusedIsSettledAsFailedOnItsOwnAndNothingOfItIsWrittenOrCounted() {
    String topic = "test.refused-commit";
    long event = publish(topic, 1).get(0);
    // Checked only at the commit: a stamp written twice passes both inserts and fails the commit.
    env.aTenantTable("stamps", "stamp text NOT NULL UNIQUE DEFERRABLE INITIALLY DEFERRED");
    AtomicBoolean twice = new AtomicBoolean(true);
    SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    OutboxRelay relay = new OutboxRelay(database, List.of(handler("stamper", topic, (sql, delivered) -> {
      Future<Void> stamped = stamp(sql, delivered);
      return twice.get() ? stamped.compose(once -> stamp(sql, delivered)) : stamped;
    })), FAST, clock, metrics);

    Await.result(relay.pass());

    assertThat(env.count("SELECT count(*) FROM stamps")).isZero();
    assertThat(env.count("SELECT count(*) FROM outbox_handled WHERE event_id = " + event)).isZero();
    assertThat(env.count("SELECT count(*) FROM outbox WHERE attempts = 1 AND processed_at IS NULL"
        + " AND last_error LIKE 'the delivery''s transaction: %stamps_stamp_key%' AND id = " + event)).isEqualTo(1);
    assertThat(metrics.counter("tableloop.outbox.delivered", "handler", "stamper").count())
        .as("a delivery that did not commit is not counted").isZero();

    twice.set(false);
    clock.advance(Duration.ofSeconds(5));
    Await.result(relay.pass());

    assertThat(env.count("SELECT count(*) FROM stamps")).isEqualTo(1);
    assertThat(waiting(topic)).isZero();
    assertThat(metrics.counter("tableloop.outbox.delivered", "handler", "stamper").count()).isEqualTo(1);
  }

  @Test
  void anEventIsDeliveredToItsHandlersAndSettledInOneTransaction() {
    String topic = "test.one-transaction";
    publish(topic, 2);
    // One event loop, the connection's and the relay's, so that what is meant to travel together does.
    Vertx oneLoop = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    try (StatementTap tap = StatementTap.in(env.appUrl().host(), env.appUrl().port())) {
      Database tapped = Database.connect(oneLoop, tap.url(env.appUrl()), 1, "relay-tapped");
      try {
        OutboxRelay relay = new OutboxRelay(tapped, List.of(recording("points", topic), recording("visits", topic)),
            FAST, clock, new SimpleMeterRegistry());

        Await.result(Await.on(oneLoop.getOrCreateContext(), relay::pass));

        List<StatementTap.Unit> deliveries = tap.units().stream().filter(unit -> unit.mentions("outbox_handled"))
            .toList();
        assertThat(deliveries).as("a transaction an event").hasSize(2);
        assertThat(deliveries).allSatisfy(delivery -> {
          assertThat(delivery.statements().stream().filter(sql -> sql.contains("INSERT INTO effects")))
              .as("both handlers").hasSize(2);
          assertThat(delivery.mentions("outbox_event_processed")).as("settled with them").isTrue();
          assertThat(delivery.sentWithTheOneBefore("INSERT INTO outbox_handled"))
              .as("a handler's savepoint travels with its record").isTrue();
        });
      } finally {
        Await.result(tapped.close());
      }
    } finally {
      Await.result(oneLoop.close());
    }
    assertThat(env.count(effects(topic, "points"))).isEqualTo(2);
    assertThat(env.count(effects(topic, "visits"))).isEqualTo(2);
    assertThat(waiting(topic)).isZero();
  }

  @Test
  void anEventThatKeepsFailingIsParkedWithItsErrorAndLeftAlone() {
    String topic = "test.broken";
    long event = publish(topic, 1).get(0);
    AtomicInteger calls = new AtomicInteger();
    SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    OutboxRelay relay = new OutboxRelay(database, List.of(handler("broken", topic, (sql, delivered) -> {
      calls.incrementAndGet();
      return Future.failedFuture(new IllegalStateException("no such member"));
    })), FAST, clock, metrics);

    for (int pass = 0; pass < 6; pass++) {
      Await.result(relay.pass());
      clock.advance(Duration.ofMinutes(1));
    }

    assertThat(calls.get()).as("parked after the third failure").isEqualTo(3);
    assertThat(env.count("SELECT count(*) FROM outbox WHERE parked_at IS NOT NULL AND processed_at IS NULL"
        + " AND attempts = 3 AND last_error LIKE '%no such member%' AND id = " + event)).isEqualTo(1);
    assertThat(metrics.counter("tableloop.outbox.parked").count()).isEqualTo(1);
    assertThat(metrics.get("tableloop.outbox.parked.now").gauge().value()).isGreaterThanOrEqualTo(1);
    assertThat(env.count(effects(topic, "broken"))).isZero();
  }

  @Test
  void aRelayThatDiesInTheMiddleOfABatchLeavesTheRestToAnotherOnceItsLeaseRunsOutAndNothingHappensTwice() {
    String topic = "test.interrupted";
    List<Long> events = publish(topic, 5);
    Database dying = under.anotherPool(4, "relay-test-dying");
    Promise<Void> reachedThird = Promise.promise();
    OutboxRelay first = new OutboxRelay(dying, List.of(handler("stamps", topic, (sql, delivered) -> {
      if (delivered.id() == events.get(2)) {
        reachedThird.tryComplete();
        return Promise.<Void>promise().future();
      }
      return record(sql, delivered, "stamps");
    })), FAST, clock, new SimpleMeterRegistry());
    first.pass();
    Await.result(reachedThird.future());

    // The claim is not a transaction held open across the batch: only the third event's handler is running.
    assertThat(env.count("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'relay-test-dying'"
        + " AND state = 'idle in transaction'")).isEqualTo(1);
    // The instance dies: its connections drop, taking the third event's transaction with them.
    env.asOwner(sql -> sql.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
        + " WHERE application_name = 'relay-test-dying'"));
    Await.result(dying.close());
    Map<Long, Integer> seenBySecond = new ConcurrentHashMap<>();
    OutboxRelay second = new OutboxRelay(database, List.of(handler("stamps", topic, (sql, delivered) -> {
      seenBySecond.merge(delivered.id(), 1, Integer::sum);
      return record(sql, delivered, "stamps");
    })), FAST, clock, new SimpleMeterRegistry());
    Await.result(second.pass());
    assertThat(seenBySecond).as("the dead relay's lease still holds").isEmpty();

    clock.advance(OutboxRelay.LEASE);
    Await.result(second.pass());

    assertThat(seenBySecond.keySet()).as("what the first relay had handled is not handled again")
        .containsExactlyInAnyOrderElementsOf(events.subList(2, 5));
    assertThat(env.count(effects(topic, "stamps"))).isEqualTo(5);
    assertThat(waiting(topic)).isZero();
  }

  @Test
  void eventsOfATopicNoHandlerTakesAreSimplyProcessed() {
    String topic = "test.unheard";
    publish(topic, 3);
    OutboxRelay relay = new OutboxRelay(database, List.of(recording("points", "test.other")), FAST, clock,
        new SimpleMeterRegistry());

    Await.result(relay.pass());

    assertThat(waiting(topic)).isZero();
    assertThat(env.count("SELECT count(*) FROM outbox_handled h JOIN outbox o ON o.id = h.event_id"
        + " WHERE o.topic = '" + topic + "'")).isZero();
  }

  @Test
  void eventsDeliveredAWeekAgoAreForgottenWithTheirRecordsAndNothingElse() {
    String topic = "test.forgotten";
    List<Long> delivered = publish(topic, 3);
    OutboxRelay relay = new OutboxRelay(database, List.of(recording("points", topic), recording("visits", topic)),
        FAST, clock, new SimpleMeterRegistry());
    Await.result(relay.pass());
    List<Long> undelivered = publish(topic, 1);
    long parked = publish(topic, 1).get(0);
    String old = delivered.get(0) + ", " + delivered.get(1);
    env.asOwner(sql -> {
      sql.executeUpdate("UPDATE outbox SET processed_at = now() - interval '8 days' WHERE id IN (" + old + ")");
      sql.executeUpdate("UPDATE outbox SET processed_at = now() - interval '6 days' WHERE id = " + delivered.get(2));
      // Old and still to be done (a retry later: not due, so no other test's relay takes it), or parked.
      sql.executeUpdate("UPDATE outbox SET created_at = now() - interval '30 days', next_attempt_at = now()"
          + " + interval '1 hour' WHERE id IN (" + undelivered.get(0) + ", " + parked + ")");
      sql.executeUpdate("UPDATE outbox SET parked_at = now() - interval '20 days' WHERE id = " + parked);
    });

    Object forgotten = Await.result(OutboxForgetting.job(database).pass().get());

    assertThat(forgotten).isEqualTo(2L);
    assertThat(env.count("SELECT count(*) FROM outbox WHERE id IN (" + old + ")")).isZero();
    assertThat(env.count("SELECT count(*) FROM outbox_handled WHERE event_id IN (" + old + ")")).isZero();
    assertThat(env.count("SELECT count(*) FROM outbox WHERE topic = '" + topic + "'")).as("the rest kept").isEqualTo(3);
    assertThat(env.count("SELECT count(*) FROM outbox_handled WHERE event_id = " + delivered.get(2))).isEqualTo(2);
  }

  // --- fixtures ---

  /** Writes {@code count} events of the topic, due at once; answers their ids in order. */
  private List<Long> publish(String topic, int count) {
    List<Tuple> batch = java.util.stream.IntStream.range(0, count)
        .mapToObj(i -> Tuple.of(tenant, topic, new io.vertx.core.json.JsonObject().put("n", i))).toList();
    return Await.result(database.inTenant(tenant, sql -> sql.preparedQuery("""
            INSERT INTO outbox (tenant_id, topic, payload, next_attempt_at)
            VALUES ($1, $2, $3, now() - interval '1 minute') RETURNING id
            """)
        .executeBatch(batch)
        .map(rows -> {
          List<Long> ids = new java.util.ArrayList<>();
          for (var set = rows; set != null; set = set.next()) {
            set.forEach(row -> ids.add(row.getLong("id")));
          }
          return ids;
        })));
  }

  private long waiting(String topic) {
    return env.count("SELECT count(*) FROM outbox WHERE processed_at IS NULL AND parked_at IS NULL AND topic = '"
        + topic + "'");
  }

  private static String effects(String topic, String handler) {
    return "SELECT count(*) FROM effects e JOIN outbox o ON o.id = e.event_id WHERE o.topic = '" + topic
        + "' AND e.handler = '" + handler + "'";
  }

  private static Future<Void> stamp(SqlClient sql, OutboxEvent event) {
    return sql.preparedQuery("INSERT INTO stamps (tenant_id, stamp) VALUES ($1, $2)")
        .execute(Tuple.of(event.tenantId(), "event " + event.id()))
        .mapEmpty();
  }

  private static EventHandler recording(String name, String topic) {
    return handler(name, topic, (sql, event) -> record(sql, event, name));
  }

  private static Future<Void> record(SqlClient sql, OutboxEvent event, String handler) {
    return sql.preparedQuery("INSERT INTO effects (tenant_id, event_id, handler) VALUES ($1, $2, $3)")
        .execute(Tuple.of(event.tenantId(), event.id(), handler))
        .mapEmpty();
  }

  private static EventHandler handler(String name, String topic,
                                      BiFunction<SqlClient, OutboxEvent, Future<Void>> work) {
    return new EventHandler() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Set<String> topics() {
        return Set.of(topic);
      }

      @Override
      public Future<Void> handle(SqlClient sql, OutboxEvent event) {
        return work.apply(sql, event);
      }
    };
  }
}
