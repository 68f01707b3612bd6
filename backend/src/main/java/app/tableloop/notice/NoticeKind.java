package app.tableloop.notice;

import app.tableloop.wechat.SubscribeTemplates;
import java.util.Locale;
import java.util.Optional;

/** The transactional messages a diner may ask for, each with its configured subscribe-message template. */
public enum NoticeKind {
  DISHES_READY, REFUND_DONE;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public Optional<String> template(SubscribeTemplates templates) {
    return this == DISHES_READY ? templates.dishesReady() : templates.refundDone();
  }
}
