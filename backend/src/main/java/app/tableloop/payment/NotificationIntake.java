package app.tableloop.payment;

import app.tableloop.platform.database.Database;
import com.github.binarywang.wxpay.bean.notify.SignatureHeader;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How every WeChat Pay notification is taken in, payments and refunds alike: believed only once verified, located to
 * the tenant whose payment or refund it names, and recorded there; one that names nothing of ours is acknowledged and
 * kept for reconciliation. Succeeds when WeChat Pay may consider it delivered; fails with a refusal when it must retry.
 */
public final class NotificationIntake {
  private static final Logger LOG = LoggerFactory.getLogger(NotificationIntake.class);

  private final Database database;
  private final UnmatchedNotifications unmatched;
  private final NotificationVerification verification;

  /** What one kind of notification brings to the intake: how it is read, located and recorded. */
  public interface Subject<N> {
    /** Verifies and decrypts the notification (one of the gateway's parse methods). */
    Future<N> parse(String body, SignatureHeader header);

    /** The notification's id, type, the out_trade_no or out_refund_no it names, and what is kept if unmatched. */
    Received received(N notification);

    /** The tenant whose payment or refund {@code reference} is, if it is one of ours. */
    Future<Optional<UUID>> locate(SqlClient sql, String reference);

    /** Records the notification in its tenant. */
    Future<Void> record(UUID tenantId, N notification);
  }

  /** A notification as the intake sees it, with what reconciliation keeps of it when it matches nothing of ours. */
  public record Received(String notificationId, String eventType, String reference, WeChatTransaction unmatched) {
  }

  public NotificationIntake(Database database, UnmatchedNotifications unmatched, Clock clock) {
    this.database = database;
    this.unmatched = unmatched;
    this.verification = new NotificationVerification(clock);
  }

  public <N> Future<Void> receive(String body, SignatureHeader header, Subject<N> subject) {
    return verification.verify(body, header, subject::parse).compose(notification -> {
      Received received = subject.received(notification);
      // One lookup, no transaction of its own: the recording below runs in the tenant's transaction anyway.
      return subject.locate(database.pool(), received.reference())
          .compose(tenant -> tenant.isPresent() ? subject.record(tenant.get(), notification) : keep(received));
    });
  }

  private Future<Void> keep(Received received) {
    LOG.warn("WeChat Pay notified {} for {} (transaction {}), which is none of ours; kept for reconciliation",
        received.eventType(), received.reference(), received.unmatched().transactionId());
    return database.inTransaction(sql -> unmatched.record(sql, received.notificationId(), received.eventType(),
        received.unmatched()));
  }
}
