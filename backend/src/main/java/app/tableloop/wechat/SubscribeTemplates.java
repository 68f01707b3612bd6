package app.tableloop.wechat;

import java.util.Optional;

/**
 * The subscribe-message templates (chosen in the mini-program's WeChat console) of the transactional messages diners
 * may ask for: "your dishes are ready" and "refund done". Empty when not configured: the mini-program then asks for
 * nothing and nothing is sent. The simulator has both, for development and tests.
 */
public record SubscribeTemplates(Optional<String> dishesReady, Optional<String> refundDone) {
  public static final SubscribeTemplates NONE = new SubscribeTemplates(Optional.empty(), Optional.empty());
  static final SubscribeTemplates SIMULATED = new SubscribeTemplates(Optional.of("sim-dishes-ready"),
      Optional.of("sim-refund-done"));
}
