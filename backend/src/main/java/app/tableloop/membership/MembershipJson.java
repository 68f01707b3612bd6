package app.tableloop.membership;

import app.tableloop.platform.http.WireTime;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.Optional;

/** Members and notices as clients see them. */
final class MembershipJson {
  private MembershipJson() {
  }

  static JsonObject notice(PrivacyNotices.Notice notice) {
    return new JsonObject().put("version", notice.version()).put("body", notice.body())
        .put("published_at", WireTime.of(notice.publishedAt()));
  }

  /** A member with their statistics; the phone masked for staff and owners, whole for the member's own export. */
  static JsonObject profile(Membership.Profile profile, Optional<Phone> phone, boolean masked) {
    Member member = profile.member();
    Member.Visits visits = member.visits();
    return new JsonObject()
        .put("id", member.id().toString())
        .put("joined_at", WireTime.of(member.joinedAt()))
        .put("joined_store_id", member.joinedStoreId().toString())
        .put("joined_table_id", member.joinedTableId() == null ? null : member.joinedTableId().toString())
        .put("joined_via", member.via().wireName())
        .put("recruited_by", member.recruitedBy() == null ? null : member.recruitedBy().toString())
        .put("referred_by", member.referredBy() == null ? null : member.referredBy().toString())
        .put("notice_version", member.noticeVersion())
        .put("marketing_consent", member.marketingConsent())
        .put("nickname", member.nickname())
        .put("birthday", member.birthday() == null ? null : member.birthday().toString())
        .put("phone", phone.map(p -> masked ? p.masked() : p.number()).orElse(null))
        .put("phone_country_code", phone.map(Phone::countryCode).orElse(null))
        .put("stats", new JsonObject()
            .put("visits", visits.count())
            .put("total_spend_fen", visits.spendFen())
            .put("average_basket_fen", visits.averageBasketFen())
            .put("first_visit_at", time(visits.first()))
            .put("last_visit_at", time(visits.last()))
            .put("favourite_dishes", new JsonArray(profile.favouriteDishes().stream()
                .map(dish -> new JsonObject().put("dish_id", dish.dishId()).put("name", dish.name())
                    .put("quantity", dish.quantity()))
                .toList()))
            .put("stores_visited", new JsonArray(profile.storesVisited().stream()
                .map(store -> new JsonObject().put("store_id", store.storeId().toString()).put("name", store.name())
                    .put("visits", store.visits()))
                .toList())));
  }

  private static String time(OffsetDateTime time) {
    return time == null ? null : time.toString();
  }
}
