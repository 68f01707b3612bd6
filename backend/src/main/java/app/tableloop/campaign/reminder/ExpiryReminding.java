package app.tableloop.campaign.reminder;

import app.tableloop.campaign.inbox.Messages;
import app.tableloop.identity.Access;
import app.tableloop.membership.MemberTenants;
import app.tableloop.platform.database.Database;
import app.tableloop.platform.job.PeriodicJob;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * 到期提醒, automatic: a periodic pass writes into members' message boxes what is about to expire (a tenant at a
 * time, a batch at a time), each reminder once whatever instances race or retry, by its reminder key; no SMS, these
 * are service notices. The owner sees how many members it reminded this week and may switch it off.
 */
public final class ExpiryReminding {
  /** Event-bus address that runs a pass at once and replies with how many reminders it wrote. */
  public static final String REMIND_NOW = "campaign.reminders.expiry";
  private static final int BATCH = 200;

  private final Database database;
  private final ExpiryReminders reminders;
  private final Messages messages;
  private final Clock clock;

  public ExpiryReminding(Database database, Messages messages, Clock clock) {
    this.database = database;
    this.reminders = new ExpiryReminders();
    this.messages = messages;
    this.clock = clock;
  }

  /** What the 营销 screen shows of the reminders. */
  public record State(boolean on, long remindedThisWeek) {
    public String summary() {
      return ExpiryReminderRules.summary(on, remindedThisWeek);
    }
  }

  public PeriodicJob job() {
    return new PeriodicJob(REMIND_NOW, Duration.ofMinutes(30), this::pass);
  }

  public Future<Integer> pass() {
    Instant now = clock.instant();
    return MemberTenants.each(database, tenantId -> remind(tenantId, now));
  }

  private Future<Integer> remind(UUID tenantId, Instant now) {
    return database.inTenant(tenantId, sql -> reminders.on(sql, tenantId)).compose(on -> !on
        ? Future.succeededFuture(0)
        : coupons(tenantId, now).compose(coupons -> points(tenantId, now).map(points -> coupons + points)));
  }

  /** Batch after batch until nothing is left: what another instance wrote meanwhile is skipped by its key. */
  private Future<Integer> coupons(UUID tenantId, Instant now) {
    return database.inTenant(tenantId, sql -> reminders.dueCoupons(sql, tenantId, now, BATCH)
            .compose(due -> each(due.stream().map(coupon -> (Write) () -> messages.remind(sql, tenantId,
                coupon.memberId(), ExpiryReminderRules.TITLE,
                ExpiryReminderRules.couponText(coupon.name(), coupon.validUntil(), coupon.zone()), coupon.couponId(),
                ExpiryReminderRules.couponKey(coupon.couponId()), now)).toList())
                .map(written -> new int[] {due.size(), written})))
        .compose(batch -> batch[0] < BATCH ? Future.succeededFuture(batch[1])
            : coupons(tenantId, now).map(more -> batch[1] + more));
  }

  private Future<Integer> points(UUID tenantId, Instant now) {
    return database.inTenant(tenantId, sql -> reminders.duePoints(sql, tenantId, now, BATCH)
            .compose(due -> each(due.stream().map(lots -> (Write) () -> messages.remind(sql, tenantId,
                lots.memberId(), ExpiryReminderRules.TITLE,
                ExpiryReminderRules.pointsText(lots.points(), lots.lastDay()), null,
                ExpiryReminderRules.pointsKey(lots.lastDay()), now)).toList())
                .map(written -> new int[] {due.size(), written})))
        .compose(batch -> batch[0] < BATCH ? Future.succeededFuture(batch[1])
            : points(tenantId, now).map(more -> batch[1] + more));
  }

  private interface Write {
    Future<Boolean> run();
  }

  /** Writes one after another on the transaction's connection; answers how many were new. */
  private static Future<Integer> each(List<Write> writes) {
    Future<Integer> chain = Future.succeededFuture(0);
    for (Write write : writes) {
      chain = chain.compose(done -> write.run().map(written -> written ? done + 1 : done));
    }
    return chain;
  }

  public Future<State> state(Access access) {
    UUID tenantId = access.tenantId();
    return database.inTenant(tenantId, sql -> state(sql, access));
  }

  public Future<State> switchTo(Access access, boolean on) {
    UUID tenantId = access.tenantId();
    return database.inTenant(tenantId, sql -> reminders.switchTo(sql, tenantId, on, access.user().userId(),
            clock.instant())
        .compose(done -> state(sql, access)));
  }

  private Future<State> state(SqlClient sql, Access access) {
    UUID tenantId = access.tenantId();
    Instant now = clock.instant();
    // The guard let the caller in at this store: it is the tenant's.
    return reminders.storeZone(sql, tenantId, access.storeId())
        .compose(zone -> reminders.on(sql, tenantId)
            .compose(on -> reminders.remindedSince(sql, tenantId, ExpiryReminderRules.weekStart(now, zone))
                .map(count -> new State(on, count))));
  }
}
