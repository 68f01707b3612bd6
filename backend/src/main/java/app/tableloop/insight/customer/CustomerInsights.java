package app.tableloop.insight.customer;

import static app.tableloop.platform.http.Refusals.refuse;

import app.tableloop.identity.Access;
import app.tableloop.loyalty.level.DefaultLevels;
import app.tableloop.loyalty.level.Levels;
import app.tableloop.membership.MaskedMembers;
import app.tableloop.membership.MembershipRefusal;
import app.tableloop.platform.database.Database;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The owner's view of the brand's customers: how many are in each segment, who they are (masked), and one member's
 * history, whose every read is in the access audit. Each call is one transaction bound to the caller's tenant.
 */
final class CustomerInsights {
  /** The reason the access audit keeps for a history read. */
  static final String HISTORY_REASON = "查看会员消费记录 / member history viewed";
  /** The segment a member's history names first, when they are in several. */
  private static final List<Segment> PRIMARY = List.of(Segment.HIGH_VALUE, Segment.NEW, Segment.REGULAR,
      Segment.SLEEPING, Segment.LOST);

  private final Database database;
  private final Segments segments;
  private final MemberHistories histories;
  private final MaskedMembers members;
  private final Levels levels;
  private final Clock clock;

  CustomerInsights(Database database, Segments segments, MemberHistories histories, MaskedMembers members,
                   Levels levels, Clock clock) {
    this.database = database;
    this.segments = segments;
    this.histories = histories;
    this.members = members;
    this.levels = levels;
    this.clock = clock;
  }

  Future<JsonObject> segments(Access access) {
    UUID tenantId = access.tenantId();
    return database.inTenant(tenantId, sql -> segments.count(sql, tenantId, clock.instant()))
        .map(counts -> new JsonObject().put("total_members", counts.members())
            .put("segments", new JsonArray(List.of(Segment.values()).stream()
                .map(segment -> new JsonObject().put("key", segment.wireName()).put("label", segment.label())
                    .put("label_en", segment.labelEn()).put("count", counts.bySegment().get(segment))
                    .put("definition", segment.definition()))
                .toList())));
  }

  /** A page of the segment's members by spend, highest first, names and phones masked. */
  Future<JsonObject> members(Access access, Segment segment, int limit, Optional<String> cursor) {
    Optional<SegmentCursor> after = cursor.flatMap(SegmentCursor::parse);
    if (cursor.isPresent() && after.isEmpty()) {
      return refuse(CustomerRefusal.CURSOR_INVALID);
    }
    UUID tenantId = access.tenantId();
    return database.inTenant(tenantId, sql -> segments.page(sql, tenantId, clock.instant(), segment, limit, after)
        .compose(page -> members.of(sql, tenantId, page.stream().map(Segments.Listed::memberId).toList())
            .compose(shown -> levelNames(sql, tenantId).map(names -> {
              Map<UUID, MaskedMembers.Shown> byId = shown.stream()
                  .collect(Collectors.toMap(MaskedMembers.Shown::memberId, Function.identity()));
              JsonArray items = new JsonArray(page.stream().filter(listed -> byId.containsKey(listed.memberId()))
                  .map(listed -> {
                    MaskedMembers.Shown member = byId.get(listed.memberId());
                    return new JsonObject().put("member_id", listed.memberId().toString())
                        .put("name", member.name()).put("phone", member.phone().orElse(null))
                        .put("visits", listed.visits()).put("spend_fen", listed.spendFen())
                        .put("avg_basket_fen", member.visits().averageBasketFen())
                        .put("last_visit_at", listed.lastVisitAt() == null ? null : listed.lastVisitAt().toString())
                        .put("level", names.get(listed.levelRank()));
                  }).toList());
              String next = page.size() < limit ? null : new SegmentCursor(page.get(page.size() - 1).spendFen(),
                  page.get(page.size() - 1).memberId()).text();
              return new JsonObject().put("items", items).put("next", next);
            }))));
  }

  /** The member's card, visits and coupons, masked; the read is in the access audit, or nothing is answered. */
  Future<JsonObject> history(Access access, UUID memberId) {
    UUID tenantId = access.tenantId();
    Instant now = clock.instant();
    return database.inTenant(tenantId, sql -> members.readAudited(sql, access, memberId, HISTORY_REASON)
        .compose(found -> found.isEmpty() ? refuse(MembershipRefusal.MEMBER_NOT_FOUND)
            : history(sql, tenantId, found.get(), now)));
  }

  private Future<JsonObject> history(SqlClient sql, UUID tenantId, MaskedMembers.Shown member, Instant now) {
    return segments.of(sql, tenantId, now, member.memberId()).map(Optional::orElseThrow)
        .compose(membership -> levelNames(sql, tenantId)
            .compose(names -> histories.visits(sql, tenantId, member.userId())
                .compose(visits -> histories.coupons(sql, tenantId, member.memberId(), now)
                    .map(coupons -> new JsonObject()
                        .put("member", new JsonObject().put("member_id", member.memberId().toString())
                            .put("name", member.name()).put("phone", member.phone().orElse(null))
                            .put("joined_at", member.joinedAt().toString())
                            .put("level", names.get(membership.levelRank()))
                            .put("visits", member.visits().count()).put("spend_fen", member.visits().spendFen())
                            .put("avg_basket_fen", member.visits().averageBasketFen())
                            .put("last_visit_at", member.visits().last() == null ? null
                                : member.visits().last().toString())
                            .put("segment", PRIMARY.stream().filter(membership.segments()::contains).findFirst()
                                .map(Segment::wireName).orElse(null))
                            .put("segments", new JsonArray(PRIMARY.stream().filter(membership.segments()::contains)
                                .map(Segment::wireName).toList())))
                        .put("visits", visits).put("coupons", coupons)))));
  }

  /** The tenant's level names by rank (the built-in ones when it defined none). */
  private Future<Map<Integer, String>> levelNames(SqlClient sql, UUID tenantId) {
    return levels.of(sql, tenantId).map(list -> list.stream()
        .collect(Collectors.toMap(DefaultLevels.Level::rank, DefaultLevels.Level::name)));
  }
}
