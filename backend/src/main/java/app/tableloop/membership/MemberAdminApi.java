package app.tableloop.membership;

import app.tableloop.identity.Access;
import app.tableloop.identity.Callers;
import app.tableloop.platform.http.ApiModule;
import app.tableloop.platform.http.Requests;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The restaurant's side of its members: the list, a member's history, revealing a phone, the audit log, the notice,
 * retention and the exports.
 */
public final class MemberAdminApi implements ApiModule {
  private static final Logger LOG = LoggerFactory.getLogger(MemberAdminApi.class);
  private static final int DEFAULT_PAGE = 50;

  private final MemberAdmin admin;
  private final TenantExport export;

  public MemberAdminApi(MemberAdmin admin, TenantExport export) {
    this.admin = admin;
    this.export = export;
  }

  @Override
  public void mount(RouterBuilder api) {
    api.getRoute("listMembers").addHandler(this::list);
    api.getRoute("findMembersByPhone").addHandler(rc -> admin.list(Callers.of(rc), DEFAULT_PAGE, Optional.empty(),
            Optional.of(Requests.body(rc).getString("phone")))
        .onSuccess(found -> rc.json(new JsonObject().put("members", new JsonArray(found))))
        .onFailure(rc::fail));
    api.getRoute("getMember").addHandler(rc -> admin.history(Callers.of(rc), Requests.id(rc, "member"))
        .onSuccess(rc::json).onFailure(rc::fail));
    api.getRoute("revealMemberPhone").addHandler(this::reveal);
    api.getRoute("publishPrivacyNotice").addHandler(this::publish);
    api.getRoute("listAccessAudit").addHandler(rc -> admin.auditLog(Callers.of(rc),
            Requests.query(rc, "limit").map(limit -> limit.getInteger()).orElse(DEFAULT_PAGE))
        .onSuccess(entries -> rc.json(new JsonObject().put("entries", new JsonArray(entries))))
        .onFailure(rc::fail));
    api.getRoute("setMembershipSettings").addHandler(rc -> admin.setRetention(Callers.of(rc),
            Requests.body(rc).getInteger("retention_days"))
        .onSuccess(days -> rc.json(new JsonObject().put("retention_days", days))).onFailure(rc::fail));
    api.getRoute("exportMembers").addHandler(rc -> csv(rc, "members.csv", export::members));
    api.getRoute("exportOrders").addHandler(rc -> csv(rc, "orders.csv", export::orders));
    api.getRoute("exportMemberData").addHandler(rc -> csv(rc, "member-data.csv", export::memberData));
  }

  private void list(RoutingContext rc) {
    int limit = Requests.query(rc, "limit").map(limitParameter -> limitParameter.getInteger()).orElse(DEFAULT_PAGE);
    Optional<UUID> after = Requests.query(rc, "after").map(parameter -> UUID.fromString(parameter.getString()));
    admin.list(Callers.of(rc), limit, after, Optional.empty())
        .onSuccess(page -> rc.json(new JsonObject().put("members", new JsonArray(page))
            .put("next", page.size() < limit ? null : page.get(page.size() - 1).getString("id"))))
        .onFailure(rc::fail);
  }

  private void reveal(RoutingContext rc) {
    admin.revealPhone(Callers.of(rc), Requests.id(rc, "member"), Requests.body(rc).getString("reason").strip())
        .onSuccess(phone -> rc.json(new JsonObject().put("phone", phone.number())
            .put("country_code", phone.countryCode())))
        .onFailure(rc::fail);
  }

  private void publish(RoutingContext rc) {
    admin.publishNotice(Callers.of(rc), Requests.body(rc).getString("body"))
        .onSuccess(notice -> rc.response().setStatusCode(201).putHeader("Content-Type", "application/json")
            .end(MembershipJson.notice(notice).encode()))
        .onFailure(rc::fail);
  }

  /**
   * Streams a CSV export: the status and headers go with the first chunk, so a failure before it is an ordinary
   * problem; one after it can only cut the download short (the client sees no final chunk).
   */
  private void csv(RoutingContext rc, String file,
                   BiFunction<Access, HttpServerResponse, Future<Void>> writer) {
    HttpServerResponse response = rc.response().setChunked(true)
        .putHeader("Content-Type", "text/csv; charset=utf-8")
        .putHeader("Content-Disposition", "attachment; filename=\"" + file + "\"");
    writer.apply(Callers.of(rc), response)
        .onSuccess(done -> response.end())
        .onFailure(failure -> {
          if (!response.headWritten()) {
            rc.fail(failure);
          } else {
            LOG.warn("Export {} cut short: {}", file, failure.getMessage());
            response.reset();
          }
        });
  }
}
