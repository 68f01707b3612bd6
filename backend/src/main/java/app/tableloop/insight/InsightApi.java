package app.tableloop.insight;

import app.tableloop.identity.Callers;
import app.tableloop.platform.http.ApiModule;
import app.tableloop.platform.http.Requests;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.validation.RequestParameter;

/** The HTTP side of the owner's dashboard and explanation, and the operator's store ranking. */
final class InsightApi implements ApiModule {
  private final InsightService insights;

  InsightApi(InsightService insights) {
    this.insights = insights;
  }

  @Override
  public void mount(RouterBuilder api) {
    api.getRoute("getStoreDashboard").addHandler(this::dashboard);
    api.getRoute("getTenantDashboard").addHandler(this::dashboard);
    api.getRoute("explainStoreRevenue").addHandler(rc -> insights.explanation(Callers.of(rc), period(rc))
        .onSuccess(explained -> rc.json(InsightJson.explanation(explained)))
        .onFailure(rc::fail));
    api.getRoute("rankTenantStores").addHandler(rc -> insights.ranking(Callers.of(rc), period(rc))
        .onSuccess(ranked -> rc.json(InsightJson.ranking(ranked)))
        .onFailure(rc::fail));
  }

  private void dashboard(RoutingContext rc) {
    insights.dashboard(Callers.of(rc), period(rc))
        .onSuccess(dashboard -> rc.json(InsightJson.dashboard(dashboard)))
        .onFailure(rc::fail);
  }

  /** The contract's enum admits only known periods, and defaults to 7d. */
  private static PeriodKey period(RoutingContext rc) {
    return Requests.query(rc, "period").map(RequestParameter::getString).flatMap(PeriodKey::fromWireName)
        .orElse(PeriodKey.LAST_7_DAYS);
  }
}
