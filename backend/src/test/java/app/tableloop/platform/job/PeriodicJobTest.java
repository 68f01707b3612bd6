package app.tableloop.platform.job;

import static org.assertj.core.api.Assertions.assertThat;

import app.tableloop.testing.Await;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A stopped job runs no more passes, and its stop waits for the pass still running, however that pass ends; a pass
 * that says more is due is followed at once.
 */
class PeriodicJobTest {
  private Vertx vertx;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void tearDown() {
    Await.result(vertx.close());
  }

  @Test
  void stoppingWaitsForThePassStillRunning() throws InterruptedException {
    Promise<Void> passEnds = Promise.promise();
    Asked asked = askedToRun("test.job.waits", passEnds);

    Future<Void> stopped = stoppedWhileItRuns(asked.job());
    passEnds.complete();
    Await.result(stopped);
    Await.result(asked.answer());
  }

  @Test
  void aPassThatFailsStillLetsTheStopComplete() throws InterruptedException {
    Promise<Void> passEnds = Promise.promise();
    Asked asked = askedToRun("test.job.fails", passEnds);

    Future<Void> stopped = stoppedWhileItRuns(asked.job());
    passEnds.fail("the database went away");

    Await.result(stopped);
    assertThat(Await.failure(asked.answer())).hasMessage("the database went away");
  }

  @Test
  void aStoppedJobRunsNoMorePasses() throws InterruptedException {
    runsNoPassOnceStopped("test.job.stops", result -> false);
  }

  @Test
  void aTimersPassThatSaysMoreIsDueIsFollowedAtOnceUntilOneDoesNot() throws InterruptedException {
    AtomicInteger left = new AtomicInteger(10);
    CountDownLatch drained = new CountDownLatch(1);
    CountDownLatch passAfterDrained = new CountDownLatch(1);
    PeriodicJob.Running job = PeriodicJob.draining("test.job.drains", Duration.ofSeconds(2), () -> {
      int remaining = left.decrementAndGet();
      if (remaining == 0) {
        drained.countDown();
      } else if (remaining < 0) {
        passAfterDrained.countDown();
      }
      return Future.succeededFuture(Math.max(remaining, 0));
    }, remaining -> remaining > 0).start(vertx);

    // The first tick comes after 2 s and the nine other passes right after it, not one a tick (20 s).
    assertThat(drained.await(6, TimeUnit.SECONDS)).as("ten passes in the first tick").isTrue();
    // The pass that said nothing more is due leaves the next to the timer.
    assertThat(passAfterDrained.await(500, TimeUnit.MILLISECONDS)).as("a pass right after the last").isFalse();
    Await.result(job.stop());
  }

  @Test
  void aStopEndsPassesThatKeepSayingMoreIsDue() throws InterruptedException {
    runsNoPassOnceStopped("test.job.endless", result -> true);
  }

  /** Starts a job on a 20 ms timer whose passes say {@code moreDue}, stops it, and checks nothing runs after. */
  private void runsNoPassOnceStopped(String address, Predicate<Object> moreDue) throws InterruptedException {
    CountDownLatch threePasses = new CountDownLatch(3);
    CountDownLatch passAfterStop = new CountDownLatch(1);
    AtomicBoolean stopped = new AtomicBoolean();
    PeriodicJob.Running job = PeriodicJob.draining(address, Duration.ofMillis(20), () -> {
      threePasses.countDown();
      if (stopped.get()) {
        passAfterStop.countDown();
      }
      return Future.<Void>succeededFuture();
    }, moreDue).start(vertx);
    assertThat(threePasses.await(5, TimeUnit.SECONDS)).as("passes run").isTrue();

    Await.result(job.stop());
    stopped.set(true);

    // Ten of the timer's periods without a pass: what "none" can mean for a timer.
    assertThat(passAfterStop.await(200, TimeUnit.MILLISECONDS)).as("a pass after the stop").isFalse();
    Throwable refused = Await.failure(vertx.eventBus().request(address, null));
    assertThat(refused).isInstanceOfSatisfying(ReplyException.class,
        reply -> assertThat(reply.failureType()).isEqualTo(ReplyFailure.NO_HANDLERS));
  }

  /** Stops a job whose pass is still running, and checks the stop is still waiting 200 ms later. */
  private static Future<Void> stoppedWhileItRuns(PeriodicJob.Running job) {
    Future<Void> stopped = job.stop();
    assertThat(Await.failure(stopped.timeout(200, TimeUnit.MILLISECONDS)))
        .as("stopped while its pass still runs").isInstanceOf(TimeoutException.class);
    return stopped;
  }

  private record Asked(PeriodicJob.Running job, Future<Message<Object>> answer) {
  }

  /** A job whose timer waits an hour, asked over the event bus to run a pass that ends with {@code passEnds}. */
  private Asked askedToRun(String address, Promise<Void> passEnds) throws InterruptedException {
    CountDownLatch passStarted = new CountDownLatch(1);
    PeriodicJob.Running job = new PeriodicJob(address, Duration.ofHours(1), () -> {
      passStarted.countDown();
      return passEnds.future();
    }).start(vertx);
    Future<Message<Object>> answer = vertx.eventBus().request(address, null);
    assertThat(passStarted.await(5, TimeUnit.SECONDS)).as("the pass started").isTrue();
    return new Asked(job, answer);
  }
}
