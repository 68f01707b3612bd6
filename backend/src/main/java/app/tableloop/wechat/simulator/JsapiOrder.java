package app.tableloop.wechat.simulator;

import app.tableloop.wechat.simulator.RequestFields.Result;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * What a merchant asks for in a JSAPI order (POST /v3/pay/transactions/jsapi), checked as WeChat Pay checks it.
 * Two requests for one out_trade_no are the same order only if these terms are equal.
 *
 * @param total      in fen
 * @param timeExpire RFC 3339, or null when the merchant set none
 */
record JsapiOrder(String appId, String mchId, String description, String outTradeNo, String notifyUrl, long total,
                  String currency, String openId, String attach, String timeExpire) {

  static final Pattern OUT_TRADE_NO = Pattern.compile("[A-Za-z0-9_*|-]{6,32}");

  static Outcome<JsapiOrder> parse(RequestFields body, SimulatedAccount account) {
    Result<String> appId = body.text("appid", 32);
    Result<String> mchId = body.text("mchid", 32);
    Result<String> description = body.text("description", 127);
    Result<String> outTradeNo = body.text("out_trade_no", 32);
    Result<String> notifyUrl = body.notifyUrl("notify_url");
    Result<String> timeExpire = body.optionalText("time_expire", 64);
    Result<String> attach = body.optionalText("attach", 128);
    RequestFields amount = body.object("amount");
    Result<Long> total = amount.wholeNumber("total");
    Result<String> currency = amount.optionalText("currency", 16);
    Result<String> openId = body.object("payer").text("openid", 128);
    PayRejection malformed = RequestFields.firstRejection(appId, mchId, description, outTradeNo, notifyUrl,
        timeExpire, attach, total, currency, openId);
    if (malformed != null) {
      return Outcome.rejected(malformed);
    }
    if (!OUT_TRADE_NO.matcher(outTradeNo.value()).matches()) {
      return Outcome.rejected(PayRejection.paramError("/out_trade_no",
          "out_trade_no 应为 6 到 32 位数字、大小写字母或 _-|*"));
    }
    if (total.value() <= 0) {
      return Outcome.rejected(PayRejection.paramError("/amount/total", "订单金额 amount.total 必须大于 0（单位：分）"));
    }
    String currencyCode = currency.value() == null ? "CNY" : currency.value();
    if (!"CNY".equals(currencyCode)) {
      return Outcome.rejected(PayRejection.paramError("/amount/currency", "境内商户仅支持人民币 CNY"));
    }
    if (timeExpire.value() != null && !isRfc3339(timeExpire.value())) {
      return Outcome.rejected(PayRejection.paramError("/time_expire",
          "time_expire 应为 RFC 3339 格式，如 2018-06-08T10:34:56+08:00"));
    }
    if (!account.mchId.equals(mchId.value())) {
      return Outcome.rejected(PayRejection.of(400, "MCH_NOT_EXISTS", "商户号不存在"));
    }
    if (!account.appId.equals(appId.value())) {
      return Outcome.rejected(PayRejection.of(400, "APPID_MCHID_NOT_MATCH", "appid和mch_id不匹配"));
    }
    return Outcome.accepted(new JsapiOrder(appId.value(), mchId.value(), description.value(), outTradeNo.value(),
        notifyUrl.value(), total.value(), currencyCode, openId.value(), attach.value(), timeExpire.value()));
  }

  /** When the order stops being payable, or null when the merchant set no time_expire. */
  OffsetDateTime expiresAt() {
    return timeExpire == null ? null : OffsetDateTime.parse(timeExpire, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
  }

  private static boolean isRfc3339(String value) {
    try {
      OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }
}
