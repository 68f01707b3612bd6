package app.tableloop.campaign.sms;

import com.tencentcloudapi.common.Credential;
import com.tencentcloudapi.common.exception.TencentCloudSDKException;
import com.tencentcloudapi.common.profile.ClientProfile;
import com.tencentcloudapi.common.profile.HttpProfile;
import com.tencentcloudapi.sms.v20210111.SmsClient;
import com.tencentcloudapi.sms.v20210111.models.SendSmsRequest;
import com.tencentcloudapi.sms.v20210111.models.SendSmsResponse;
import com.tencentcloudapi.sms.v20210111.models.SendStatus;

/**
 * Tencent Cloud SMS through its Java SDK (SendSms, TC3-HMAC-SHA256 signed). The same client reaches the simulator when
 * the settings name its endpoint. A refusal by the provider is a receipt, not a failure; a failure is a fault on the
 * way (network, unreadable answer), after which whether the SMS went out is unknown.
 */
public final class TencentSms implements SmsProvider {
  private final SmsClient client;
  private final SmsSettings settings;

  public TencentSms(SmsSettings settings) {
    this.settings = settings;
    HttpProfile http = new HttpProfile();
    if (settings.endpoint() != null) {
      http.setEndpoint(settings.endpoint());
      http.setProtocol(settings.protocol());
    }
    http.setConnTimeout(10);
    http.setReadTimeout(10);
    ClientProfile profile = new ClientProfile();
    profile.setHttpProfile(http);
    this.client = new SmsClient(new Credential(settings.secretId(), settings.secretKey()), settings.region(), profile);
  }

  @Override
  public SmsReceipt send(SmsMessage message) {
    SendSmsRequest request = new SendSmsRequest();
    request.setSmsSdkAppId(settings.sdkAppId());
    request.setSignName(settings.signName());
    request.setTemplateId(settings.templateId());
    request.setPhoneNumberSet(new String[] {message.phone()});
    request.setTemplateParamSet(message.params().toArray(String[]::new));
    request.setSessionContext(message.id());
    try {
      SendSmsResponse response = client.SendSms(request);
      SendStatus status = response.getSendStatusSet()[0];
      return new SmsReceipt("Ok".equals(status.getCode()), status.getCode(), status.getSerialNo());
    } catch (TencentCloudSDKException refused) {
      if (refused.getErrorCode() != null && !refused.getErrorCode().isEmpty()) {
        return new SmsReceipt(false, refused.getErrorCode(), null);
      }
      throw new IllegalStateException("SMS provider unreachable: " + refused.getMessage(), refused);
    }
  }
}
