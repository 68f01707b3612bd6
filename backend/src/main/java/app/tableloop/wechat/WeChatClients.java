package app.tableloop.wechat;

import cn.binarywang.wx.miniapp.api.WxMaService;
import cn.binarywang.wx.miniapp.api.impl.WxMaServiceImpl;
import cn.binarywang.wx.miniapp.config.impl.WxMaRedissonConfigImpl;
import com.github.binarywang.wxpay.config.WxPayConfig;
import com.github.binarywang.wxpay.service.WxPayService;
import com.github.binarywang.wxpay.service.impl.WxPayServiceImpl;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.redisson.api.RedissonClient;

/** Builds WxJava's mini-program and pay clients for one connection (live WeChat or the simulator). */
final class WeChatClients {
  /** Under the deployment's Redis prefix; WxJava adds the AppID, so one Redis serves several mini-programs. */
  private static final String TOKEN_KEY_PREFIX = "wechat";

  private WeChatClients() {
  }

  /**
   * The access token lives in Redis, behind a Redis lock: every backend instance uses the same token, and only one
   * of them fetches a new one (separate in-memory tokens would keep invalidating each other).
   */
  static WxMaService miniProgram(WeChatConnection connection, RedissonClient redisson, Duration timeout) {
    WxMaRedissonConfigImpl config = new WxMaRedissonConfigImpl(redisson, TOKEN_KEY_PREFIX);
    config.setAppid(connection.appId());
    config.setSecret(connection.appSecret());
    connection.miniProgramApiHost().ifPresent(config::setApiHostUrl);
    WxMaServiceImpl service = new WxMaServiceImpl();
    service.setWxMaConfig(config);
    service.setRetrySleepMillis((int) Math.min(1000, timeout.toMillis() / 10));
    service.setMaxRetryTimes(2);
    return service;
  }

  static WxPayService pay(WeChatConnection connection, Duration timeout) {
    MerchantCredentials merchant = connection.merchant();
    WxPayConfig config = new WxPayConfig();
    config.setAppId(connection.appId());
    config.setMchId(merchant.mchId());
    config.setApiV3Key(merchant.apiV3Key());
    config.setCertSerialNo(merchant.certificateSerial());
    config.setPrivateKeyContent(merchant.privateKeyPem().getBytes(StandardCharsets.UTF_8));
    // WxJava reads the key only when a path is set, then prefers the content; the path names where it came from.
    config.setPrivateKeyPath("merchant-private-key.pem");
    // Without a public key WxJava verifies with the platform certificates it downloads from /v3/certificates; with
    // one it still tries that download first and keeps those certificates for serials other than PUB_KEY_ID_...
    merchant.payPublicKey().ifPresent(key -> {
      config.setPublicKeyId(key.id());
      config.setPublicKeyContent(key.pem().getBytes(StandardCharsets.UTF_8));
    });
    config.setPayBaseUrl(connection.payBaseUrl());
    connection.payProxy().ifPresent(proxy -> {
      config.setHttpProxyHost(proxy.host());
      config.setHttpProxyPort(proxy.port());
    });
    config.setHttpConnectionTimeout((int) timeout.toMillis());
    config.setHttpTimeout((int) timeout.toMillis());
    // WxJava closes the client after every call; a shared connection manager survives that.
    config.setApiV3HttpClientBuilderCustomizer(builder -> builder.setConnectionManagerShared(true));
    WxPayServiceImpl service = new WxPayServiceImpl();
    service.setConfig(config);
    return service;
  }
}
