package app.tableloop.testing;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Blocks a test thread (never an event loop) on a Vert.x future, with a bound so a hang fails the test. */
public final class Await {
  static final long SECONDS = 15;

  private Await() {
  }

  public static <T> T result(Future<T> future) {
    return result(future, SECONDS);
  }

  /** The same, for the few things that take long by nature (the demo's year of history), bounded by {@code seconds}. */
  public static <T> T result(Future<T> future, long seconds) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(seconds, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new AssertionError("expected success, got " + e.getCause(), e.getCause());
    } catch (InterruptedException | TimeoutException e) {
      throw new AssertionError("no result within " + seconds + " s", e);
    }
  }

  /**
   * What {@code read} answers once {@code done} holds for it, read every 20 ms (on {@code vertx}'s timer), 15 s at
   * most.
   */
  public static <T> T eventually(Vertx vertx, Supplier<T> read, Predicate<T> done) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SECONDS);
    T value = read.get();
    while (!done.test(value)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("still not there after " + SECONDS + " s: " + value);
      }
      result(vertx.timer(20));
      value = read.get();
    }
    return value;
  }

  /**
   * Starts {@code work} on {@code context}: commands a connection is given from another thread reach its loop one by
   * one, and may leave in separate writes however they were meant to travel.
   */
  public static <T> Future<T> on(Context context, Supplier<Future<T>> work) {
    Promise<T> done = Promise.promise();
    context.runOnContext(started -> work.get().onComplete(done));
    return done.future();
  }

  public static Throwable failure(Future<?> future) {
    try {
      future.toCompletionStage().toCompletableFuture().get(SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (InterruptedException | TimeoutException e) {
      throw new AssertionError("no result within " + SECONDS + " s", e);
    }
    throw new AssertionError("expected the future to fail, but it succeeded");
  }
}
