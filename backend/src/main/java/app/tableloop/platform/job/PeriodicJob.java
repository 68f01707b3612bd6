package app.tableloop.platform.job;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A background job that every instance runs on a timer (each pass guards itself with row locks and status checks, so
 * instances do not get in each other's way). It can also be run at once over the local event bus, which replies with
 * the pass's result: tests use this instead of waiting for the timer.
 *
 * @param address the event-bus address that runs a pass at once
 * @param every   how often the timer runs a pass
 * @param pass    one pass; its result is the reply
 */
public record PeriodicJob(String address, Duration every, Supplier<? extends Future<?>> pass) {
  private static final Logger LOG = LoggerFactory.getLogger(PeriodicJob.class);

  /**
   * Runs a pass every {@link #every}, and whenever a message comes to {@link #address}. A tick that comes while the
   * timer's last pass is still running is skipped, so that slow passes never pile up (each holds a connection).
   */
  public void start(Vertx vertx) {
    vertx.eventBus().<Void>localConsumer(address, message -> pass.get()
        .onSuccess(message::reply)
        .onFailure(failure -> message.fail(500, String.valueOf(failure.getMessage()))));
    AtomicBoolean running = new AtomicBoolean();
    vertx.setPeriodic(every.toMillis(), timer -> {
      if (running.compareAndSet(false, true)) {
        pass.get()
            .onComplete(done -> running.set(false))
            .onFailure(failure -> LOG.warn("Background job {} failed: {}", address, failure.getMessage()));
      }
    });
  }
}
