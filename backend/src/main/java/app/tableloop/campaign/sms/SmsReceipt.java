package app.tableloop.campaign.sms;

/** What the provider answered: accepted (code Ok) with its serial number, or refused with its code. */
public record SmsReceipt(boolean accepted, String code, String serialNo) {
}
