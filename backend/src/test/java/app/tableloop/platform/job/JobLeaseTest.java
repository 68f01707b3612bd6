package app.tableloop.platform.job;

import static org.assertj.core.api.Assertions.assertThat;

import app.tableloop.platform.database.Database;
import app.tableloop.testing.Await;
import app.tableloop.testing.DatabaseUnderTest;
import app.tableloop.testing.MutableClock;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The single-runner lease against the real database: one holder among racers, renewal, and takeover on expiry. */
class JobLeaseTest {
  private static final Duration TTL = Duration.ofSeconds(90);

  static DatabaseUnderTest under;
  static Database database;

  private final MutableClock clock = MutableClock.startingNow();
  private final String name = "test.lease." + UUID.randomUUID();

  @BeforeAll
  static void setUp() {
    under = DatabaseUnderTest.forClass(JobLeaseTest.class, 8);
    database = under.database();
  }

  @AfterAll
  static void tearDown() {
    under.close();
  }

  private JobLease lease(String holder) {
    return new JobLease(database, name, holder, TTL, clock);
  }

  private static boolean holds(JobLease lease) {
    return Await.result(lease.hold());
  }

  @Test
  void eightInstancesRacingForAFreeLeaseLeaveExactlyOneHolder() {
    List<JobLease> racers = IntStream.range(0, 8).mapToObj(i -> lease("instance-" + i)).toList();

    List<Boolean> held = Await.result(Future.all(racers.stream().map(JobLease::hold).toList())
        .map(all -> all.<Boolean>list()));

    assertThat(held.stream().filter(Boolean::booleanValue)).as("one holder").hasSize(1);
    JobLease holder = racers.get(held.indexOf(true));
    assertThat(under.env().count("SELECT count(*) FROM job_leases WHERE name = '" + name + "'")).isEqualTo(1);

    List<Boolean> again = Await.result(Future.all(racers.stream().map(JobLease::hold).toList())
        .map(all -> all.<Boolean>list()));
    assertThat(again).as("the holder renews; the others still wait")
        .containsExactlyElementsOf(racers.stream().map(racer -> racer == holder).toList());
  }

  @Test
  void aHolderThatStopsRenewingLosesTheLeaseOnceItExpiresAndAnotherInstanceTakesOver() {
    JobLease first = lease("first");
    JobLease second = lease("second");
    assertThat(holds(first)).isTrue();

    clock.advance(TTL.minusSeconds(1));
    assertThat(holds(second)).as("not expired yet").isFalse();
    clock.advance(Duration.ofSeconds(1));
    assertThat(holds(second)).as("expired: taken over").isTrue();
    assertThat(holds(first)).as("the old holder has lost it").isFalse();
  }

  @Test
  void aHolderThatRenewsKeepsTheLeasePastItsFirstTimeToLive() {
    JobLease first = lease("first");
    JobLease second = lease("second");
    assertThat(holds(first)).isTrue();

    clock.advance(TTL.dividedBy(2));
    assertThat(holds(first)).isTrue();
    clock.advance(TTL.dividedBy(2).plusSeconds(10));

    assertThat(holds(second)).as("renewed half-way: held until a time to live after the renewal").isFalse();
    assertThat(holds(first)).isTrue();
  }
}
