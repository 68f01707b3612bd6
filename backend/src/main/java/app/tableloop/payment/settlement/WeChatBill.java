package app.tableloop.payment.settlement;

import java.time.Instant;

/**
 * What the settlement could hold against WeChat Pay's trade bills of the day's hours.
 *
 * @param comparedUntil  the end of the hours compared (the day's end when all were); null when none were
 * @param restIssuedAt   when WeChat Pay's bill of the hours not yet compared can be had; null when all were, or when
 *                       a bill could not be read
 */
public record WeChatBill(State state, Instant comparedUntil, Instant restIssuedAt) {

  public enum State {
    /** Every hour of the day was compared with WeChat Pay's bills. */
    COMPARED,
    /** The first hours were; WeChat Pay has not issued the bill of the rest yet. */
    PARTLY_COMPARED,
    /** WeChat Pay has issued no bill of the day's hours yet (the day is not over, or was yesterday). */
    NOT_YET_AVAILABLE,
    /** A bill could not be read (WeChat Pay did not answer, or answered wrong). */
    UNAVAILABLE;

    public String wireName() {
      return name().toLowerCase();
    }
  }

  public static WeChatBill unavailable() {
    return new WeChatBill(State.UNAVAILABLE, null, null);
  }

  /** Whether some of WeChat Pay's bill was read, so that the mismatches say something. */
  public boolean read() {
    return state == State.COMPARED || state == State.PARTLY_COMPARED;
  }
}
