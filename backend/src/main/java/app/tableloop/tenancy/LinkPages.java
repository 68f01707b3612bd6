package app.tableloop.tenancy;

import app.tableloop.platform.http.ApiModule;
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

  @Override
  public void mount(RouterBuilder api) {
    api.getRoute("openTableLink").addHandler(rc -> page(rc, "在微信中扫描桌上的二维码即可点餐。"));
    api.getRoute("openInviteLink").addHandler(rc -> page(rc, "在微信中打开此邀请，即可加入门店。"));
  }

  private static void page(RoutingContext rc, String hint) {
    rc.response().putHeader("Content-Type", "text/html; charset=utf-8").end(PAGE.formatted(hint));
  }
}
