package app.tableloop.loyalty.points;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.Optional;
import java.util.UUID;

/** The tenant's earn rule, or the default (1 point per yuan, lots lasting to the end of next year) while it has none. */
final class EarnRuleSettings {
  Future<EarnRule> of(SqlClient sql, UUID tenantId) {
    return sql.preparedQuery("SELECT points_per_yuan, expiry_days FROM points_earn_rules WHERE tenant_id = $1")
        .execute(Tuple.of(tenantId))
        .map(rows -> rows.size() == 0 ? EarnRule.DEFAULT : rule(rows.iterator().next()));
  }

  Future<EarnRule> set(SqlClient sql, UUID tenantId, EarnRule rule) {
    return sql.preparedQuery("""
            INSERT INTO points_earn_rules (tenant_id, points_per_yuan, expiry_days) VALUES ($1, $2, $3)
            ON CONFLICT (tenant_id) DO UPDATE
               SET points_per_yuan = excluded.points_per_yuan, expiry_days = excluded.expiry_days
            RETURNING points_per_yuan, expiry_days
            """)
        .execute(Tuple.of(tenantId, rule.pointsPerYuan(), rule.expiryDays().orElse(null)))
        .map(rows -> rule(rows.iterator().next()));
  }

  private static EarnRule rule(Row row) {
    return new EarnRule(row.getInteger("points_per_yuan"), Optional.ofNullable(row.getInteger("expiry_days")));
  }
}
