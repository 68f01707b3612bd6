package app.tableloop.platform.job;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
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
 * @param moreDue whether a pass's result says more work is waiting: the timer's pass then runs again at once
 */
public record PeriodicJob(String address, Duration every, Supplier<? extends Future<?>> pass,
                          Predicate<Object> moreDue) {
  private static final Logger LOG = LoggerFactory.getLogger(PeriodicJob.class);

  /** A job whose passes each do all there is: the next runs at the next tick. */
  public PeriodicJob(String address, Duration every, Supplier<? extends Future<?>> pass) {
    this(address, every, pass, result -> false);
  }

  /** A job that works through a backlog: {@code moreDue} reads what its own pass answers. */
  @SuppressWarnings("unchecked") // moreDue is only ever given what pass answered, a T
  public static <T> PeriodicJob draining(String address, Duration every, Supplier<Future<T>> pass,
                                         Predicate<? super T> moreDue) {
    return new PeriodicJob(address, every, pass, result -> moreDue.test((T) result));
  }

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
   * timer's last pass is still running is skipped, so that slow passes never pile up (each holds a connection); a
   * timer's pass whose result says {@link #moreDue} is followed at once by the next, until one does not or the job
   * stops, so that a backlog is worked through as fast as passes go rather than one pass a tick.
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
    AtomicBoolean stopped = new AtomicBoolean();
    long timer = vertx.setPeriodic(every.toMillis(), tick -> {
      if (ticking.compareAndSet(false, true)) {
        runWhileMoreDue(vertx, tracked, stopped).onComplete(done -> ticking.set(false));
      }
    });
    return () -> {
      stopped.set(true);
      vertx.cancelTimer(timer);
      return consumer.unregister().transform(unregistered -> Future.join(List.copyOf(running)))
          .transform(ended -> Future.succeededFuture());
    };
  }

  /** One pass, and another at once (on a fresh turn of the event loop) for as long as each says more is due. */
  private Future<Void> runWhileMoreDue(Vertx vertx, Supplier<Future<?>> tracked, AtomicBoolean stopped) {
    return tracked.get()
        .<Void>transform(done -> {
          if (done.failed()) {
            LOG.warn("Background job {} failed: {}", address, done.cause().getMessage());
            return Future.succeededFuture();
          }
          if (stopped.get() || !moreDue.test(done.result())) {
            return Future.succeededFuture();
          }
          Promise<Void> next = Promise.promise();
          vertx.runOnContext(turn -> (stopped.get() ? Future.<Void>succeededFuture()
              : runWhileMoreDue(vertx, tracked, stopped)).onComplete(next));
          return next.future();
        });
  }
}
