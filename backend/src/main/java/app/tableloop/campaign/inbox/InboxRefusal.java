package app.tableloop.campaign.inbox;

import app.tableloop.platform.refusal.Refusal;

/** The refusals of the message box, in Simplified Chinese first. */
public enum InboxRefusal implements Refusal.Listed {
  JOIN_FIRST(Refusal.of(Kind.CONFLICT, "join_first", "请先加入本店会员，才能收到消息",
      "Join this restaurant's membership first to receive messages")),
  MESSAGE_NOT_FOUND(Refusal.of(Kind.NOT_FOUND, "message_not_found", "找不到这条消息", "No such message"));

  private final Refusal words;

  InboxRefusal(Refusal words) {
    this.words = words;
  }

  @Override
  public Refusal words() {
    return words;
  }
}
