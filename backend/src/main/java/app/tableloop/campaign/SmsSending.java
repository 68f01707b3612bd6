package app.tableloop.campaign;

import app.tableloop.campaign.sms.SmsMessage;
import app.tableloop.campaign.sms.SmsProvider;
import app.tableloop.platform.crypto.DataKeys;
import app.tableloop.platform.database.Database;
import app.tableloop.platform.job.PeriodicJob;
import app.tableloop.platform.redis.Redis;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.redisson.api.RRateLimiter;
import org.redisson.api.RateType;

/**
 * Sends the campaign SMS that are due, each at most once. Due recipients are claimed with their members' rows
 * ({@code FOR UPDATE SKIP LOCKED}: two senders never take the same recipient, and one member's cap is checked by one
 * sender at a time); one in the quiet hours or past the weekly cap is deferred; the others are marked attempted and
 * committed before the provider is called, under the recipient's own id (the provider's session context). A sender
 * that dies after that leaves the recipient attempted. What happens to it then depends on the provider: Tencent Cloud
 * does not recognise a resend, so an attempted SMS is never sent again (at most once: a member may miss the SMS, never
 * get two; the coupon and in-app message are exactly once regardless); a provider that recognises a resend by our id
 * (the simulator) gets it again after {@link #RETRY_AFTER} and answers as it did the first time, so each recipient
 * ends with exactly one. Sends across all instances keep to the provider's rate through one Redis rate limiter.
 */
public final class SmsSending {
  /** Event-bus address that runs a pass at once and replies with how many SMS the provider accepted. */
  public static final String SEND_NOW = "campaign.sms";
  static final String RATE_KEY = "rate:campaign-sms";
  private static final int BATCH = 20;
  /** How long an attempt may wait for its answer before a sender takes it for lost. */
  static final Duration RETRY_AFTER = Duration.ofMinutes(2);

  private final Vertx vertx;
  private final Database database;
  private final Redis redis;
  private final DataKeys keys;
  private final Future<SmsProvider> provider;
  private final int perSecond;
  private final boolean resendsRecognised;
  private final Clock clock;

  SmsSending(Vertx vertx, Database database, Redis redis, DataKeys keys, Future<SmsProvider> provider, int perSecond,
             boolean resendsRecognised, Clock clock) {
    this.resendsRecognised = resendsRecognised;
    this.vertx = vertx;
    this.database = database;
    this.redis = redis;
    this.keys = keys;
    this.provider = provider;
    this.perSecond = perSecond;
    this.clock = clock;
  }

  public PeriodicJob job() {
    return new PeriodicJob(SEND_NOW, Duration.ofSeconds(15), this::pass);
  }

  private record Attempt(UUID campaignId, UUID memberId, String occasion, String phone, String text) {
  }

  /** A claimed batch: how many rows it settled or deferred, and the SMS to hand to the provider. */
  private record Claimed(int settled, List<Attempt> attempts) {
  }

  public Future<Integer> pass() {
    Instant now = clock.instant();
    return database.pool().preparedQuery("SELECT tenants_with_sms_due($1, $2) AS tenant_id")
        .execute(Tuple.of(now.atOffset(ZoneOffset.UTC), retryBefore(now)))
        .compose(rows -> {
          Future<Integer> chain = Future.succeededFuture(0);
          for (Row row : rows) {
            UUID tenantId = row.getUUID("tenant_id");
            chain = chain.compose(done -> tenant(tenantId).map(sent -> done + sent));
          }
          return chain;
        });
  }

  /** Attempts made before this are taken for lost and sent again; null when the provider would not recognise it. */
  private java.time.OffsetDateTime retryBefore(Instant now) {
    return resendsRecognised ? now.minus(RETRY_AFTER).atOffset(ZoneOffset.UTC) : null;
  }

  private Future<Integer> tenant(UUID tenantId) {
    return database.inTenant(tenantId, sql -> claim(sql, tenantId, clock.instant()))
        .compose(claimed -> claimed.settled() == 0 ? Future.succeededFuture(0)
            : send(tenantId, claimed.attempts()).compose(sent -> tenant(tenantId).map(more -> sent + more)));
  }

  /** Claims a batch of due SMS: defers those that may not go now, marks the others attempted. */
  private Future<Claimed> claim(SqlClient sql, UUID tenantId, Instant now) {
    return sql.preparedQuery("""
            SELECT r.campaign_id, r.member_id, r.occasion, r.sms_state = 'attempted' AS lost, c.message, s.time_zone,
                   m.marketing_consent, m.phone_sealed,
                   m.phone_key_id, m.phone_country,
                   ARRAY(SELECT o.sms_sent_at FROM campaign_recipients o
                          WHERE o.tenant_id = r.tenant_id AND o.member_id = r.member_id
                            AND o.sms_state IN ('attempted', 'sent') AND o.sms_sent_at > $2::timestamptz - $4::interval
                          ORDER BY o.sms_sent_at) AS sent_within_window
              FROM campaign_recipients r
              JOIN campaigns c ON c.tenant_id = r.tenant_id AND c.id = r.campaign_id
              JOIN stores s ON s.tenant_id = c.tenant_id AND s.id = c.store_id
              JOIN members m ON m.tenant_id = r.tenant_id AND m.id = r.member_id
             WHERE r.tenant_id = $1
               AND ((r.sms_state = 'due' AND r.sms_due_at <= $2 AND c.status = 'running')
                    OR (r.sms_state = 'attempted' AND r.sms_sent_at <= $5))
             ORDER BY r.sms_due_at, r.member_id
             LIMIT $3
               FOR UPDATE OF r, m SKIP LOCKED
            """)
        .execute(Tuple.of(tenantId, now.atOffset(ZoneOffset.UTC), BATCH,
            io.vertx.pgclient.data.Interval.of(0, 0, (int) SmsRules.CAP_WINDOW.toDays()), retryBefore(now)))
        .compose(rows -> {
          List<Attempt> attempts = new ArrayList<>();
          Future<Void> chain = Future.succeededFuture();
          List<UUID> seen = new ArrayList<>();
          for (Row row : rows) {
            UUID campaignId = row.getUUID("campaign_id");
            UUID memberId = row.getUUID("member_id");
            String occasion = row.getString("occasion");
            if (seen.contains(memberId)) {
              // The member's other campaign waits for the next batch, which sees this one's SMS in the cap.
              continue;
            }
            seen.add(memberId);
            boolean lost = row.getBoolean("lost");
            if (!row.getBoolean("marketing_consent") || row.getBuffer("phone_sealed") == null) {
              chain = chain.compose(done -> mark(sql, tenantId, campaignId, memberId, occasion, "skipped", null, now));
              continue;
            }
            List<Instant> sent = new ArrayList<>();
            for (java.time.OffsetDateTime at : row.getArrayOfOffsetDateTimes("sent_within_window")) {
              sent.add(at.toInstant());
            }
            // A lost attempt passed these checks when it was made, and counts in the cap itself.
            Optional<Instant> later = lost ? Optional.empty()
                : SmsRules.afterQuietHours(now, ZoneId.of(row.getString("time_zone"))).or(() -> SmsRules.afterCap(sent));
            if (later.isPresent()) {
              chain = chain.compose(done -> defer(sql, tenantId, campaignId, memberId, occasion, later.get()));
              continue;
            }
            String phone = "+" + row.getString("phone_country") + keys.open(new DataKeys.Sealed(
                row.getString("phone_key_id"), row.getBuffer("phone_sealed").getBytes()));
            attempts.add(new Attempt(campaignId, memberId, occasion, phone, row.getString("message")));
            chain = chain.compose(done -> mark(sql, tenantId, campaignId, memberId, occasion, "attempted", null, now));
          }
          return chain.map(done -> new Claimed(seen.size(), attempts));
        });
  }

  /**
   * Hands the attempts to the provider at once, each as the rate limiter lets it through (so the provider's rate, not
   * one call after another, bounds the pace), and records what it answered to each.
   */
  private Future<Integer> send(UUID tenantId, List<Attempt> attempts) {
    RRateLimiter limiter = redis.client().getRateLimiter(RATE_KEY);
    Duration second = Duration.ofSeconds(1);
    return redis.future(limiter.trySetRateAsync(RateType.OVERALL, perSecond, second, second.multipliedBy(60)))
        .compose(set -> Future.all(attempts.stream().map(attempt -> sendOne(tenantId, limiter, attempt)).toList()))
        .map(all -> all.<Boolean>list().stream().mapToInt(accepted -> accepted ? 1 : 0).sum());
  }

  private Future<Boolean> sendOne(UUID tenantId, RRateLimiter limiter, Attempt attempt) {
    return redis.future(limiter.acquireAsync())
        .compose(permitted -> provider)
        // Unordered: the SDK's blocking calls of one batch run side by side on the worker pool.
        .compose(sms -> vertx.executeBlocking(() -> sms.send(new SmsMessage(
            smsId(attempt), attempt.phone(), List.of(attempt.text()))), false))
        .compose(receipt -> database.inTenant(tenantId, sql -> mark(sql, tenantId, attempt.campaignId(),
                attempt.memberId(), attempt.occasion(), receipt.accepted() ? "sent" : "failed", receipt.code(),
                clock.instant()))
            .map(marked -> receipt.accepted()));
  }

  /** The recipient's own id for the provider: campaign and member, and the occasion when there is one. */
  private static String smsId(Attempt attempt) {
    return attempt.campaignId() + ":" + attempt.memberId()
        + (attempt.occasion().isEmpty() ? "" : ":" + attempt.occasion());
  }

  private static Future<Void> mark(SqlClient sql, UUID tenantId, UUID campaignId, UUID memberId, String occasion,
                                   String state, String code, Instant now) {
    return sql.preparedQuery("""
            UPDATE campaign_recipients
               SET sms_state = $4::text, sms_code = $5,
                   sms_sent_at = CASE WHEN $4::text = 'attempted' THEN $6::timestamptz ELSE sms_sent_at END
             WHERE tenant_id = $1 AND campaign_id = $2 AND member_id = $3 AND occasion = $7
            """).execute(Tuple.of(tenantId, campaignId, memberId, state, code, now.atOffset(ZoneOffset.UTC), occasion))
        .mapEmpty();
  }

  private static Future<Void> defer(SqlClient sql, UUID tenantId, UUID campaignId, UUID memberId, String occasion,
                                    Instant until) {
    return sql.preparedQuery("""
            UPDATE campaign_recipients SET sms_due_at = $4
             WHERE tenant_id = $1 AND campaign_id = $2 AND member_id = $3 AND occasion = $5
            """).execute(Tuple.of(tenantId, campaignId, memberId, until.atOffset(ZoneOffset.UTC), occasion))
        .mapEmpty();
  }
}
