package app.tableloop.membership;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.util.UUID;

/**
 * What another feature holds about members (their coupons, points, referrals, messages…), for the member's own export,
 * the owner's export and erasure, without membership knowing that feature: each source is one named section.
 */
public interface PersonalData {
  /** The section's name in the exports: {@code coupons}, {@code points}, … */
  String section();

  /**
   * A query of the tenant's ({@code $1}) rows of this section, each with the {@code member_id} it is about and the
   * columns an export shows, ordered as the member would read them; it may name no other member.
   */
  String rows();

  /** A section that keeps nothing to erase: its name and its query. */
  static PersonalData of(String section, String rows) {
    return new PersonalData() {
      @Override
      public String section() {
        return section;
      }

      @Override
      public String rows() {
        return rows;
      }
    };
  }

  /**
   * Erases, in the erasure's transaction, what of this section would still say something about the person once the
   * member is erased; what the restaurant's accounting needs and names nobody stays. Most sources keep nothing such.
   */
  default Future<Void> erase(SqlClient sql, UUID tenantId, UUID memberId, UUID userId) {
    return Future.succeededFuture();
  }
}
