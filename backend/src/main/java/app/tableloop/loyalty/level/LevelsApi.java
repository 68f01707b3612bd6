package app.tableloop.loyalty.level;

import app.tableloop.identity.Callers;
import app.tableloop.loyalty.level.DefaultLevels.Level;
import app.tableloop.platform.http.ApiModule;
import app.tableloop.platform.http.Requests;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.math.BigDecimal;
import java.util.List;

/** The owner's member levels, and the diner's level with their progress. */
public final class LevelsApi implements ApiModule {
  private final MemberLevels levels;

  public LevelsApi(MemberLevels levels) {
    this.levels = levels;
  }

  @Override
  public void mount(RouterBuilder api) {
    api.getRoute("getLoyaltyLevels").addHandler(rc -> levels.rules(Callers.of(rc))
        .onSuccess(rules -> rc.json(items(rules))).onFailure(rc::fail));
    api.getRoute("replaceLoyaltyLevels").addHandler(this::replace);
    api.getRoute("getMyLevel").addHandler(rc -> levels.card(Callers.of(rc))
        .onSuccess(card -> rc.json(new JsonObject()
            .put("level", json(card.level()))
            .put("spend_12m_fen", card.spendOfLastYearFen())
            .put("next_level", card.next().map(next -> new JsonObject()
                .put("rank", next.rank())
                .put("name", next.name())
                .put("min_spend_fen", next.minSpendFen())
                .put("spend_needed_fen", Math.max(0, next.minSpendFen() - card.spendOfLastYearFen())))
                .orElse(null))
            .put("levels", new JsonArray(card.levels().stream().map(LevelsApi::json).toList()))))
        .onFailure(rc::fail));
  }

  private void replace(RoutingContext rc) {
    JsonArray items = Requests.body(rc).getJsonArray("items");
    List<Level> rules = items.stream().map(JsonObject.class::cast).map(item -> new Level(item.getInteger("rank"),
        item.getString("name"), item.getLong("min_spend_fen"), item.getBoolean("member_prices"),
        item.getInteger("discount_percent"), new BigDecimal(item.getValue("points_multiplier").toString())))
        .toList();
    levels.replace(Callers.of(rc), rules).onSuccess(replaced -> rc.json(items(replaced))).onFailure(rc::fail);
  }

  private static JsonObject items(List<Level> levels) {
    return new JsonObject().put("items", new JsonArray(levels.stream().map(LevelsApi::json).toList()));
  }

  static JsonObject json(Level level) {
    return new JsonObject()
        .put("rank", level.rank())
        .put("name", level.name())
        .put("min_spend_fen", level.minSpendFen())
        .put("member_prices", level.memberPrices())
        .put("discount_percent", level.discountPercent())
        .put("points_multiplier", level.pointsMultiplier().doubleValue());
  }
}
