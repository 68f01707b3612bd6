package app.tableloop.payment.settlement;

import app.tableloop.payment.WeChatMovement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Our WeChat payments and refunds of a day against WeChat Pay's trade bill of the same hours. */
public final class Reconciliation {

  public enum Discrepancy {
    MISSING_AT_WECHAT, MISSING_HERE, AMOUNT_DIFFERS;

    public String wireName() {
      return name().toLowerCase();
    }
  }

  /** One disagreement; {@code ours} or {@code theirs} is null when that side has no such movement. */
  public record Mismatch(Discrepancy discrepancy, WeChatMovement ours, WeChatMovement theirs) {
  }

  private Reconciliation() {
  }

  public static List<Mismatch> compare(List<WeChatMovement> ours, List<WeChatMovement> theirs) {
    Map<String, WeChatMovement> billed = theirs.stream()
        .collect(Collectors.toMap(WeChatMovement::key, Function.identity(), (first, second) -> first,
            LinkedHashMap::new));
    List<Mismatch> mismatches = new ArrayList<>();
    for (WeChatMovement mine : ours) {
      WeChatMovement their = billed.remove(mine.key());
      if (their == null) {
        mismatches.add(new Mismatch(Discrepancy.MISSING_AT_WECHAT, mine, null));
      } else if (their.amountFen() != mine.amountFen()) {
        mismatches.add(new Mismatch(Discrepancy.AMOUNT_DIFFERS, mine, their));
      }
    }
    billed.values().forEach(their -> mismatches.add(new Mismatch(Discrepancy.MISSING_HERE, null, their)));
    return mismatches;
  }
}
