package app.tableloop.insight;

import app.tableloop.campaign.CampaignResults;
import app.tableloop.campaign.CampaignStatus;
import app.tableloop.campaign.Results;
import app.tableloop.identity.Access;
import app.tableloop.menu.BusinessDay;
import app.tableloop.platform.database.Database;
import app.tableloop.tenancy.Store;
import app.tableloop.tenancy.Stores;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The insights of a store (store operations) or of the whole tenant (tenant operations), each call one read-only
 * transaction bound to the caller's tenant. "Today" is the business day now in the store's time zone (the first
 * store's for the tenant).
 */
final class InsightService {
  private static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Shanghai");
  private static final String ALL_STORES = "全部门店";

  private final Database database;
  private final Stores stores;
  private final Bills bills;
  private final CampaignResults campaigns;
  private final Clock clock;

  InsightService(Database database, Stores stores, Bills bills, CampaignResults campaigns, Clock clock) {
    this.database = database;
    this.stores = stores;
    this.bills = bills;
    this.campaigns = campaigns;
    this.clock = clock;
  }

  /** Where a call looks: one store, or every store of the tenant. */
  private record Scope(UUID storeId, String name, ZoneId zone, List<Store> stores) {
    Period period(PeriodKey key, Instant now) {
      return Period.ending(key, BusinessDay.of(now, zone));
    }
  }

  /**
   * The dashboard's parts are read side by side, each in its own transaction (the bills, the dishes, members and
   * campaigns): a dashboard is a picture of a moment, not a statement that has to balance across its parts.
   */
  Future<Dashboard> dashboard(Access access, PeriodKey key) {
    UUID tenantId = access.tenantId();
    return reading(tenantId, sql -> scope(sql, access)).compose(scope -> {
      Period period = scope.period(key, clock.instant());
      UUID storeId = scope.storeId();
      Future<Bills.Book> book = reading(tenantId, sql -> bills.read(sql, tenantId, storeId, period));
      Future<List<Bills.DishFigures>> dishes = reading(tenantId,
          sql -> bills.topDishes(sql, tenantId, storeId, period));
      Future<List<Bills.Recruits>> joined = reading(tenantId,
          sql -> bills.membersJoined(sql, tenantId, storeId, period));
      Future<List<CampaignResults.Launched>> launched = reading(tenantId,
          sql -> campaignsOf(sql, tenantId, scope, period));
      return Future.all(book, dishes, joined, launched).map(all -> new Dashboard(period, scope.zone(), storeId,
          scope.name(), total(book.result().figures()), joined.result(), dishes.result(), book.result().hours(),
          book.result().daily(), launched.result()));
    });
  }

  /** The explanation, and the period compared. */
  record Explained(Period period, ZoneId zone, long revenueFen, long previousRevenueFen,
                   ExplanationRules.Explanation explanation) {
  }

  Future<Explained> explanation(Access access, PeriodKey key) {
    UUID tenantId = access.tenantId();
    return reading(tenantId, sql -> scope(sql, access)).compose(scope -> {
      Period period = scope.period(key, clock.instant());
      Future<Bills.Book> now = reading(tenantId, sql -> bills.read(sql, tenantId, scope.storeId(), period));
      Future<Bills.Book> before = reading(tenantId,
          sql -> bills.read(sql, tenantId, scope.storeId(), period.previous()));
      return Future.all(now, before).map(both -> {
        RevenueChange change = new RevenueChange(total(now.result().figures()).side(),
            total(before.result().figures()).side());
        return new Explained(period, scope.zone(), change.current().revenueFen(), change.previous().revenueFen(),
            ExplanationRules.explain(change, key));
      });
    });
  }

  /** The ranking, and the period it is of. */
  record Ranked(Period period, ZoneId zone, RankingRules.Ranking ranking) {
  }

  /** The period's figures per store; of the period before only revenue is ranked, so only revenue is read. */
  Future<Ranked> ranking(Access access, PeriodKey key) {
    UUID tenantId = access.tenantId();
    return reading(tenantId, sql -> scope(sql, access)).compose(scope -> {
      Period period = scope.period(key, clock.instant());
      Future<Bills.Book> now = reading(tenantId, sql -> bills.read(sql, tenantId, null, period));
      Future<Map<UUID, Long>> before = reading(tenantId, sql -> bills.revenue(sql, tenantId, period.previous()));
      Future<List<CampaignResults.Launched>> launched = reading(tenantId,
          sql -> campaignsOf(sql, tenantId, scope, period));
      return Future.all(now, before, launched).map(all -> {
        Map<UUID, BillFigures> current = byStore(now.result().figures());
        List<RankingRules.StoreFigures> figures = scope.stores().stream().map(store -> {
          BillFigures figure = current.getOrDefault(store.id(), none(store.id()));
          return new RankingRules.StoreFigures(store.id(), store.name(), figure.revenueFen(),
              before.result().getOrDefault(store.id(), 0L), figure.newDiners() + figure.returningDiners(),
              figure.returningDiners(), figure.avgBasketFen(), campaignReturn(launched.result().stream()
                  .filter(campaign -> campaign.storeId().equals(store.id())).toList()));
        }).toList();
        return new Ranked(period, scope.zone(), RankingRules.rank(figures));
      });
    });
  }

  /**
   * A read-only transaction bound to the tenant that compiles no query: a period's bills are read by many small
   * look-ups whose estimated cost passes PostgreSQL's JIT threshold, and compiling them took longer than running them
   * (0.7 s of a 0.9 s read of one day on a year of orders).
   */
  private <T> Future<T> reading(UUID tenantId, Function<SqlClient, Future<T>> work) {
    return database.readingInTenant(tenantId, sql -> sql.query("SET LOCAL jit = off").execute()
        .compose(set -> work.apply(sql)));
  }

  private Future<Scope> scope(SqlClient sql, Access access) {
    UUID tenantId = access.tenantId();
    if (access.storeId() != null) {
      return stores.find(sql, tenantId, access.storeId()).map(Optional::orElseThrow)
          .map(store -> new Scope(store.id(), store.name(), store.timeZone(), List.of(store)));
    }
    return stores.list(sql, tenantId).map(all -> new Scope(null, ALL_STORES,
        all.isEmpty() ? DEFAULT_ZONE : all.get(0).timeZone(), all));
  }

  /**
   * The campaigns that bear on the period: launched before it ended, and either still live or started within it;
   * of one store, those launched from it.
   */
  private Future<List<CampaignResults.Launched>> campaignsOf(SqlClient sql, UUID tenantId, Scope scope,
                                                             Period period) {
    Instant start = ZonedDateTime.of(period.from(), BusinessDay.STARTS_AT, scope.zone()).toInstant();
    Instant end = ZonedDateTime.of(period.to().plusDays(1), BusinessDay.STARTS_AT, scope.zone()).toInstant();
    return campaigns.ofTenant(sql, tenantId).map(all -> all.stream()
        .filter(launched -> scope.storeId() == null || launched.storeId().equals(scope.storeId()))
        .filter(launched -> launched.campaign().startsAt().isBefore(end)
            && (live(launched.campaign().status()) || !launched.campaign().startsAt().isBefore(start)))
        .toList());
  }

  private static boolean live(CampaignStatus status) {
    return status == CampaignStatus.SCHEDULED || status == CampaignStatus.RUNNING || status == CampaignStatus.PAUSED;
  }

  /** Attributed revenue over cost of these campaigns together, to two decimals; null while they cost nothing. */
  private static Double campaignReturn(List<CampaignResults.Launched> launched) {
    long cost = launched.stream().map(CampaignResults.Launched::campaign).mapToLong(c -> c.results().costFen()).sum();
    long revenue = launched.stream().map(CampaignResults.Launched::campaign)
        .map(campaign -> campaign.results()).mapToLong(Results::attributedRevenueFen).sum();
    return cost == 0 ? null : Math.round(revenue * 100.0 / cost) / 100.0;
  }

  private static BillFigures total(List<BillFigures> figures) {
    return figures.stream().filter(figure -> figure.storeId() == null).findFirst().orElse(none(null));
  }

  private static Map<UUID, BillFigures> byStore(List<BillFigures> figures) {
    return figures.stream().filter(figure -> figure.storeId() != null)
        .collect(Collectors.toMap(BillFigures::storeId, Function.identity()));
  }

  private static BillFigures none(UUID storeId) {
    return new BillFigures(storeId, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
  }
}
