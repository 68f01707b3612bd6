package app.tableloop.payment.refund;

import app.tableloop.platform.refusal.Refusal;
import java.util.Locale;

/** A refund of more than can still be refunded: the refusal names what can, in yuan and in fen. */
public record OverRefund(long refundableFen) implements Refusal {
  @Override
  public Kind kind() {
    return Kind.CONFLICT;
  }

  @Override
  public String code() {
    return "refund_exceeds_refundable";
  }

  @Override
  public String message() {
    return "退款金额超过可退金额，最多还可退 "
        + String.format(Locale.ROOT, "%d.%02d", refundableFen / 100, refundableFen % 100) + " 元（" + refundableFen
        + " 分）";
  }

  @Override
  public String messageEn() {
    return "The refund exceeds what can still be refunded: at most " + refundableFen + " fen";
  }

  @Override
  public String field() {
    return "amount_fen";
  }
}
