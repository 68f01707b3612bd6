package app.tableloop.platform.job;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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

  /** A started job. */
  public interface Running {
    /**
     * Stops the timer and the event-bus consumer, and completes once the passes still running have ended, well or
     * not (each reports its own failure): the service closes its pools only then, not under a pass using them.
     */
    Future<Void> stop();
  }

  /**
   * Runs a pass every {@link #every}, and whenever a message comes to {@link #address}. A tick that comes while the
   * timer's last pass is still running is skipped, so that slow passes never pile up (each holds a connection).
   */
  public Running start(Vertx vertx) {
    Set<Future<?>> running = ConcurrentHashMap.newKeySet();
    Supplier<Future<?>> tracked = () -> {
      Future<?> started = pass.get();
      running.add(started);
      started.onComplete(done -> running.remove(started));
      return started;
    };
    MessageConsumer<Void> consumer = vertx.eventBus().localConsumer(address, message -> tracked.get()
        .onSuccess(message::reply)
        .onFailure(failure -> message.fail(500, String.valueOf(failure.getMessage()))));
    AtomicBoolean ticking = new AtomicBoolean();
    long timer = vertx.setPeriodic(every.toMillis(), tick -> {
      if (ticking.compareAndSet(false, true)) {
        tracked.get()
            .onComplete(done -> ticking.set(false))
            .onFailure(failure -> LOG.warn("Background job {} failed: {}", address, failure.getMessage()));
      }
    });
    return () -> {
      vertx.cancelTimer(timer);
      return consumer.unregister().transform(unregistered -> Future.join(List.copyOf(running)))
          .transform(ended -> Future.succeededFuture());
    };
  }
}
