package app.tableloop.wechat;

import java.util.Optional;

/**
 * Where and as whom the WxJava clients talk: real WeChat in live mode, or the local simulator.
 *
 * @param miniProgramApiHost base URL replacing {@code https://api.weixin.qq.com}; empty means WeChat itself
 * @param payBaseUrl         WeChat Pay's base URL; its host must end with {@code .mch.weixin.qq.com}, or WxJava
 *                           would neither sign requests nor verify responses
 * @param payProxy           an HTTP proxy every WeChat Pay request goes through (the simulator, which answers for
 *                           {@code api.mch.weixin.qq.com} on loopback); empty for a direct connection
 */
public record WeChatConnection(
    String appId,
    String appSecret,
    MerchantCredentials merchant,
    Optional<String> miniProgramApiHost,
    String payBaseUrl,
    Optional<HostPort> payProxy) {

  public static final String PAY_BASE_URL = "https://api.mch.weixin.qq.com";

  public record HostPort(String host, int port) {
  }

  @Override
  public String toString() {
    return "WeChatConnection[appId=" + appId + ", merchant=" + merchant + ", miniProgramApiHost="
        + miniProgramApiHost.orElse("WeChat") + ", payBaseUrl=" + payBaseUrl + "]";
  }
}
