package app.tableloop.membership;

import app.tableloop.identity.Callers;
import app.tableloop.platform.http.ApiModule;
import app.tableloop.platform.http.Refusals;
import app.tableloop.platform.http.Requests;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;

/** The diner's membership: the notice and their card, joining, their data, marketing consent, export and leaving. */
public final class MembershipApi implements ApiModule {
  private static final LocalDate EARLIEST_BIRTHDAY = LocalDate.of(1900, 1, 1);

  private final Membership membership;
  private final PrivacyRights rights;
  private final PhoneSealing phones;
  private final Clock clock;

  public MembershipApi(Membership membership, PrivacyRights rights, PhoneSealing phones, Clock clock) {
    this.membership = membership;
    this.rights = rights;
    this.phones = phones;
    this.clock = clock;
  }

  @Override
  public void mount(RouterBuilder api) {
    api.getRoute("getMembership").addHandler(this::card);
    api.getRoute("joinMembership").addHandler(this::join);
    api.getRoute("updateMembership").addHandler(this::update);
    api.getRoute("setMarketingConsent").addHandler(this::marketing);
    api.getRoute("exportMyData").addHandler(this::export);
    api.getRoute("leaveMembership").addHandler(this::leave);
  }

  private void card(RoutingContext rc) {
    membership.card(Callers.of(rc))
        .onSuccess(card -> rc.json(new JsonObject()
            .put("notice", MembershipJson.notice(card.notice()))
            .put("member", card.member().map(this::json).orElse(null))))
        .onFailure(rc::fail);
  }

  private void join(RoutingContext rc) {
    JsonObject body = Requests.body(rc);
    birthday(body)
        .compose(birthday -> membership.join(Callers.of(rc), new JoinRequest(body.getBoolean("consent"),
            body.getInteger("notice_version"), body.getBoolean("marketing", false), text(body, "nickname"), birthday,
            text(body, "phone_code"), id(body, "table_id"), text(body, "staff_code"), text(body, "referral_token"))))
        .onSuccess(profile -> rc.response().setStatusCode(201).putHeader("Content-Type", "application/json")
            .end(json(profile).encode()))
        .onFailure(rc::fail);
  }

  private void update(RoutingContext rc) {
    JsonObject body = Requests.body(rc);
    birthday(body)
        .compose(birthday -> membership.updateProfile(Callers.of(rc), text(body, "nickname"), birthday,
            text(body, "phone_code")))
        .onSuccess(profile -> rc.json(json(profile)))
        .onFailure(rc::fail);
  }

  private void marketing(RoutingContext rc) {
    membership.setMarketing(Callers.of(rc), Requests.body(rc).getBoolean("marketing"))
        .onSuccess(consent -> rc.json(new JsonObject().put("marketing", consent)))
        .onFailure(rc::fail);
  }

  private void export(RoutingContext rc) {
    rights.export(Callers.of(rc))
        .onSuccess(data -> rc.response().putHeader("Content-Type", "application/json")
            .putHeader("Content-Disposition", "attachment; filename=\"my-data.json\"")
            .end(data.encodePrettily()))
        .onFailure(rc::fail);
  }

  private void leave(RoutingContext rc) {
    rights.leave(Callers.of(rc))
        .onSuccess(left -> rc.response().setStatusCode(204).end())
        .onFailure(rc::fail);
  }

  private JsonObject json(Membership.Profile profile) {
    return MembershipJson.profile(profile, profile.member().phone().map(phones::open), true);
  }

  /** A birthday is a day that has been, in the last century or so. */
  private Future<Optional<LocalDate>> birthday(JsonObject body) {
    Optional<LocalDate> birthday = text(body, "birthday").map(LocalDate::parse);
    return birthday.isPresent() && (birthday.get().isBefore(EARLIEST_BIRTHDAY)
        || birthday.get().isAfter(LocalDate.now(clock)))
        ? Refusals.refuse(MembershipRefusal.BIRTHDAY_INVALID) : Future.succeededFuture(birthday);
  }

  private static Optional<String> text(JsonObject body, String name) {
    return Optional.ofNullable(body.getString(name));
  }

  private static Optional<UUID> id(JsonObject body, String name) {
    return text(body, name).map(UUID::fromString);
  }
}
