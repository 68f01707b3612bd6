package app.tableloop.payment.settlement;

import app.tableloop.payment.WeChatMovement;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads WeChat Pay's trade bill text: a header line of column names, one line per payment or refund with every field
 * prefixed by a backtick, then the summary (from the line starting 总交易单数), which is skipped. Times are China's;
 * amounts are yuan with two decimals.
 */
public final class TradeBillLines {
  private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private TradeBillLines() {
  }

  public static List<WeChatMovement> parse(String bill) {
    List<String> lines = bill.lines().filter(line -> !line.isBlank()).toList();
    List<WeChatMovement> movements = new ArrayList<>();
    if (lines.isEmpty()) {
      return movements;
    }
    List<String> header = Arrays.stream(lines.get(0).replace("\uFEFF", "").split(",")).map(String::trim).toList();
    for (String line : lines.subList(1, lines.size())) {
      if (line.startsWith("总交易单数")) {
        break;
      }
      // Fields may hold commas (the goods description); only ",`" separates them.
      List<String> fields = Arrays.asList(line.trim().replaceFirst("^`", "").split(",`", -1));
      String state = field(header, fields, "交易状态");
      Instant at = LocalDateTime.parse(field(header, fields, "交易时间"), TIME).atZone(CHINA).toInstant();
      String transactionId = field(header, fields, "微信订单号");
      String outTradeNo = field(header, fields, "商户订单号");
      if ("REFUND".equals(state)) {
        movements.add(new WeChatMovement(WeChatMovement.Kind.REFUND, at, transactionId, outTradeNo,
            field(header, fields, "商户退款单号"), fen(field(header, fields, "退款金额"))));
      } else if ("SUCCESS".equals(state)) {
        movements.add(new WeChatMovement(WeChatMovement.Kind.PAYMENT, at, transactionId, outTradeNo, null,
            fen(field(header, fields, header.contains("订单金额") ? "订单金额" : "应结订单金额"))));
      }
    }
    return movements;
  }

  private static String field(List<String> header, List<String> fields, String column) {
    int at = header.indexOf(column);
    return at < 0 || at >= fields.size() ? "" : fields.get(at).trim();
  }

  static long fen(String yuan) {
    return new BigDecimal(yuan).movePointRight(2).longValueExact();
  }
}
