package app.tableloop.campaign.sms;

/**
 * Sends one marketing SMS. The call blocks (an HTTP round trip to the provider): callers run it off the event loop.
 * The message's id is ours, stable per recipient, and goes to the provider with it (Tencent's SessionContext), so that
 * what the provider recorded can be matched to the recipient.
 */
public interface SmsProvider {
  SmsReceipt send(SmsMessage message);
}
