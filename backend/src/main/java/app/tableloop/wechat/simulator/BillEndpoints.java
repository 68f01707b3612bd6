package app.tableloop.wechat.simulator;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPOutputStream;

/**
 * Trade bills: GET /v3/bill/tradebill answers a download_url (on the pay host, valid 30 seconds) with the file's SHA1,
 * and GET /v3/billdownload/file serves the file. As at WeChat Pay the file itself comes unsigned: the merchant checks
 * it against the SHA1 from the signed answer. As at WeChat Pay, a China date's bill exists from 10:00 the next morning
 * (China time): before that it is still being made (STATEMENT_CREATING), and there is none for today or later.
 */
final class BillEndpoints {
  private static final Duration LINK_LIFETIME = Duration.ofSeconds(30);
  /** When, China time, WeChat Pay has the bill of the day before. */
  private static final LocalTime ISSUED_AT = LocalTime.of(10, 0);

  private final SimulatedAccount account;
  private final PayLedger ledger;
  private final SignedReplies replies;
  private final Clock clock;
  private final Map<String, BillFile> files = new ConcurrentHashMap<>();

  private record BillFile(byte[] content, Instant expiresAt) {
  }

  BillEndpoints(SimulatedAccount account, PayLedger ledger, SignedReplies replies, Clock clock) {
    this.account = account;
    this.ledger = ledger;
    this.replies = replies;
    this.clock = clock;
  }

  void mount(Router router) {
    router.get("/v3/bill/tradebill").handler(this::applyTradeBill);
    router.get("/v3/billdownload/file").handler(this::download);
  }

  private void applyTradeBill(RoutingContext rc) {
    LocalDate day;
    try {
      day = LocalDate.parse(String.valueOf(rc.queryParams().get("bill_date")));
    } catch (DateTimeParseException e) {
      replies.reject(rc, PayRejection.paramError("bill_date", "bill_date 应为 yyyy-MM-DD 格式的日期"));
      return;
    }
    TradeBill.Type type;
    String tarType = rc.queryParams().get("tar_type");
    try {
      type = TradeBill.Type.valueOf(rc.queryParams().get("bill_type") == null ? "ALL"
          : rc.queryParams().get("bill_type").toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      replies.reject(rc, PayRejection.paramError("bill_type", "bill_type 只能是 ALL、SUCCESS 或 REFUND"));
      return;
    }
    if (tarType != null && !"GZIP".equals(tarType)) {
      replies.reject(rc, PayRejection.paramError("tar_type", "tar_type 只能是 GZIP"));
      return;
    }
    ZonedDateTime inChina = clock.instant().atZone(PayLedger.CHINA);
    if (!day.isBefore(inChina.toLocalDate())) {
      replies.reject(rc, PayRejection.of(400, "NO_STATEMENT_EXIST", "账单日期须早于今天：次日上午10点后才有前一日的账单"));
      return;
    }
    if (day.plusDays(1).equals(inChina.toLocalDate()) && inChina.toLocalTime().isBefore(ISSUED_AT)) {
      replies.reject(rc, PayRejection.of(400, "STATEMENT_CREATING", "账单生成中，请在上午10点以后再下载"));
      return;
    }
    List<TradeBill.Row> rows = TradeBill.rows(day, type, ledger.orders(), ledger.refunds(), account.mchId);
    if (rows.isEmpty()) {
      replies.reject(rc, PayRejection.of(400, "NO_STATEMENT_EXIST", "当日无交易，账单不存在"));
      return;
    }
    byte[] text = TradeBill.render(type, rows).getBytes(StandardCharsets.UTF_8);
    byte[] content = tarType == null ? text : gzip(text);
    Instant now = clock.instant();
    files.values().removeIf(file -> file.expiresAt().isBefore(now));
    String token = PayCrypto.nonce(40);
    files.put(token, new BillFile(content, now.plus(LINK_LIFETIME)));
    replies.json(rc, 200, new JsonObject()
        .put("hash_type", "SHA1")
        .put("hash_value", sha1(content))
        .put("download_url", "http://" + WeChatSimulator.PAY_HOST + "/v3/billdownload/file?token=" + token));
  }

  private void download(RoutingContext rc) {
    BillFile file = files.get(String.valueOf(rc.queryParams().get("token")));
    if (file == null || file.expiresAt().isBefore(clock.instant())) {
      replies.reject(rc, PayRejection.invalidRequest("下载地址无效或已过期，请重新申请账单"));
      return;
    }
    rc.response().putHeader("Content-Type", "application/octet-stream")
        .putHeader("Request-ID", PayCrypto.nonce(40).toUpperCase(Locale.ROOT) + "-0")
        .end(Buffer.buffer(file.content()));
  }

  private static String sha1(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] gzip(byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
      zip.write(content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
