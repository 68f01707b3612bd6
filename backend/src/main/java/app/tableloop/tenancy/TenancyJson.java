package app.tableloop.tenancy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.stream.Collectors;

/** Stores, tables and business hours as the API and the database's jsonb write them. */
final class TenancyJson {
  private TenancyJson() {
  }

  static JsonObject store(Store store, Clock clock) {
    return new JsonObject()
        .put("id", store.id().toString())
        .put("tenant_id", store.tenantId().toString())
        .put("code", store.code())
        .put("name", store.name())
        .put("time_zone", store.timeZone().getId())
        .put("ordering_mode", store.orderingMode().wireName())
        .put("business_hours", businessHours(store.businessHours()))
        .put("staff_may_refund", store.staffMayRefund())
        .put("open_now", store.businessHours().isOpenAt(clock.instant().atZone(store.timeZone())));
  }

  static JsonObject table(DiningTable table) {
    return new JsonObject()
        .put("id", table.id().toString())
        .put("store_id", table.storeId().toString())
        .put("code", table.code())
        .put("name", table.name())
        .put("area", table.area())
        .put("seats", table.seats())
        .put("active", table.active());
  }

  /** {@code [{"days":[1,2,3,4,5],"open":"10:00","close":"22:00"}]}, ISO weekdays (Monday = 1). */
  static BusinessHours businessHours(JsonArray json) {
    return new BusinessHours(json.stream().map(JsonObject.class::cast).map(period -> new BusinessHours.Period(
        period.getJsonArray("days").stream().map(day -> DayOfWeek.of(((Number) day).intValue()))
            .collect(Collectors.toUnmodifiableSet()),
        LocalTime.parse(period.getString("open")),
        LocalTime.parse(period.getString("close")))).toList());
  }

  static JsonArray businessHours(BusinessHours hours) {
    return new JsonArray(hours.periods().stream().map(period -> new JsonObject()
        .put("days", new JsonArray(period.days().stream().sorted().map(DayOfWeek::getValue).toList()))
        .put("open", period.open().toString())
        .put("close", period.close().toString())).toList());
  }
}
