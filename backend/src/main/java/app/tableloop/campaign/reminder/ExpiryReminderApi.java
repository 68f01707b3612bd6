package app.tableloop.campaign.reminder;

import app.tableloop.identity.Callers;
import app.tableloop.platform.http.ApiModule;
import app.tableloop.platform.http.Requests;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.openapi.router.RouterBuilder;

/** The owner's view of the automatic expiry reminders, and their switch. */
public final class ExpiryReminderApi implements ApiModule {
  private final ExpiryReminding reminding;

  public ExpiryReminderApi(ExpiryReminding reminding) {
    this.reminding = reminding;
  }

  @Override
  public void mount(RouterBuilder api) {
    api.getRoute("getExpiryReminders").addHandler(rc -> reminding.state(Callers.of(rc))
        .onSuccess(state -> rc.json(json(state))).onFailure(rc::fail));
    api.getRoute("updateExpiryReminders").addHandler(rc -> reminding.switchTo(Callers.of(rc),
            Requests.body(rc).getBoolean("active"))
        .onSuccess(state -> rc.json(json(state))).onFailure(rc::fail));
  }

  private static JsonObject json(ExpiryReminding.State state) {
    return new JsonObject().put("active", state.on()).put("reminded_this_week", state.remindedThisWeek())
        .put("summary", state.summary())
        .put("coupon_days", ExpiryReminderRules.COUPON_WINDOW.toDays())
        .put("points_days", ExpiryReminderRules.POINTS_WINDOW.toDays());
  }
}
