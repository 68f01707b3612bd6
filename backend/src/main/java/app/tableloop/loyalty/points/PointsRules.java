package app.tableloop.loyalty.points;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * How points leave a member's lots: taken lot by lot in the order given (oldest-expiring first; for a clawback, the
 * refunded payment's own lot first), never more than a lot holds; and how many points a refund claws back.
 */
public final class PointsRules {
  private PointsRules() {
  }

  /** A lot and what is left of it. */
  public record Lot(UUID id, long remaining) {
  }

  /** Points taken from one lot. */
  public record Take(UUID lotId, long points) {
  }

  /** What is taken from which lot, and what the lots could not cover. */
  public record Allocation(List<Take> takes, long shortfall) {
    public long taken() {
      return takes.stream().mapToLong(Take::points).sum();
    }
  }

  /** Takes {@code points} from the lots in the order given, as far as they go. */
  public static Allocation take(List<Lot> lotsInOrder, long points) {
    List<Take> takes = new ArrayList<>();
    long left = points;
    for (Lot lot : lotsInOrder) {
      if (left == 0) {
        break;
      }
      long taken = Math.min(left, lot.remaining());
      if (taken > 0) {
        takes.add(new Take(lot.id(), taken));
        left -= taken;
      }
    }
    return new Allocation(List.copyOf(takes), left);
  }

  /**
   * The points still to claw back from a payment's earn now that {@code refundedFen} of its {@code paidFen} is
   * refunded in all: the earn keeps what the rest of the payment earns in proportion (rounded down, so a full refund
   * takes everything back), less what earlier refunds already clawed back (or found spent).
   */
  public static long clawbackDue(long earned, long paidFen, long refundedFen, long alreadyClawedBack) {
    if (paidFen <= 0 || refundedFen <= 0) {
      return 0;
    }
    long kept = Math.multiplyExact(earned, Math.max(0, paidFen - refundedFen)) / paidFen;
    return Math.max(0, earned - kept - alreadyClawedBack);
  }
}
