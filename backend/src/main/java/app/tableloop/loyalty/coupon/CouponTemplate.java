package app.tableloop.loyalty.coupon;

import java.time.Instant;
import java.util.UUID;

/**
 * A coupon an owner defined, from which coupons are issued: its terms, its validity (fixed dates, or days from the
 * issue), its stock and how much of it went, and how members get it.
 *
 * @param totalStock     null for unlimited
 * @param claimCode      the code diners claim it with, when claimable
 * @param pointsPrice    the points a member pays for one, or null when it is not for points
 */
public record CouponTemplate(UUID id, String name, CouponTerms terms, Validity validity, Integer totalStock,
                             int issuedCount, int redeemedCount, int perMemberLimit, String claimCode,
                             Integer pointsPrice, boolean active, Instant createdAt) {

  public boolean claimable() {
    return claimCode != null;
  }

  /** Fixed dates ({@code startsAt}, {@code endsAt}), or {@code days} from the moment a coupon is issued. */
  public record Validity(Instant startsAt, Instant endsAt, Integer days) {
    public boolean fixed() {
      return days == null;
    }
  }
}
