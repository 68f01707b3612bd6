package app.tableloop.menu;

import app.tableloop.tenancy.BusinessHours;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** The menu as the API and the database's jsonb write it. */
final class MenuJson {
  private MenuJson() {
  }

  static JsonObject category(MenuCategory category) {
    return new JsonObject()
        .put("id", category.id().toString())
        .put("name", category.name())
        .put("sort_order", category.sortOrder());
  }

  static JsonObject categories(List<MenuCategory> categories) {
    return new JsonObject().put("categories", new JsonArray(categories.stream().map(MenuJson::category).toList()));
  }

  /** A dish as owners and staff manage it: everything, hidden or not, with the stock. */
  static JsonObject managedDish(MenuItem item) {
    Dish dish = item.dish();
    return new JsonObject()
        .put("id", dish.id().toString())
        .put("category_id", item.categoryId().toString())
        .put("name", dish.name())
        .put("description", item.description())
        .put("image_url", item.imageUrl())
        .put("price_fen", dish.priceFen())
        .put("member_price_fen", dish.memberPriceFen())
        .put("tags", new JsonArray(item.tags()))
        .put("sort_order", item.sortOrder())
        .put("available_windows", windows(item.windows()))
        .put("active", dish.active())
        .put("sold_out", dish.soldOut())
        .put("daily_stock", item.dailyStock())
        .put("stock_left", dish.stockLeft())
        .put("option_groups", optionGroups(dish));
  }

  static JsonObject managedDishes(List<MenuItem> items) {
    return new JsonObject().put("dishes", new JsonArray(items.stream().map(MenuJson::managedDish).toList()));
  }

  /**
   * The diners' menu at {@code now}: visible dishes only, by category in order, empty categories left out. Fields
   * with nothing to say (no description, picture, member price, tags, windows or options) are left out too: this is
   * the most read document of the service.
   */
  static JsonObject publicMenu(MenuSnapshot snapshot, Instant now) {
    ZonedDateTime at = now.atZone(snapshot.zone());
    Map<UUID, List<MenuItem>> byCategory = snapshot.items().stream().filter(item -> item.dish().active())
        .collect(Collectors.groupingBy(MenuItem::categoryId));
    JsonArray categories = new JsonArray();
    for (MenuCategory category : snapshot.categories()) {
      List<MenuItem> items = byCategory.getOrDefault(category.id(), List.of());
      if (!items.isEmpty()) {
        categories.add(new JsonObject()
            .put("id", category.id().toString())
            .put("name", category.name())
            .put("dishes", new JsonArray(items.stream().map(item -> publicDish(item, at)).toList())));
      }
    }
    return new JsonObject()
        .put("store_id", snapshot.storeId().toString())
        .put("version", snapshot.version())
        .put("categories", categories);
  }

  private static JsonObject publicDish(MenuItem item, ZonedDateTime at) {
    Dish dish = item.dish();
    JsonObject json = new JsonObject()
        .put("id", dish.id().toString())
        .put("name", dish.name())
        .put("price_fen", dish.priceFen())
        .put("sold_out", item.soldOutNow())
        .put("available_now", item.availableAt(at));
    if (!item.description().isEmpty()) {
      json.put("description", item.description());
    }
    if (item.imageUrl() != null) {
      json.put("image_url", item.imageUrl());
    }
    if (dish.memberPriceFen() != null) {
      json.put("member_price_fen", dish.memberPriceFen());
    }
    if (!item.tags().isEmpty()) {
      json.put("tags", new JsonArray(item.tags()));
    }
    if (!item.windows().periods().isEmpty()) {
      json.put("available_windows", windows(item.windows()));
    }
    if (!dish.optionGroups().isEmpty()) {
      json.put("option_groups", optionGroups(dish));
    }
    return json;
  }

  private static JsonArray optionGroups(Dish dish) {
    return new JsonArray(dish.optionGroups().stream().map(group -> new JsonObject()
        .put("id", group.id().toString())
        .put("name", group.name())
        .put("required", group.required())
        .put("min_choices", group.minChoices())
        .put("max_choices", group.maxChoices())
        .put("choices", new JsonArray(group.choices().stream().map(choice -> new JsonObject()
            .put("id", choice.id().toString())
            .put("name", choice.name())
            .put("price_delta_fen", choice.priceDeltaFen())).toList()))).toList());
  }

  /** A dish as the contract's request body has it (already validated against the contract). */
  static DishDraft draft(JsonObject body) {
    Object memberPrice = body.getValue("member_price_fen");
    return new DishDraft(UUID.fromString(body.getString("category_id")), body.getString("name"),
        body.getString("description", ""), body.getString("image_url"), body.getLong("price_fen"),
        memberPrice == null ? null : ((Number) memberPrice).longValue(),
        body.getJsonArray("tags", new JsonArray()).stream().map(String::valueOf).toList(),
        body.getInteger("sort_order"),
        windows(body.getJsonArray("available_windows", new JsonArray())),
        body.getJsonArray("option_groups", new JsonArray()).stream().map(JsonObject.class::cast)
            .map(MenuJson::groupDraft).toList());
  }

  private static DishDraft.GroupDraft groupDraft(JsonObject group) {
    return new DishDraft.GroupDraft(uuid(group.getString("id")), group.getString("name"),
        group.getBoolean("required", false), group.getInteger("min_choices", 0), group.getInteger("max_choices", 1),
        group.getJsonArray("choices").stream().map(JsonObject.class::cast)
            .map(choice -> new DishDraft.ChoiceDraft(uuid(choice.getString("id")), choice.getString("name"),
                choice.getLong("price_delta_fen", 0L)))
            .toList());
  }

  /** {@code [{"days":[1,2,3,4,5],"open":"11:00","close":"14:00"}]}, ISO weekdays (Monday = 1). */
  static BusinessHours windows(JsonArray json) {
    return new BusinessHours(json.stream().map(JsonObject.class::cast).map(period -> new BusinessHours.Period(
        period.getJsonArray("days").stream().map(day -> DayOfWeek.of(((Number) day).intValue()))
            .collect(Collectors.toUnmodifiableSet()),
        LocalTime.parse(period.getString("open")),
        LocalTime.parse(period.getString("close")))).toList());
  }

  static JsonArray windows(BusinessHours windows) {
    return new JsonArray(windows.periods().stream().map(period -> new JsonObject()
        .put("days", new JsonArray(period.days().stream().sorted().map(DayOfWeek::getValue).toList()))
        .put("open", period.open().toString())
        .put("close", period.close().toString())).toList());
  }

  private static UUID uuid(String value) {
    return value == null ? null : UUID.fromString(value);
  }
}
