package app.tableloop.identity;

import static org.assertj.core.api.Assertions.assertThat;

import app.tableloop.platform.live.LiveHub;
import app.tableloop.platform.redis.Redis;
import app.tableloop.platform.runtime.VertxFactory;
import app.tableloop.testing.Await;
import app.tableloop.testing.TestEnvironment;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two instances of the service, each with its own Redis connection and its own sessions kept in the process, held
 * an hour here: a session ended on one is refused on both, the other told by the ending's announcement, not by its
 * hold running out.
 */
class SessionEndingsTest {
  static final Duration AN_HOUR = Duration.ofHours(1);

  static TestEnvironment env;
  static Vertx vertx;
  static Redis redisHere;
  static Redis redisThere;
  static Sessions here;
  static Sessions there;

  @BeforeAll
  static void setUp() {
    env = TestEnvironment.forClass(SessionEndingsTest.class);
    vertx = VertxFactory.create().vertx();
    redisHere = env.redis(vertx);
    redisThere = env.redis(vertx);
    LiveHub hubHere = new LiveHub(vertx, redisHere, Duration.ofSeconds(30));
    LiveHub hubThere = new LiveHub(vertx, redisThere, Duration.ofSeconds(30));
    here = new Sessions(redisHere, hubHere, AN_HOUR);
    there = new Sessions(redisThere, hubThere, AN_HOUR);
    Await.eventually(vertx, () -> hubHere.hearsEndings() && hubThere.hearsEndings(), hearing -> hearing);
  }

  @AfterAll
  static void tearDown() {
    Await.result(redisHere.close());
    Await.result(redisThere.close());
    Await.result(vertx.close());
    env.close();
  }

  @Test
  void aSessionFoundOpenIsNotAskedForAgainWithinItsHold() {
    SignedInUser user = user("kept");
    String token = Await.result(here.open(user));
    assertThat(Await.result(there.find(token))).contains(user);

    // Gone from Redis without a word (as after a flush): the instance that found it still knows it, for its hold.
    Await.result(redisHere.future(redisHere.client().getBucket("session:" + Sessions.hash(token)).deleteAsync()));

    assertThat(Await.result(there.find(token))).contains(user);
    assertThat(Await.result(here.find(token))).as("not found here before").isEmpty();
  }

  @Test
  void aSignOutOnOneInstanceCountsThereAtOnceAndOnTheOtherOnceAnnounced() {
    SignedInUser user = user("leaving");
    List<String> tokens = twoSessionsFoundOnBoth(user);
    String token = tokens.get(0);
    String otherToken = tokens.get(1);

    Await.result(here.close(token, user.userId()));

    assertThat(Await.result(here.find(token))).isEmpty();
    Await.eventually(vertx, () -> Await.result(there.find(token)), Optional::isEmpty);
    assertThat(Await.result(there.find(otherToken))).as("the user's other session").contains(user);
  }

  @Test
  void aUserSignedOutEverywhereIsRefusedOnEveryInstance() {
    SignedInUser user = user("revoked");
    List<String> tokens = twoSessionsFoundOnBoth(user);
    String phone = tokens.get(0);
    String tablet = tokens.get(1);

    Await.result(here.closeAll(user.userId()));

    assertThat(Await.result(here.find(phone))).isEmpty();
    Await.eventually(vertx, () -> Await.result(there.find(phone)).isEmpty() && Await.result(there.find(tablet))
        .isEmpty(), gone -> gone);
  }

  /** Two sessions of the user, each found open (and so kept) on both instances. */
  private static List<String> twoSessionsFoundOnBoth(SignedInUser user) {
    List<String> tokens = List.of(Await.result(here.open(user)), Await.result(here.open(user)));
    for (String token : tokens) {
      assertThat(Await.result(here.find(token))).contains(user);
      assertThat(Await.result(there.find(token))).contains(user);
    }
    return tokens;
  }

  private static SignedInUser user(String name) {
    return new SignedInUser(UUID.randomUUID(), "o-" + name);
  }
}
