package app.tableloop.campaign.sms;

import java.util.List;

/**
 * One SMS to one phone: the template's parameters fill its placeholders; the template itself carries the opt-out
 * (退订回T).
 *
 * @param id    our stable id of the recipient (campaign and member), sent as the provider's session context
 * @param phone the number in E.164 form (+8613800000000)
 */
public record SmsMessage(String id, String phone, List<String> params) {
  @Override
  public String toString() {
    // The phone is personal data: never in logs.
    return "SmsMessage[id=" + id + "]";
  }
}
