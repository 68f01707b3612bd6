package app.tableloop.platform.job;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
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

  /** Runs a pass every {@link #every}, and whenever a message comes to {@link #address}. */
  public void start(Vertx vertx) {
    vertx.eventBus().<Void>localConsumer(address, message -> pass.get()
        .onSuccess(message::reply)
        .onFailure(failure -> message.fail(500, String.valueOf(failure.getMessage()))));
    vertx.setPeriodic(every.toMillis(), timer -> pass.get()
        .onFailure(failure -> LOG.warn("Background job {} failed: {}", address, failure.getMessage())));
  }
}
