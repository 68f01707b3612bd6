package app.tableloop.wechat.simulator;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A day's trade bill as WeChat Pay writes it: a header line, one line per payment and per refund of that business day
 * (China time) with every field prefixed by a backtick, then a summary header and a summary line. Amounts are yuan
 * with two decimals; the fee is charged at 0.6% and given back on refunds.
 */
final class TradeBill {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(PayLedger.CHINA);
  private static final long FEE_PER_MILLE = 6;
  private static final String NEWLINE = "\r\n";

  private static final List<String> LEADING = List.of("交易时间", "公众账号ID", "商户号", "特约商户号", "设备号",
      "微信订单号", "商户订单号", "用户标识", "交易类型", "交易状态", "付款银行", "货币种类", "应结订单金额", "代金券金额");
  private static final List<String> REFUND_COLUMNS = List.of("微信退款单号", "商户退款单号", "退款金额", "充值券退款金额",
      "退款类型", "退款状态");
  private static final List<String> TRAILING = List.of("商品名称", "商户数据包", "手续费", "费率");
  private static final List<String> SUMMARY = List.of("总交易单数", "应结订单总金额", "退款总金额", "充值券退款总金额",
      "手续费总金额", "订单总金额", "申请退款总金额");

  /** ALL lists payments and refunds; SUCCESS only payments; REFUND only refunds, with their application times. */
  enum Type {
    ALL, SUCCESS, REFUND;

    List<String> columns() {
      List<String> columns = new ArrayList<>(LEADING);
      if (this == REFUND) {
        columns.addAll(List.of("退款申请时间", "退款成功时间"));
      }
      if (this != SUCCESS) {
        columns.addAll(REFUND_COLUMNS);
      }
      columns.addAll(TRAILING);
      columns.add("订单金额");
      if (this != SUCCESS) {
        columns.add("申请退款金额");
      }
      columns.add("费率备注");
      return columns;
    }
  }

  private TradeBill() {
  }

  /** One payment or refund: its fields by column name, and the amounts (fen) the summary adds up. */
  record Row(Map<String, String> fields, long settled, long refunded, long fee, long ordered, long applied) {
  }

  static List<Row> rows(LocalDate day, Type type, List<PayOrder> orders, List<PayRefund> refunds, String mchId) {
    List<Row> rows = new ArrayList<>();
    if (type != Type.REFUND) {
      orders.stream()
          .filter(order -> order.paidAt() != null && onDay(order.paidAt(), day))
          .forEach(order -> rows.add(payment(order, mchId)));
    }
    if (type != Type.SUCCESS) {
      Map<String, PayOrder> byOutTradeNo = orders.stream()
          .collect(Collectors.toMap(PayOrder::outTradeNo, Function.identity()));
      refunds.stream()
          .filter(refund -> refund.successAt() != null && onDay(refund.successAt(), day))
          .forEach(refund -> rows.add(refund(refund, byOutTradeNo.get(refund.outTradeNo()), mchId)));
    }
    return rows;
  }

  static String render(Type type, List<Row> rows) {
    StringBuilder text = new StringBuilder(String.join(",", type.columns())).append(NEWLINE);
    for (Row row : rows) {
      text.append(type.columns().stream().map(column -> "`" + row.fields().getOrDefault(column, ""))
          .collect(Collectors.joining(","))).append(NEWLINE);
    }
    List<String> summary = List.of(Integer.toString(rows.size()),
        yuan(rows.stream().mapToLong(Row::settled).sum()),
        yuan(rows.stream().mapToLong(Row::refunded).sum()),
        yuan(0),
        yuan(rows.stream().mapToLong(Row::fee).sum()),
        yuan(rows.stream().mapToLong(Row::ordered).sum()),
        yuan(rows.stream().mapToLong(Row::applied).sum()));
    text.append(String.join(",", SUMMARY)).append(NEWLINE)
        .append(summary.stream().map(value -> "`" + value).collect(Collectors.joining(","))).append(NEWLINE);
    return text.toString();
  }

  private static Row payment(PayOrder order, String mchId) {
    long total = order.terms().total();
    long fee = fee(total);
    Map<String, String> fields = common(order, order.paidAt(), mchId);
    fields.put("交易状态", "SUCCESS");
    fields.put("应结订单金额", yuan(total));
    fields.put("微信退款单号", "0");
    fields.put("商户退款单号", "0");
    fields.put("退款金额", yuan(0));
    fields.put("充值券退款金额", yuan(0));
    fields.put("手续费", yuan(fee));
    fields.put("订单金额", yuan(total));
    fields.put("申请退款金额", yuan(0));
    return new Row(fields, total, 0, fee, total, 0);
  }

  private static Row refund(PayRefund refund, PayOrder order, String mchId) {
    long fee = -fee(refund.refund());
    Map<String, String> fields = common(order, refund.successAt(), mchId);
    fields.put("交易状态", "REFUND");
    fields.put("应结订单金额", yuan(0));
    fields.put("退款申请时间", TIME.format(refund.createdAt()));
    fields.put("退款成功时间", TIME.format(refund.successAt()));
    fields.put("微信退款单号", refund.refundId());
    fields.put("商户退款单号", refund.outRefundNo());
    fields.put("退款金额", yuan(refund.refund()));
    fields.put("充值券退款金额", yuan(0));
    fields.put("退款类型", "ORIGINAL");
    fields.put("退款状态", "SUCCESS");
    fields.put("手续费", yuan(fee));
    fields.put("订单金额", yuan(0));
    fields.put("申请退款金额", yuan(refund.refund()));
    return new Row(fields, 0, refund.refund(), fee, 0, refund.refund());
  }

  private static Map<String, String> common(PayOrder order, Instant at, String mchId) {
    Map<String, String> row = new LinkedHashMap<>();
    row.put("交易时间", TIME.format(at));
    row.put("公众账号ID", order.terms().appId());
    row.put("商户号", mchId);
    row.put("特约商户号", "0");
    row.put("设备号", "");
    row.put("微信订单号", order.transactionId());
    row.put("商户订单号", order.outTradeNo());
    row.put("用户标识", order.terms().openId());
    row.put("交易类型", "JSAPI");
    row.put("付款银行", PayJson.BANK_TYPE);
    row.put("货币种类", "CNY");
    row.put("代金券金额", yuan(0));
    row.put("商品名称", order.terms().description());
    row.put("商户数据包", order.terms().attach() == null ? "" : order.terms().attach());
    row.put("费率", "0.60%");
    row.put("费率备注", "");
    return row;
  }

  private static boolean onDay(Instant instant, LocalDate day) {
    return instant.atZone(PayLedger.CHINA).toLocalDate().equals(day);
  }

  /** 0.6%, rounded half up to the fen, in integers. */
  private static long fee(long fen) {
    return (fen * FEE_PER_MILLE + 500) / 1000;
  }

  static String yuan(long fen) {
    return String.format(Locale.ROOT, "%s%d.%02d", fen < 0 ? "-" : "", Math.abs(fen) / 100, Math.abs(fen) % 100);
  }
}
