package app.tableloop.identity;

import static org.assertj.core.api.Assertions.assertThat;

import app.tableloop.platform.live.LiveHub;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** What the process keeps of sessions found open, on a clock the test moves, and with endings heard or not. */
class RecentSessionsTest {
  static final Duration HOLD = Duration.ofSeconds(5);

  final AtomicLong nanos = new AtomicLong();
  final AtomicBoolean hearing = new AtomicBoolean(true);
  final RecentSessions recent = new RecentSessions(HOLD, hearing::get, nanos::get);
  final SignedInUser diner = new SignedInUser(UUID.randomUUID(), "o-diner");

  @Test
  void aSessionFoundOpenIsKeptForItsHoldAndNoLonger() {
    recent.found("s1", diner);

    assertThat(recent.find("s1")).contains(diner);
    nanos.addAndGet(HOLD.minusMillis(1).toNanos());
    assertThat(recent.find("s1")).contains(diner);
    nanos.addAndGet(Duration.ofMillis(1).toNanos());
    assertThat(recent.find("s1")).as("after the hold, Redis is asked again").isEmpty();
  }

  @Test
  void anEndedSessionIsDroppedAtOnceAndAnotherOfTheUserStays() {
    recent.found("s1", diner);
    recent.found("s2", diner);

    recent.ended(new LiveHub.Ending(Optional.of("s1"), Optional.empty()));

    assertThat(recent.find("s1")).isEmpty();
    assertThat(recent.find("s2")).contains(diner);
  }

  @Test
  void aUserSignedOutEverywhereLosesEverySessionKept() {
    SignedInUser other = new SignedInUser(UUID.randomUUID(), "o-other");
    recent.found("s1", diner);
    recent.found("s2", diner);
    recent.found("s3", other);

    recent.ended(new LiveHub.Ending(Optional.empty(), Optional.of(diner.userId())));

    assertThat(recent.find("s1")).isEmpty();
    assertThat(recent.find("s2")).isEmpty();
    assertThat(recent.find("s3")).contains(other);
  }

  @Test
  void aLookupAnsweredAfterTheEndingDoesNotKeepTheSession() {
    // Redis answered "open" before the sign-out deleted the session, and the answer arrives after the ending.
    recent.sessionEnded("s1");
    recent.found("s1", diner);
    recent.userEnded(diner.userId());
    recent.found("s2", diner);

    assertThat(recent.find("s1")).isEmpty();
    assertThat(recent.find("s2")).isEmpty();
  }

  @Test
  void anEndingIsRememberedForTheHoldOnly() {
    recent.sessionEnded("s1");
    nanos.addAndGet(HOLD.toNanos());

    recent.found("s1", diner);

    assertThat(recent.find("s1")).as("a lookup made after the hold saw Redis after the ending").contains(diner);
  }

  @Test
  void nothingIsKeptWhileEndingsCannotBeHeard() {
    hearing.set(false);

    recent.found("s1", diner);

    assertThat(recent.find("s1")).isEmpty();
  }
}
