package app.tableloop.testing;

import app.tableloop.Application;
import app.tableloop.platform.database.Database;
import app.tableloop.platform.job.PeriodicJob;
import app.tableloop.platform.outbox.EventHandler;
import app.tableloop.platform.outbox.OutboxRelay;
import app.tableloop.platform.outbox.RelaySettings;
import app.tableloop.platform.runtime.Features;
import app.tableloop.platform.runtime.VertxFactory;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

/**
 * Event handlers racing as they would on several instances: events of chosen topics are held back from the service's
 * own relay, then eight relays of "other instances" (every handler of the product, one event per pass) take them all
 * at once. Start the service with {@link #modules()} so that the product's handlers are known.
 */
public final class RacingRelays {
  private final List<EventHandler> handlers = new CopyOnWriteArrayList<>();
  private RunningService service;

  /** The product's features, remembering their event handlers in the order the service's relay runs them. */
  public Application.Modules modules() {
    return (platform, wechat, contract) -> {
      Features.Api product = Application.FEATURES.create(platform, wechat, contract);
      product.modules().forEach(module -> handlers.addAll(module.eventHandlers()));
      return product;
    };
  }

  public RacingRelays of(RunningService running) {
    this.service = running;
    return this;
  }

  /**
   * Makes the events of these topics due only an hour after they are written, so that the service's relay leaves
   * them and the relays of {@link #race} find them all waiting at once. Undone by {@link #release}.
   */
  public void hold(String... topics) {
    String listed = String.join(", ", Arrays.stream(topics).map(topic -> "'" + topic + "'").toList());
    service.env().asOwner(sql -> {
      sql.execute("""
          CREATE FUNCTION hold_for_race() RETURNS trigger LANGUAGE plpgsql AS $$
          BEGIN NEW.next_attempt_at := now() + interval '1 hour'; RETURN NEW; END $$""");
      sql.execute("CREATE TRIGGER hold_for_race BEFORE INSERT ON outbox FOR EACH ROW"
          + " WHEN (NEW.topic IN (" + listed + ")) EXECUTE FUNCTION hold_for_race()");
    });
  }

  public void release() {
    service.env().asOwner(sql -> {
      sql.execute("DROP TRIGGER IF EXISTS hold_for_race ON outbox");
      sql.execute("DROP FUNCTION IF EXISTS hold_for_race()");
    });
  }

  /**
   * Eight relays, their clocks two hours ahead (the held events are due for them), pass until {@code done}, each on
   * the job an instance runs it on (passing every 5 ms, at once again while a pass settled its event); then each ends
   * the pass it is in before their connections close, as an instance that stops does.
   */
  public void race(BooleanSupplier done) {
    Vertx vertx = VertxFactory.create().vertx();
    Database others = Database.connect(vertx, service.env().appUrl(), 16, "other-instances");
    RelaySettings oneAtATime = new RelaySettings(Duration.ofMillis(5), 1, 10, Duration.ofMillis(100),
        Duration.ofSeconds(1));
    Clock ahead = Clock.offset(Clock.systemUTC(), Duration.ofHours(2));
    List<PeriodicJob.Running> relays = new ArrayList<>();
    try {
      for (int i = 0; i < 8; i++) {
        relays.add(new OutboxRelay(others, handlers, oneAtATime, ahead, new SimpleMeterRegistry()).job()
            .start(vertx));
      }
      service.eventually(done::getAsBoolean, Boolean::booleanValue);
    } finally {
      Await.result(Future.all(relays.stream().map(PeriodicJob.Running::stop).toList()));
      Await.result(others.close());
      Await.result(vertx.close());
    }
  }
}
