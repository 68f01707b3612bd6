package app.tableloop.tenancy;

import app.tableloop.platform.http.ApiModule;
import app.tableloop.platform.http.SecurityHeaders;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;

/**
 * What a table link or an invite link shows when it is opened outside WeChat (a phone's camera app, a browser):
 * WeChat opens these links in the mini-program once the store's link rule is set up; anywhere else the person is
 * told to scan with WeChat.
 */
public final class LinkPages implements ApiModule {
  private static final String PAGE = """
      <!doctype html>
      <html lang="zh-CN">
      <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
      <title>请用微信扫码 · Scan with WeChat</title>
      <style>body{font-family:system-ui,sans-serif;text-align:center;padding:3em 1em;color:#333}
      h1{font-size:1.4em}p{color:#666}</style></head>
      <body><h1>请用微信扫一扫打开</h1><p>%s</p><p>Please scan this code with WeChat to continue.</p></body>
      </html>
      """;

  /** The page is static text and one inline style sheet: nothing else may load, run, frame it or be posted from it. */
  private static final String CONTENT_POLICY = "default-src 'none'; style-src 'unsafe-inline'; "
      + "frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

  @Override
  public void mount(RouterBuilder api) {
    api.getRoute("openTableLink").addHandler(rc -> page(rc, "在微信中扫描桌上的二维码即可点餐。"));
    api.getRoute("openInviteLink").addHandler(rc -> page(rc, "在微信中打开此邀请，即可加入门店。"));
  }

  private static void page(RoutingContext rc, String hint) {
    rc.response().putHeader("Content-Type", "text/html; charset=utf-8")
        .putHeader(SecurityHeaders.CONTENT_SECURITY_POLICY, CONTENT_POLICY)
        .end(PAGE.formatted(hint));
  }
}
