package app.tableloop.insight.customer;

import app.tableloop.identity.Callers;
import app.tableloop.platform.http.ApiModule;
import app.tableloop.platform.http.Requests;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.util.Optional;

/** The owner's customers screen: segments, a segment's members, and a member's history. */
final class CustomerInsightApi implements ApiModule {
  private static final int DEFAULT_PAGE = 20;

  private final CustomerInsights insights;

  CustomerInsightApi(CustomerInsights insights) {
    this.insights = insights;
  }

  @Override
  public void mount(RouterBuilder api) {
    api.getRoute("getCustomerSegments").addHandler(rc -> insights.segments(Callers.of(rc))
        .onSuccess(rc::json).onFailure(rc::fail));
    api.getRoute("listSegmentMembers").addHandler(this::members);
    api.getRoute("getMemberHistory").addHandler(rc -> insights.history(Callers.of(rc), Requests.id(rc, "member"))
        .onSuccess(rc::json).onFailure(rc::fail));
  }

  private void members(RoutingContext rc) {
    // The contract lets only the five segment names through.
    Segment segment = Segment.fromWireName(rc.pathParam("segment")).orElseThrow();
    int limit = Requests.query(rc, "limit").map(parameter -> parameter.getInteger()).orElse(DEFAULT_PAGE);
    Optional<String> after = Requests.query(rc, "after").map(parameter -> parameter.getString());
    insights.members(Callers.of(rc), segment, limit, after).onSuccess(rc::json).onFailure(rc::fail);
  }
}
