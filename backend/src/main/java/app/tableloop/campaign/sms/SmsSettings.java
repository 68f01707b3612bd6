package app.tableloop.campaign.sms;

import java.util.Map;
import java.util.Optional;

/**
 * How to reach Tencent Cloud SMS: the API key pair, the SMS application, the approved signature and marketing
 * template, and how many SMS a second the account may send. An endpoint and protocol, when given, point the same
 * client elsewhere (the simulator). The secret key never appears in {@link #toString()}.
 */
public record SmsSettings(String secretId, String secretKey, String sdkAppId, String signName, String templateId,
                          String region, String endpoint, String protocol, int perSecond) {
  /** The provider's default send rate for a new account, a second. */
  public static final int DEFAULT_PER_SECOND = 20;

  /**
   * The live settings from SMS_SECRET_ID, SMS_SECRET_KEY, SMS_SDK_APP_ID, SMS_SIGN_NAME, SMS_TEMPLATE_ID (and
   * SMS_REGION, SMS_PER_SECOND); empty when SMS_SECRET_ID is not set, where the simulator stands in.
   */
  public static Optional<SmsSettings> fromEnvironment(Map<String, String> env) {
    String secretId = env.get("SMS_SECRET_ID");
    if (secretId == null || secretId.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(new SmsSettings(secretId, required(env, "SMS_SECRET_KEY"), required(env, "SMS_SDK_APP_ID"),
        required(env, "SMS_SIGN_NAME"), required(env, "SMS_TEMPLATE_ID"),
        env.getOrDefault("SMS_REGION", "ap-guangzhou"), null, "https://", perSecond(env)));
  }

  /** The provider's rate, SMS_PER_SECOND: the live provider's, or the one the simulator stands in with. */
  public static int perSecond(Map<String, String> env) {
    return Integer.parseInt(env.getOrDefault("SMS_PER_SECOND", Integer.toString(DEFAULT_PER_SECOND)));
  }

  private static String required(Map<String, String> env, String name) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException("SMS_SECRET_ID is set, so " + name + " must be too");
    }
    return value;
  }

  @Override
  public String toString() {
    return "SmsSettings[secretId=" + secretId + ", sdkAppId=" + sdkAppId + ", signName=" + signName
        + ", templateId=" + templateId + ", region=" + region + ", endpoint=" + endpoint + ", perSecond=" + perSecond
        + "]";
  }
}
