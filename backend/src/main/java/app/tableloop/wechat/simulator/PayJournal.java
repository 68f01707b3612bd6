package app.tableloop.wechat.simulator;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * WeChat Pay's orders and refunds as the simulator keeps them across restarts: each new state of an order or a refund
 * is appended as one JSON line, and the lines are replayed at the next start, the last state of each winning. The
 * replayed state is then written back as a fresh file (atomically), so the journal holds no more lines than records
 * from one start to the next. Without a directory nothing is written: the records live as long as the simulator.
 */
final class PayJournal implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PayJournal.class);
  static final String FILE = "pay-journal.jsonl";

  private final Optional<Writer> writer;
  private final List<PayOrder> orders;
  private final List<PayRefund> refunds;

  private PayJournal(Optional<Writer> writer, List<PayOrder> orders, List<PayRefund> refunds) {
    this.writer = writer;
    this.orders = orders;
    this.refunds = refunds;
  }

  static PayJournal inMemory() {
    return new PayJournal(Optional.empty(), List.of(), List.of());
  }

  /** Replays the journal in {@code directory} (if any) and goes on appending to it. */
  static PayJournal in(SimulatorDirectory directory) {
    Map<String, PayOrder> orders = new LinkedHashMap<>();
    Map<String, PayRefund> refunds = new LinkedHashMap<>();
    directory.read(FILE).ifPresent(content -> content.lines().filter(line -> !line.isBlank()).forEach(line -> {
      try {
        JsonObject entry = new JsonObject(line);
        if (entry.containsKey("order")) {
          PayOrder order = order(entry.getJsonObject("order"));
          orders.put(order.outTradeNo(), order);
        } else if (entry.containsKey("refund")) {
          PayRefund refund = refund(entry.getJsonObject("refund"));
          refunds.put(refund.outRefundNo(), refund);
        }
      } catch (RuntimeException e) {
        // The last line of a run that ended half-way through writing it.
        LOG.warn("WeChat simulator: skipped an unreadable line of {}", directory.file(FILE));
      }
    }));
    StringBuilder compacted = new StringBuilder();
    orders.values().forEach(order -> compacted.append(line(order)));
    refunds.values().forEach(refund -> compacted.append(line(refund)));
    directory.replace(FILE, compacted.toString());
    try {
      Writer writer = Files.newBufferedWriter(directory.file(FILE), StandardCharsets.UTF_8, StandardOpenOption.APPEND);
      return new PayJournal(Optional.of(writer), List.copyOf(orders.values()), List.copyOf(refunds.values()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to " + directory.file(FILE), e);
    }
  }

  /** The orders as last recorded, oldest first. */
  Collection<PayOrder> orders() {
    return orders;
  }

  /** The refunds as last recorded, oldest first. */
  Collection<PayRefund> refunds() {
    return refunds;
  }

  /** Called by the ledger within its lock, so that lines follow the changes' order. */
  void record(PayOrder order) {
    append(line(order));
  }

  void record(PayRefund refund) {
    append(line(refund));
  }

  private void append(String line) {
    writer.ifPresent(out -> {
      try {
        out.write(line);
        out.flush();
      } catch (IOException e) {
        // WeChat Pay has done what was asked; only the record of it outliving a restart is lost.
        LOG.error("WeChat simulator: cannot keep a record: {}", e.getMessage());
      }
    });
  }

  @Override
  public void close() {
    writer.ifPresent(out -> {
      try {
        out.close();
      } catch (IOException e) {
        LOG.warn("WeChat simulator: cannot close its journal: {}", e.getMessage());
      }
    });
  }

  private static String line(PayOrder order) {
    JsapiOrder terms = order.terms();
    return new JsonObject().put("order", new JsonObject()
        .put("appid", terms.appId()).put("mchid", terms.mchId()).put("description", terms.description())
        .put("out_trade_no", terms.outTradeNo()).put("notify_url", terms.notifyUrl()).put("total", terms.total())
        .put("currency", terms.currency()).put("openid", terms.openId()).put("attach", terms.attach())
        .put("time_expire", terms.timeExpire()).put("prepay_id", order.prepayId())
        .put("created_at", order.createdAt()).put("state", order.state().name())
        .put("transaction_id", order.transactionId()).put("paid_at", order.paidAt())
        .put("refunded", order.refunded()).put("refund_count", order.refundCount())).encode() + "\n";
  }

  private static PayOrder order(JsonObject json) {
    JsapiOrder terms = new JsapiOrder(json.getString("appid"), json.getString("mchid"),
        json.getString("description"), json.getString("out_trade_no"), json.getString("notify_url"),
        json.getLong("total"), json.getString("currency"), json.getString("openid"), json.getString("attach"),
        json.getString("time_expire"));
    return new PayOrder(terms, json.getString("prepay_id"), json.getInstant("created_at"),
        PayOrder.TradeState.valueOf(json.getString("state")), json.getString("transaction_id"),
        json.getInstant("paid_at"), json.getLong("refunded"), json.getInteger("refund_count"));
  }

  private static String line(PayRefund refund) {
    return new JsonObject().put("refund", new JsonObject()
        .put("refund_id", refund.refundId()).put("out_refund_no", refund.outRefundNo())
        .put("out_trade_no", refund.outTradeNo()).put("transaction_id", refund.transactionId())
        .put("reason", refund.reason()).put("notify_url", refund.notifyUrl()).put("refund", refund.refund())
        .put("total", refund.total()).put("created_at", refund.createdAt()).put("status", refund.status().name())
        .put("success_at", refund.successAt())).encode() + "\n";
  }

  private static PayRefund refund(JsonObject json) {
    return new PayRefund(json.getString("refund_id"), json.getString("out_refund_no"),
        json.getString("out_trade_no"), json.getString("transaction_id"), json.getString("reason"),
        json.getString("notify_url"), json.getLong("refund"), json.getLong("total"), json.getInstant("created_at"),
        PayRefund.Status.valueOf(json.getString("status")), json.getInstant("success_at"));
  }
}
