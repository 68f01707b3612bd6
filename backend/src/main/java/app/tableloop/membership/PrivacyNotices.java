package app.tableloop.membership;

import app.tableloop.platform.database.Rows;
import app.tableloop.platform.database.TransactionLocks;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

/**
 * The tenant's privacy notice, one version after another. A tenant that has published none has the standard text as
 * its version 1, so that diners can always read what they agree to.
 */
public final class PrivacyNotices {
  static final String STANDARD_TEXT = """
      会员隐私说明

      加入会员后，本店会保存：你的微信身份标识（openid）、加入的时间、门店和桌台、你同意的本说明版本；\
      你在本店的消费记录（时间、门店、菜品、金额），用于统计到店次数、消费金额和常点的菜。\
      手机号、昵称和生日由你自愿填写；手机号加密保存，店员只能看到部分号码。\
      营销消息需要你另外同意，随时可以在"我的"里关闭。

      你可以随时在"我的数据"中查看和下载本店保存的关于你的全部数据，也可以退出会员：\
      退出后你的个人信息会被删除或不可逆地匿名化，订单和账目因财务需要保留，但不再关联到你。\
      长期未到店的会员信息会按本店的保存期限自动匿名化。""";

  /** A version of the notice. */
  public record Notice(int version, String body, OffsetDateTime publishedAt) {
  }

  /** The notice in force: the latest version (the standard text if none was published yet). */
  Future<Notice> current(SqlClient sql, UUID tenantId) {
    return sql.preparedQuery("""
            INSERT INTO privacy_notices (tenant_id, version, body)
            SELECT $1, 1, $2 WHERE NOT EXISTS (SELECT 1 FROM privacy_notices WHERE tenant_id = $1)
            ON CONFLICT DO NOTHING
            """)
        .execute(Tuple.of(tenantId, STANDARD_TEXT))
        .compose(ensured -> latest(sql, tenantId))
        .map(Optional::orElseThrow);
  }

  /** The latest version published; empty while the tenant has none (not even the standard text written yet). */
  Future<Optional<Notice>> latest(SqlClient sql, UUID tenantId) {
    return sql.preparedQuery("SELECT version, body, published_at FROM privacy_notices"
            + " WHERE tenant_id = $1 ORDER BY version DESC LIMIT 1")
        .execute(Tuple.of(tenantId))
        .map(rows -> Rows.first(rows, PrivacyNotices::notice));
  }

  /** Publishes a new version; members who joined under an older one keep the version they accepted. */
  Future<Notice> publish(SqlClient sql, UUID tenantId, String body, UUID publishedBy) {
    // Two owners publishing at once each get their own version, one after the other.
    return TransactionLocks.exclusive(sql, "privacy-notice:" + tenantId)
        .compose(locked -> current(sql, tenantId))
        .compose(current -> sql.preparedQuery("""
            INSERT INTO privacy_notices (tenant_id, version, body, published_by) VALUES ($1, $2, $3, $4)
            RETURNING version, body, published_at
            """)
        .execute(Tuple.of(tenantId, current.version() + 1, body, publishedBy)))
        .map(rows -> notice(rows.iterator().next()));
  }

  private static Notice notice(Row row) {
    return new Notice(row.getInteger("version"), row.getString("body"), row.getOffsetDateTime("published_at"));
  }
}
