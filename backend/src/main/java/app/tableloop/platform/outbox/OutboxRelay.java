package app.tableloop.platform.outbox;

import app.tableloop.platform.database.Database;
import app.tableloop.platform.database.Pipelined;
import app.tableloop.platform.job.PeriodicJob;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the outbox's events to the handlers registered for their topics, at least once. A pass claims a batch of
 * due events for a {@link #LEASE} in one short statement ({@code FOR UPDATE SKIP LOCKED}), so that relays of several
 * instances do not take the same event, and no transaction stays open across the batch; should an instance die
 * mid-batch, its events are due again when the lease runs out.
 * An event is delivered in one tenant transaction: each handler behind a savepoint of its own, beside its
 * processed-event record, so it acts once per event and a failing one undoes only its own work; then the event's
 * outcome. An event whose handlers all succeeded is processed; one that failed is tried again later (the handlers
 * that succeeded are not), each wait twice the last, and parked with its error after too many tries. Events of a
 * topic no handler takes are simply processed.
 */
public final class OutboxRelay {
  private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);
  /** Event-bus address that runs a pass at once and replies with how many events it settled. */
  public static final String RELAY_NOW = "outbox.relay";
  /**
   * How long a claimed event is left to the relay that claimed it: due again after that, should that relay have died.
   * A batch takes far less; one that outlasts it is at worst delivered twice, which handlers shrug off.
   */
  public static final Duration LEASE = Duration.ofMinutes(2);
  /** Each handler's savepoint; a name used again names the latest, so one rolls back the handler that failed. */
  private static final String HANDLER_SAVEPOINT = "handler";

  private final Database database;
  private final List<EventHandler> handlers;
  private final RelaySettings settings;
  private final Clock clock;
  private final MeterRegistry metrics;
  private final Counter parked;
  private final AtomicLong waiting = new AtomicLong();
  private final AtomicLong parkedNow = new AtomicLong();
  private final AtomicLong lagSeconds = new AtomicLong();

  public OutboxRelay(Database database, List<EventHandler> handlers, RelaySettings settings, Clock clock,
                     MeterRegistry metrics) {
    this.database = database;
    this.handlers = List.copyOf(handlers);
    this.settings = settings;
    this.clock = clock;
    this.metrics = metrics;
    this.parked = Counter.builder("tableloop.outbox.parked").description("Events parked after too many failures")
        .register(metrics);
    Gauge.builder("tableloop.outbox.waiting", waiting, AtomicLong::get)
        .description("Events not yet delivered to every handler").register(metrics);
    Gauge.builder("tableloop.outbox.parked.now", parkedNow, AtomicLong::get)
        .description("Events parked, waiting for a person").register(metrics);
    Gauge.builder("tableloop.outbox.lag.seconds", lagSeconds, AtomicLong::get)
        .description("Age of the oldest event not yet delivered").register(metrics);
  }

  /**
   * Passes every {@link RelaySettings#every}, and while a pass settled a whole batch, the next at once: one batch a
   * tick delivered 100 events a second, fewer than a busy instance's payments make.
   */
  public PeriodicJob job() {
    return PeriodicJob.draining(RELAY_NOW, settings.every(), this::pass, settled -> settled >= settings.batchSize());
  }

  /** One pass over the due events; answers how many it settled (processed, retried later or parked). */
  public Future<Integer> pass() {
    Instant now = clock.instant();
    return database.pool().preparedQuery(
            "SELECT id, tenant_id, topic, payload, created_at, attempts FROM claim_outbox_events($1, $2, $3)")
        .execute(Tuple.of(now.atOffset(ZoneOffset.UTC), settings.batchSize(), now.plus(LEASE).atOffset(ZoneOffset.UTC)))
        .compose(rows -> {
          List<Claimed> claimed = new ArrayList<>();
          rows.forEach(row -> claimed.add(claimed(row)));
          Future<Integer> chain = Future.succeededFuture(0);
          for (Claimed event : claimed) {
            chain = chain.compose(settled -> relay(event).map(settled + 1));
          }
          return chain;
        })
        .compose(settled -> measureBacklog().map(settled));
  }

  private record Claimed(OutboxEvent event, int attempts) {
  }

  /**
   * Delivers the event and settles it in one transaction: one BEGIN and one COMMIT an event, for a paid order's four
   * handlers too (the transactions, more than the handlers' statements, were the relay's cost). Should the transaction
   * itself fail (its connection lost, its commit refused), none of it happened, and the event is settled as failed on
   * its own.
   */
  private Future<Void> relay(Claimed claimed) {
    OutboxEvent event = claimed.event();
    List<EventHandler> taking = handlers.stream().filter(handler -> handler.topics().contains(event.topic())).toList();
    if (taking.isEmpty()) {
      return settle(database.pool(), claimed, Optional.empty());
    }
    return database.inTenant(event.tenantId(), sql -> deliver(sql, taking, event)
            .compose(failure -> settle(sql, claimed, failure).map(failure)))
        .recover(lost -> {
          Optional<String> failure = Optional.of("the delivery's transaction: " + lost);
          return settle(database.pool(), claimed, failure).map(failure);
        })
        .onSuccess(failure -> failure.ifPresent(reason -> reportFailure(claimed, reason)))
        .mapEmpty();
  }

  /**
   * Hands the event to each handler in turn, up to the first that fails; answers that failure, if any. Each handler's
   * delivery or failure is counted once the transaction has committed: one that rolls back happened for no handler.
   */
  private Future<Optional<String>> deliver(SqlClient sql, List<EventHandler> taking, OutboxEvent event) {
    Future<Optional<String>> chain = Future.succeededFuture(Optional.empty());
    for (EventHandler handler : taking) {
      chain = chain.compose(earlier -> earlier.isPresent() ? Future.succeededFuture(earlier)
          : handleOnce(sql, handler, event)
              .map(handled -> {
                if (handled) {
                  countOnCommit(sql, "tableloop.outbox.delivered", handler);
                }
                return Optional.<String>empty();
              })
              .recover(failure -> {
                countOnCommit(sql, "tableloop.outbox.failed", handler);
                return sql.query("ROLLBACK TO SAVEPOINT " + HANDLER_SAVEPOINT).execute()
                    .map(Optional.of(handler.name() + ": " + failure));
              }));
    }
    return chain;
  }

  private void countOnCommit(SqlClient sql, String counter, EventHandler handler) {
    database.afterCommit(sql, () -> metrics.counter(counter, "handler", handler.name()).increment());
  }

  /**
   * Runs the handler unless it has handled the event before (false then), behind a savepoint that its failure rolls
   * back to. The savepoint goes out with the record, in one round trip; a handler that succeeded keeps its savepoint
   * until the commit, which costs nothing more.
   */
  private static Future<Boolean> handleOnce(SqlClient sql, EventHandler handler, OutboxEvent event) {
    Future<?> savepoint = sql.query("SAVEPOINT " + HANDLER_SAVEPOINT).execute();
    Future<Boolean> first = sql.preparedQuery("""
            INSERT INTO outbox_handled (event_id, handler, tenant_id) VALUES ($1, $2, $3)
            ON CONFLICT DO NOTHING
            """)
        .execute(Tuple.of(event.id(), handler.name(), event.tenantId()))
        .map(rows -> rows.rowCount() == 1);
    return Pipelined.all(savepoint, first)
        .compose(recorded -> first.result() ? handler.handle(sql, event).map(true) : Future.succeededFuture(false));
  }

  private Future<Void> settle(SqlClient sql, Claimed event, Optional<String> failure) {
    Instant now = clock.instant();
    if (failure.isEmpty()) {
      return sql.preparedQuery("SELECT outbox_event_processed($1, $2)")
          .execute(Tuple.of(event.event().id(), now.atOffset(ZoneOffset.UTC)))
          .mapEmpty();
    }
    int failures = event.attempts() + 1;
    return sql.preparedQuery("SELECT outbox_event_failed($1, $2, $3, $4, $5)")
        .execute(Tuple.of(event.event().id(), failure.get(),
            now.plus(settings.backoff(failures)).atOffset(ZoneOffset.UTC), failures >= settings.maxAttempts(),
            now.atOffset(ZoneOffset.UTC)))
        .mapEmpty();
  }

  /** Says what became of an event that failed, once that is written: said once, however its settling went. */
  private void reportFailure(Claimed event, String failure) {
    int failures = event.attempts() + 1;
    if (failures >= settings.maxAttempts()) {
      parked.increment();
      LOG.error("Outbox event {} ({}) parked after {} failed deliveries; last: {}", event.event().id(),
          event.event().topic(), failures, failure);
    } else {
      LOG.warn("Outbox event {} ({}) not delivered (try {}), again in {} s: {}", event.event().id(),
          event.event().topic(), failures, settings.backoff(failures).toSeconds(), failure);
    }
  }

  private Future<Void> measureBacklog() {
    return database.pool().query("SELECT waiting, oldest, parked FROM outbox_backlog()").execute()
        .map(rows -> {
          Row row = rows.iterator().next();
          waiting.set(row.getLong("waiting"));
          parkedNow.set(row.getLong("parked"));
          lagSeconds.set(row.getOffsetDateTime("oldest") == null ? 0
              : Math.max(0, Duration.between(row.getOffsetDateTime("oldest").toInstant(), clock.instant())
                  .toSeconds()));
          return null;
        });
  }

  private static Claimed claimed(Row row) {
    Object payload = row.getValue("payload");
    return new Claimed(new OutboxEvent(row.getLong("id"), row.getUUID("tenant_id"), row.getString("topic"),
        payload instanceof JsonObject json ? json : new JsonObject(String.valueOf(payload)),
        row.getOffsetDateTime("created_at").toInstant()), row.getInteger("attempts"));
  }
}
