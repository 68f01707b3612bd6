package app.tableloop.platform.job;

import app.tableloop.platform.database.Database;
import io.vertx.core.Future;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * A single-runner lease kept in PostgreSQL: {@link #hold()} takes it when it is free or expired, renews it when this
 * holder has it, and answers whether this holder may run the job's single-runner part now. A holder that stops
 * renewing (it died, or lost the database) loses it after the time to live, and the next instance to ask takes over.
 * The lease spares duplicate work; what must never happen twice stays guarded by the database's own keys, since a
 * pass may outlast the lease.
 */
public final class JobLease {
  /** This process's name as a holder, unique among the instances sharing the database. */
  public static final String THIS_PROCESS = ProcessHandle.current().pid() + "-" + UUID.randomUUID();

  private final Database database;
  private final String name;
  private final String holder;
  private final Duration ttl;
  private final Clock clock;

  /**
   * @param name   the job's lease
   * @param holder who asks: {@link #THIS_PROCESS} in the product
   * @param ttl    how long a take or renewal lasts: a few times the job's interval
   */
  public JobLease(Database database, String name, String holder, Duration ttl, Clock clock) {
    this.database = database;
    this.name = name;
    this.holder = holder;
    this.ttl = ttl;
    this.clock = clock;
  }

  public Future<Boolean> hold() {
    return database.pool().preparedQuery("SELECT take_job_lease($1, $2, $3, make_interval(secs => $4)) AS held")
        .execute(Tuple.of(name, holder, clock.instant().atOffset(ZoneOffset.UTC), (double) ttl.toMillis() / 1000))
        .map(rows -> rows.iterator().next().getBoolean("held"));
  }
}
