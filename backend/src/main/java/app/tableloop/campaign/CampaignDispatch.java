package app.tableloop.campaign;

import app.tableloop.campaign.inbox.Messages;
import app.tableloop.loyalty.coupon.CouponIssuing;
import app.tableloop.loyalty.coupon.CouponSource;
import app.tableloop.platform.database.Database;
import app.tableloop.platform.job.JobLease;
import app.tableloop.platform.job.PeriodicJob;
import app.tableloop.platform.refusal.Refused;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Reaches the members of live campaigns, exactly once each, however many instances run it and wherever one dies.
 * Recipients are claimed in batches with {@code FOR UPDATE SKIP LOCKED}, so two dispatchers never take the same
 * member; for each (and each occasion: a birthday campaign greets its member once a year), the coupon is issued, the
 * message written and the row marked sent in one transaction, so a dispatcher that dies mid-batch leaves its members
 * pending, with nothing half-given, for the next pass. A batch takes its recipients in the order of their coupon
 * templates, whose rows issuing locks, so that batches racing take those locks in one order and never deadlock. A
 * batch holds its campaign's row with a key-share lock: a pause or stop (which locks the row for update) waits for the
 * batch in hand and the next one sees it. A member due an SMS is marked so here; {@link SmsSending} sends it
 * afterwards, on its own.
 * Starting scheduled campaigns and enrolling the members who newly qualify for recurring ones (welcome, birthday) is
 * done only by the instance holding the dispatch's {@link JobLease}, renewed each pass and taken over by another
 * instance once its holder stops renewing; the unique recipient key still keeps enrolment to once per member (and
 * occasion) should two instances overlap (a pass that outlasts the lease). Reaching the members already enrolled is
 * every instance's work: batches claimed with SKIP LOCKED share it out.
 */
public final class CampaignDispatch {
  /** Event-bus address that runs a pass at once and replies with how many members it reached. */
  public static final String DISPATCH_NOW = "campaign.dispatch";
  static final int BATCH = 100;
  static final Duration EVERY = Duration.ofSeconds(30);
  /** A few passes: a holder missing one pass keeps it, one gone for three loses it. */
  static final Duration LEASE_TTL = EVERY.multipliedBy(3);
  static final String LEASE = "campaign.dispatch";

  private final Database database;
  private final Audiences audiences;
  private final CouponIssuing issuing;
  private final Messages messages;
  private final JobLease lease;
  private final Clock clock;

  CampaignDispatch(Database database, Audiences audiences, CouponIssuing issuing, Messages messages, JobLease lease,
                   Clock clock) {
    this.database = database;
    this.lease = lease;
    this.audiences = audiences;
    this.issuing = issuing;
    this.messages = messages;
    this.clock = clock;
  }

  public PeriodicJob job() {
    return new PeriodicJob(DISPATCH_NOW, EVERY, this::pass);
  }

  private record Claimed(UUID memberId, String occasion, UUID templateId, long amountOffFen, boolean reachableBySms) {
  }

  private record Live(UUID id, CampaignType type, String title, String message, AudienceParams params,
                      boolean perMember, boolean budgeted, ZoneId zone, List<UUID> storeIds) {
  }

  public Future<Integer> pass() {
    return lease.hold().compose(leading -> database.pool().query("SELECT tenants_with_campaign_work() AS tenant_id")
        .execute()
        .compose(rows -> {
          Future<Integer> chain = Future.succeededFuture(0);
          for (Row row : rows) {
            UUID tenantId = row.getUUID("tenant_id");
            chain = chain.compose(done -> tenant(tenantId, leading).map(count -> done + count));
          }
          return chain;
        }));
  }

  /** The tenant's live campaigns, one after another; the leader also starts the scheduled ones that are due. */
  private Future<Integer> tenant(UUID tenantId, boolean leading) {
    Instant now = clock.instant();
    return database.inTenant(tenantId, sql -> (!leading ? Future.<Void>succeededFuture() : sql.preparedQuery("""
                UPDATE campaigns SET status = 'running'
                 WHERE tenant_id = $1 AND status = 'scheduled' AND starts_at <= $2
                """).execute(Tuple.of(tenantId, now.atOffset(ZoneOffset.UTC))).<Void>mapEmpty())
            .compose(started -> sql.preparedQuery("""
                    SELECT c.id, c.type, c.title, c.message, c.offer, c.params, c.budget_fen IS NOT NULL AS budgeted,
                           s.time_zone, c.store_ids
                      FROM campaigns c JOIN stores s ON s.tenant_id = c.tenant_id AND s.id = c.store_id
                     WHERE c.tenant_id = $1 AND c.status = 'running'
                    """).execute(Tuple.of(tenantId)))
            .map(rows -> {
              List<Live> live = new ArrayList<>();
              rows.forEach(row -> {
                CampaignType type = CampaignType.fromWireName(row.getString("type")).orElseThrow();
                live.add(new Live(row.getUUID("id"), type, row.getString("title"), row.getString("message"),
                    CampaignJson.params((JsonObject) row.getValue("params"), CampaignRules.defaultParams(0)),
                    CampaignJson.offer((JsonObject) row.getValue("offer")).perMember(), row.getBoolean("budgeted"),
                    ZoneId.of(row.getString("time_zone")), List.of(row.getArrayOfUUIDs("store_ids"))));
              });
              return live;
            }))
        .compose(live -> {
          Future<Integer> chain = Future.succeededFuture(0);
          for (Live campaign : live) {
            chain = chain.compose(done -> enrolNewcomers(tenantId, campaign, leading, now)
                .compose(enrolled -> batches(tenantId, campaign))
                .compose(count -> finishIfDone(tenantId, campaign).map(finished -> done + count)));
          }
          return chain;
        });
  }

  private Future<Integer> enrolNewcomers(UUID tenantId, Live campaign, boolean leading, Instant now) {
    return !leading || !campaign.type().recurring() ? Future.succeededFuture(0)
        : database.inTenant(tenantId, sql -> audiences.enrol(sql, tenantId, campaign.id(), campaign.type(),
            campaign.params(), campaign.storeIds(), campaign.perMember(), now,
            LocalDate.ofInstant(now, campaign.zone())));
  }

  /**
   * A one-off campaign whose members were all reached (or skipped), with no SMS left to send, is finished: its type is
   * free for the next one. A recurring one runs until stopped.
   */
  private Future<Void> finishIfDone(UUID tenantId, Live campaign) {
    return campaign.type().recurring() ? Future.succeededFuture() : database.inTenant(tenantId, sql -> sql
        .preparedQuery("""
            UPDATE campaigns c SET status = 'finished'
             WHERE c.tenant_id = $1 AND c.id = $2 AND c.status = 'running'
               AND NOT EXISTS (SELECT 1 FROM campaign_recipients r
                                WHERE r.tenant_id = c.tenant_id AND r.campaign_id = c.id
                                  AND (r.state = 'pending' OR r.sms_state IN ('due', 'attempted')))
            """).execute(Tuple.of(tenantId, campaign.id())).mapEmpty());
  }

  /** Batch after batch until none is left or the campaign is no longer running. */
  private Future<Integer> batches(UUID tenantId, Live campaign) {
    return database.inTenant(tenantId, sql -> batch(sql, tenantId, campaign))
        .compose(reached -> reached == 0 ? Future.succeededFuture(0)
            : batches(tenantId, campaign).map(more -> reached + more));
  }

  /** One batch, in one transaction: answers how many recipients it settled (0 when none was left to claim). */
  Future<Integer> batch(SqlClient sql, UUID tenantId, Live campaign) {
    Instant now = clock.instant();
    return sql.preparedQuery("""
            SELECT 1 FROM campaigns
             WHERE tenant_id = $1 AND id = $2 AND status = 'running' AND starts_at <= $3
               FOR KEY SHARE
            """).execute(Tuple.of(tenantId, campaign.id(), now.atOffset(ZoneOffset.UTC)))
        .compose(running -> running.size() == 0 ? Future.succeededFuture(List.<Claimed>of()) : sql.preparedQuery("""
                SELECT r.member_id, r.occasion, r.template_id, o.amount_off_fen,
                       m.marketing_consent AND m.phone_sealed IS NOT NULL AS reachable_by_sms
                  FROM campaign_recipients r
                  JOIN campaign_offers o ON o.tenant_id = r.tenant_id AND o.campaign_id = r.campaign_id
                                        AND o.template_id = r.template_id
                  JOIN members m ON m.tenant_id = r.tenant_id AND m.id = r.member_id
                 WHERE r.tenant_id = $1 AND r.campaign_id = $2 AND r.state = 'pending'
                 ORDER BY r.template_id, r.member_id, r.occasion
                 LIMIT $3
                   FOR UPDATE OF r SKIP LOCKED
                """).execute(Tuple.of(tenantId, campaign.id(), BATCH))
            .map(rows -> {
              List<Claimed> claimed = new ArrayList<>();
              rows.forEach(row -> claimed.add(new Claimed(row.getUUID("member_id"), row.getString("occasion"),
                  row.getUUID("template_id"), row.getLong("amount_off_fen"), row.getBoolean("reachable_by_sms"))));
              return claimed;
            }))
        // Every recipient's statements at once: the connection pipelines them, so a batch costs a few round trips
        // rather than four for each recipient in turn. They are one transaction's, so any fault undoes the batch.
        .compose(claimed -> Future.all(claimed.stream().map(recipient -> reach(sql, tenantId, campaign, recipient,
            now)).toList()).map(done -> claimed.size()));
  }

  /** Within the budget: the coupon, the message and the mark, or the reason the member was skipped. */
  private Future<Void> reach(SqlClient sql, UUID tenantId, Live campaign, Claimed recipient, Instant now) {
    Future<Boolean> withinBudget = !campaign.budgeted() ? Future.succeededFuture(true) : sql.preparedQuery("""
            UPDATE campaigns SET issued_fen = issued_fen + $3
             WHERE tenant_id = $1 AND id = $2 AND issued_fen + $3 <= budget_fen
            """).execute(Tuple.of(tenantId, campaign.id(), recipient.amountOffFen()))
        .map(rows -> rows.rowCount() == 1);
    return withinBudget.compose(within -> !within ? skip(sql, tenantId, campaign, recipient, "budget_spent")
        : issuing.issue(sql, tenantId, recipient.memberId(), recipient.templateId(), CouponSource.CAMPAIGN)
            .compose(coupon -> messages.write(sql, tenantId, recipient.memberId(), campaign.title(),
                    campaign.message(), coupon.id(), campaign.id(), recipient.occasion())
                .compose(written -> sql.preparedQuery("""
                        UPDATE campaign_recipients
                           SET state = 'sent', sent_at = $4::timestamptz, coupon_id = $5,
                               sms_state = CASE WHEN $6::boolean THEN 'due' END,
                               sms_due_at = CASE WHEN $6::boolean THEN $4::timestamptz END
                         WHERE tenant_id = $1 AND campaign_id = $2 AND member_id = $3 AND occasion = $7
                        """).execute(Tuple.of(tenantId, campaign.id(), recipient.memberId(),
                        now.atOffset(ZoneOffset.UTC), coupon.id(), recipient.reachableBySms(), recipient.occasion()))))
            .<Void>mapEmpty()
            .recover(failure -> failure instanceof Refused refused
                ? skip(sql, tenantId, campaign, recipient, refused.refusal().code())
                : Future.failedFuture(failure)));
  }

  private static Future<Void> skip(SqlClient sql, UUID tenantId, Live campaign, Claimed recipient, String reason) {
    return sql.preparedQuery("""
            UPDATE campaign_recipients SET state = 'skipped', skip_reason = $4
             WHERE tenant_id = $1 AND campaign_id = $2 AND member_id = $3 AND occasion = $5
            """).execute(Tuple.of(tenantId, campaign.id(), recipient.memberId(), reason, recipient.occasion()))
        .mapEmpty();
  }
}
