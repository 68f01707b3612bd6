package app.tableloop.wechat;

/**
 * What WeChat Pay answered when asked for a China date's trade bill. Having no bill is an answer, not a failure:
 * WeChat Pay has none for a day without payments or refunds, and makes a day's bill the next morning.
 *
 * @param text the bill's text (issued only)
 */
public record TradeBillAnswer(Status status, String text) {

  public enum Status {
    ISSUED,
    /** NO_STATEMENT_EXIST: nothing was paid or refunded that day. */
    NO_TRADES,
    /** STATEMENT_CREATING: WeChat Pay is still making it. */
    NOT_YET_ISSUED
  }

  public static TradeBillAnswer issued(String text) {
    return new TradeBillAnswer(Status.ISSUED, text);
  }

  public static TradeBillAnswer none(Status status) {
    return new TradeBillAnswer(status, "");
  }
}
