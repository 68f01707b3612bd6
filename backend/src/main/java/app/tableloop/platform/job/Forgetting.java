package app.tableloop.platform.job;

import app.tableloop.platform.database.Database;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * A job that forgets, across tenants, what is older than it is kept for, through a definer function of the database
 * that takes the age as an interval and answers how many rows it deleted. Every instance runs it; deleting what is
 * already gone does no harm.
 */
public final class Forgetting {
  private static final Pattern FUNCTION = Pattern.compile("[a-z_]+");

  private Forgetting() {
  }

  /** Runs {@code function} every {@code every}, forgetting what is older than {@code kept}; a pass answers the count. */
  public static PeriodicJob job(Database database, String address, Duration every, String function, Duration kept) {
    if (!FUNCTION.matcher(function).matches()) {
      throw new IllegalArgumentException("not a function name: " + function);
    }
    String statement = "SELECT " + function + "(make_interval(secs => $1)) AS forgotten";
    return new PeriodicJob(address, every, () -> database.pool().preparedQuery(statement)
        .execute(Tuple.of((double) kept.toSeconds()))
        .map(rows -> rows.iterator().next().getLong("forgotten")));
  }
}
