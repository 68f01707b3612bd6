package app.tableloop.payment;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.Arrays;

/** WeChat Pay notifications for an out_trade_no of no payment of ours, kept for reconciliation. */
public final class UnmatchedNotifications {

  /** Records the notification once; WeChat Pay's retries carry the same notification id. */
  public Future<Void> record(SqlClient sql, String notificationId, String eventType, WeChatTransaction transaction) {
    return sql.preparedQuery("""
            INSERT INTO unmatched_notifications (notification_id, event_type, out_trade_no, transaction_id, mch_id,
                                                 amount_fen)
            VALUES ($1, $2, $3, $4, $5, $6)
            ON CONFLICT (notification_id) DO NOTHING
            """)
        .execute(Tuple.from(Arrays.asList(notificationId, eventType, transaction.outTradeNo(),
            transaction.transactionId(), transaction.mchId(), transaction.totalFen())))
        .mapEmpty();
  }
}
