package app.tableloop.notice;

import app.tableloop.identity.Access;
import app.tableloop.platform.database.Database;
import app.tableloop.platform.http.Refusals;
import app.tableloop.wechat.SubscribeTemplates;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** What diners answered when the mini-program asked them to subscribe (wx.requestSubscribeMessage), recorded. */
public final class SubscribeRequests {
  private final Database database;
  private final Subscriptions subscriptions;
  private final SubscribeTemplates templates;
  private final Clock clock;

  public SubscribeRequests(Database database, Subscriptions subscriptions, SubscribeTemplates templates,
                           Clock clock) {
    this.database = database;
    this.subscriptions = subscriptions;
    this.templates = templates;
    this.clock = clock;
  }

  public SubscribeTemplates templates() {
    return templates;
  }

  /**
   * Records each template's answer ("accept", "reject", "ban"), about the order when one is named; every template
   * must be one of ours. All or nothing.
   */
  public Future<Void> record(Access access, Map<String, String> results, Optional<UUID> orderId) {
    UUID tenantId = access.tenantId();
    for (String templateId : results.keySet()) {
      if (kindOf(templateId).isEmpty()) {
        return Refusals.refuse(NoticeRefusal.TEMPLATE_UNKNOWN);
      }
    }
    Instant now = clock.instant();
    return database.inTenant(tenantId, sql -> (orderId.isEmpty() ? Future.succeededFuture(true)
            : subscriptions.orderAt(sql, tenantId, access.storeId(), orderId.get()))
        .compose(found -> {
          if (!found) {
            return Refusals.refuse(NoticeRefusal.ORDER_NOT_FOUND);
          }
          Future<Void> chain = Future.succeededFuture();
          for (Map.Entry<String, String> result : results.entrySet()) {
            chain = chain.compose(done -> subscriptions.record(sql, tenantId, access.storeId(),
                access.user().userId(), kindOf(result.getKey()).orElseThrow(), result.getKey(),
                orderId.orElse(null), result.getValue(), now));
          }
          return chain;
        }));
  }

  private Optional<NoticeKind> kindOf(String templateId) {
    return Arrays.stream(NoticeKind.values())
        .filter(kind -> kind.template(templates).map(templateId::equals).orElse(false))
        .findFirst();
  }
}
