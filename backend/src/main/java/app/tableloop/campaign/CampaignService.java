package app.tableloop.campaign;

import static app.tableloop.platform.http.Refusals.refuse;

import app.tableloop.identity.Access;
import app.tableloop.identity.Role;
import app.tableloop.loyalty.coupon.CouponTemplate;
import app.tableloop.loyalty.coupon.CouponTemplates;
import app.tableloop.loyalty.coupon.CouponTerms;
import app.tableloop.platform.database.Database;
import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Campaigns as the owner uses them: cards computed from the tenant's members, a launch that writes the campaign, its
 * coupon templates and every recipient in one transaction (the same idempotency key answers the same campaign), and
 * pause, resume and stop. Each call is one transaction bound to the store's tenant.
 */
public final class CampaignService {
  private static final String UNIQUE_VIOLATION = "23505";
  private static final String ONE_LIVE_PER_TYPE = "campaigns_one_live_per_type";

  private final Database database;
  private final Audiences audiences;
  private final Campaigns campaigns;
  private final CouponTemplates templates;
  private final Clock clock;

  CampaignService(Database database, Audiences audiences, Campaigns campaigns, CouponTemplates templates,
                  Clock clock) {
    this.database = database;
    this.audiences = audiences;
    this.campaigns = campaigns;
    this.templates = templates;
    this.clock = clock;
  }

  /**
   * What the owner asked to launch; null offer, params, budget or start take the card's defaults, null stores the
   * launching store.
   */
  record Launch(String type, Offer offer, Map<String, Object> params, Long budgetFen, Instant startsAt,
                List<UUID> storeIds, String idempotencyKey) {
  }

  /** The launching store, and the stores whose members the campaign reaches. */
  private record StoreFacts(UUID id, String name, ZoneId zone, List<UUID> storeIds) {
  }

  /** Every card for the members of these stores (null: the caller's store), ranked by expected return over cost. */
  Future<List<CampaignCard>> cards(Access access, List<UUID> storeIds) {
    UUID tenantId = access.tenantId();
    Instant now = clock.instant();
    return database.inTenant(tenantId, sql -> store(sql, access, storeIds)
            .compose(store -> audiences.medianBasket(sql, tenantId, store.storeIds())
                .compose(median -> campaigns.live(sql, tenantId).map(live -> new CardFacts(store, median,
                    live.stream().collect(Collectors.toMap(Campaigns.Keyed::type, Campaigns.Keyed::id)))))))
        .compose(facts -> {
          AudienceParams params = CampaignRules.defaultParams(facts.median());
          // Each card reads the brand's members on a connection of its own: side by side, a preview takes as long as
          // its slowest card rather than all of them in turn.
          List<Future<CampaignCard>> cards = Arrays.stream(CampaignType.values())
              .map(type -> database.inTenant(tenantId, sql -> card(sql, tenantId, facts.store(), type, params,
                      facts.median(), now))
                  .map(card -> new CampaignCard(card.type(), card.summary(), card.audience(), card.offer(),
                      card.validHours(), card.estimate(), card.previewMessage(), card.previewCoupon(),
                      card.params(), facts.running().get(type))))
              .toList();
          return Future.all(cards).map(all -> cards.stream().map(Future::result)
              .sorted(Comparator.comparingLong((CampaignCard card) -> CampaignRules.expectedGain(card.estimate()))
                  .reversed())
              .toList());
        });
  }

  /** What every card of a preview shares: the stores, the median basket and the campaigns live by type. */
  private record CardFacts(StoreFacts store, long median, Map<CampaignType, UUID> running) {
  }

  /** A card; an off-peak one reaches nobody, saying why, while the store's orders show no quiet hours yet. */
  private Future<CampaignCard> card(SqlClient sql, UUID tenantId, StoreFacts store, CampaignType type,
                                    AudienceParams params, long median, Instant now) {
    return validHours(sql, tenantId, store, type, now).compose(hours -> (waitsForHistory(type, hours)
            ? Future.succeededFuture(new Audience(0, 0, 0))
            : audiences.count(sql, tenantId, type, params, store.storeIds(), now,
                LocalDate.ofInstant(now, store.zone())))
        .map(audience -> {
          Offer offer = CampaignRules.defaultOffer(type, params, audience.avgBasketFen(), median);
          String message = CampaignRules.message(type, store.name(), offer, hours);
          return new CampaignCard(type, summary(type, audience, hours), audience, offer, hours,
              CampaignRules.estimate(type, audience, offer), message,
              CampaignRules.couponPreview(offer, hours), params, null);
        }));
  }

  /** The hours the type's coupon is usable in: the store's quiet hours for an off-peak offer, any time otherwise. */
  private Future<List<Integer>> validHours(SqlClient sql, UUID tenantId, StoreFacts store, CampaignType type,
                                           Instant now) {
    return type == CampaignType.OFF_PEAK ? audiences.quietHours(sql, tenantId, store.storeIds(), store.zone(), now)
        : Future.succeededFuture(List.of());
  }

  private static boolean waitsForHistory(CampaignType type, List<Integer> validHours) {
    return type == CampaignType.OFF_PEAK && validHours.isEmpty();
  }

  private static String summary(CampaignType type, Audience audience, List<Integer> validHours) {
    if (waitsForHistory(type, validHours)) {
      return "近 " + CampaignRules.OFF_PEAK_WEEKS + " 周的订单还不足以看出空闲时段（需至少 "
          + CampaignRules.OFF_PEAK_MIN_BILLS + " 笔已付账单，最早一笔在 " + CampaignRules.OFF_PEAK_MIN_HISTORY_DAYS
          + " 天前）";
    }
    String who = switch (type) {
      case WIN_BACK -> "位沉睡顾客";
      case BASKET_BOOST -> "位回头客";
      case OFF_PEAK -> "位老顾客可错峰来店（空闲时段 " + CouponTerms.hoursText(validHours) + "）";
      case WELCOME -> "位新会员";
      case BIRTHDAY -> "位会员即将过生日";
    };
    return audience.count() + " " + who + "，平均客单价 ¥" + CampaignRules.yuan(audience.avgBasketFen());
  }

  /**
   * Launches a campaign: the same key answers the campaign it launched (of another type: refused); one live
   * campaign per type; a one-off campaign needs someone to reach.
   */
  Future<Campaign> launch(Access access, Launch launch) {
    Optional<CampaignType> known = CampaignType.fromWireName(launch.type());
    if (known.isEmpty()) {
      return refuse(CampaignRefusal.TYPE_UNKNOWN);
    }
    CampaignType type = known.get();
    UUID tenantId = access.tenantId();
    Instant now = clock.instant();
    return database.inTenant(tenantId, sql -> campaigns.byKey(sql, tenantId, launch.idempotencyKey())
            .compose(earlier -> earlier.isPresent() ? repeated(sql, tenantId, type, earlier.get())
                : store(sql, access, launch.storeIds())
                    .compose(store -> audiences.medianBasket(sql, tenantId, store.storeIds())
                    .compose(median -> launchNew(sql, access, store, type, launch, median, now)))))
        .recover(failure -> failure instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())
            && ONE_LIVE_PER_TYPE.equals(pg.getConstraint())
            // Another launch went live first: the same request (its key) committed meanwhile is answered.
            ? database.inTenant(tenantId, sql -> campaigns.byKey(sql, tenantId, launch.idempotencyKey())
                .compose(earlier -> earlier.isPresent() ? repeated(sql, tenantId, type, earlier.get())
                    : refuse(CampaignRefusal.ALREADY_RUNNING)))
            : Future.failedFuture(failure));
  }

  private Future<Campaign> repeated(SqlClient sql, UUID tenantId, CampaignType type, Campaigns.Keyed earlier) {
    return earlier.type() != type ? refuse(CampaignRefusal.KEY_REUSED) : found(sql, tenantId, earlier.id());
  }

  private Future<Campaign> launchNew(SqlClient sql, Access access, StoreFacts store, CampaignType type, Launch launch,
                                     long median, Instant now) {
    UUID tenantId = access.tenantId();
    // The contract has checked the parameters' types and ranges.
    AudienceParams params = CampaignJson.params(launch.params() == null ? null
        : new io.vertx.core.json.JsonObject(launch.params()), CampaignRules.defaultParams(median));
    if (params.minDays() >= params.maxDays()) {
      return refuse(CampaignRefusal.PARAMS_INVALID);
    }
    LocalDate today = LocalDate.ofInstant(now, store.zone());
    return validHours(sql, tenantId, store, type, now).compose(hours -> waitsForHistory(type, hours)
        ? refuse(CampaignRefusal.NO_QUIET_HOURS)
        : audiences.count(sql, tenantId, type, params, store.storeIds(), now, today).compose(audience -> {
          if (audience.count() == 0 && !type.recurring()) {
            return refuse(CampaignRefusal.AUDIENCE_EMPTY);
          }
          Offer proposed = CampaignRules.defaultOffer(type, params, audience.avgBasketFen(), median);
          Offer offer = launch.offer() == null ? proposed
              : new Offer(launch.offer().thresholdFen(), launch.offer().amountOffFen(), launch.offer().validityDays(),
                  proposed.perMember());
          if (!offer.perMember() && !CampaignRules.offerHolds(offer)) {
            return refuse(CampaignRefusal.OFFER_INVALID);
          }
          Instant startsAt = launch.startsAt() == null || launch.startsAt().isBefore(now) ? now : launch.startsAt();
          CampaignStatus status = startsAt.isAfter(now) ? CampaignStatus.SCHEDULED : CampaignStatus.RUNNING;
          String message = CampaignRules.message(type, store.name(), offer, hours);
          return campaigns.insert(sql, tenantId, access.storeId(), store.storeIds(), type, status, offer, params,
                  message,
                  launch.budgetFen(), startsAt, launch.idempotencyKey(), access.user().userId())
              .compose(inserted -> inserted.isEmpty()
                  // A launch with the same key committed meanwhile: answer it.
                  ? campaigns.byKey(sql, tenantId, launch.idempotencyKey())
                      .compose(earlier -> repeated(sql, tenantId, type, earlier.orElseThrow()))
                  : offers(sql, access, type, params, store.storeIds(), offer, hours, inserted.get(), now, today)
                      .compose(done -> audiences.enrol(sql, tenantId, inserted.get(), type, params,
                          store.storeIds(), offer.perMember(), now, today))
                      .compose(enrolled -> found(sql, tenantId, inserted.get())));
        }));
  }

  /**
   * The campaign's coupon templates: one for a fixed offer; one per threshold for a per-member offer, each with its
   * scaled reward; usable at the campaign's stores only, and in the valid hours only when there are any.
   */
  private Future<Void> offers(SqlClient sql, Access access, CampaignType type, AudienceParams params,
                              List<UUID> storeIds, Offer offer, List<Integer> validHours, UUID campaignId,
                              Instant now, LocalDate today) {
    UUID tenantId = access.tenantId();
    Future<List<long[]>> terms = offer.perMember()
        ? audiences.basketBoostThresholds(sql, tenantId, params, storeIds, now, today)
            .map(thresholds -> thresholds.stream()
                .map(threshold -> new long[] {threshold, CampaignRules.scaledReward(threshold, params.rewardPercent())})
                .toList())
        : Future.succeededFuture(List.<long[]>of(new long[] {offer.thresholdFen(), offer.amountOffFen()}));
    return terms.compose(list -> {
      Future<Void> chain = Future.succeededFuture();
      for (long[] each : list) {
        CouponTemplate template = new CouponTemplate(UUID.randomUUID(),
            CampaignRules.couponName(type, each[0], each[1]),
            new CouponTerms(CouponTerms.Kind.AMOUNT_OFF, each[0], each[1], null, null, null, false,
                CouponTerms.Scope.MENU, List.of(), false, validHours, storeIds),
            new CouponTemplate.Validity(null, null, offer.validityDays()), null, 0, 0, type.couponsPerMember(), null,
            null, true, null);
        chain = chain.compose(done -> templates.insert(sql, tenantId, template, access.user().userId())
            .compose(inserted -> campaigns.addOffer(sql, tenantId, campaignId, inserted.id(), each[0], each[1])));
      }
      return chain;
    });
  }

  Future<List<Campaign>> list(Access access) {
    return database.inTenant(access.tenantId(), sql -> campaigns.list(sql, access.tenantId()));
  }

  Future<Campaign> get(Access access, UUID campaignId) {
    return database.inTenant(access.tenantId(), sql -> found(sql, access.tenantId(), campaignId));
  }

  /** Pauses, resumes or stops the campaign, under its row lock so that changes at once apply one after another. */
  Future<Campaign> change(Access access, UUID campaignId, CampaignStatus.Change change) {
    UUID tenantId = access.tenantId();
    return database.inTenant(tenantId, sql -> campaigns.lockStatus(sql, tenantId, campaignId)
        .compose(status -> status.isEmpty() ? refuse(CampaignRefusal.CAMPAIGN_NOT_FOUND)
            : status.get().after(change).map(next -> campaigns.setStatus(sql, tenantId, campaignId, next,
                clock.instant()))
                .orElseGet(() -> refuse(CampaignRefusal.STATUS_CONFLICT)))
        .compose(changed -> found(sql, tenantId, campaignId)))
        .recover(failure -> failure instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())
            && ONE_LIVE_PER_TYPE.equals(pg.getConstraint()) ? refuse(CampaignRefusal.ALREADY_RUNNING)
            : Future.failedFuture(failure));
  }

  private Future<Campaign> found(SqlClient sql, UUID tenantId, UUID campaignId) {
    return campaigns.find(sql, tenantId, campaignId)
        .compose(found -> found.map(Future::succeededFuture)
            .orElseGet(() -> refuse(CampaignRefusal.CAMPAIGN_NOT_FOUND)));
  }

  /**
   * The caller's store, and the stores asked for (none: the caller's store): each must be a store of the tenant, and
   * an owner may name only stores they own; an operator any of the tenant's.
   */
  private static Future<StoreFacts> store(SqlClient sql, Access access, List<UUID> requested) {
    List<UUID> storeIds = requested == null ? List.of(access.storeId()) : requested.stream().distinct().toList();
    return sql.preparedQuery("""
            SELECT s.id, s.name, s.time_zone,
                   (SELECT count(*) FROM stores k WHERE k.tenant_id = $1 AND k.id = ANY($3)) AS known,
                   (SELECT count(*) FROM staff_roles r
                     WHERE r.tenant_id = $1 AND r.user_id = $4 AND r.role = 'owner' AND r.store_id = ANY($3)) AS owned
              FROM stores s WHERE s.tenant_id = $1 AND s.id = $2
            """)
        .execute(Tuple.of(access.tenantId(), access.storeId(), storeIds.toArray(UUID[]::new),
            access.user().userId()))
        .compose(rows -> {
          var row = rows.iterator().next();
          if (row.getLong("known") < storeIds.size()) {
            return refuse(CampaignRefusal.STORE_NOT_FOUND);
          }
          if (access.role() != Role.OPERATOR && row.getLong("owned") < storeIds.size()) {
            return refuse(CampaignRefusal.STORE_NOT_OWNED);
          }
          return Future.succeededFuture(new StoreFacts(row.getUUID("id"), row.getString("name"),
              ZoneId.of(row.getString("time_zone")), storeIds));
        });
  }
}
