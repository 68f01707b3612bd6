package app.tableloop.tenancy;

import java.net.URI;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which store and table a QR code names. A WeChat mini-program code carries a scene of at most 32 characters,
 * {@code s=<store code>&t=<table code>}; an ordinary QR code carries a link {@code <base>/t/<store code>/<table code>},
 * which WeChat hands to the mini-program as the {@code q} parameter.
 */
public record TableScene(String storeCode, String tableCode) {
  public static final int MAX_SCENE_LENGTH = 32;
  private static final Pattern SCENE = Pattern.compile("s=([a-z0-9]{6})&t=([A-Za-z0-9-]{1,8})");
  private static final Pattern LINK_PATH = Pattern.compile(".*/t/([a-z0-9]{6})/([A-Za-z0-9-]{1,8})/?");

  public static Optional<TableScene> fromScene(String scene) {
    Matcher matcher = SCENE.matcher(scene);
    return matcher.matches() ? Optional.of(new TableScene(matcher.group(1), matcher.group(2))) : Optional.empty();
  }

  public static Optional<TableScene> fromLink(String link) {
    try {
      String path = URI.create(link).getPath();
      Matcher matcher = LINK_PATH.matcher(path == null ? "" : path);
      return matcher.matches() ? Optional.of(new TableScene(matcher.group(1), matcher.group(2))) : Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  public String scene() {
    return "s=" + storeCode + "&t=" + tableCode;
  }

  public String link(String publicBaseUrl) {
    return publicBaseUrl.replaceFirst("/+$", "") + "/t/" + storeCode + "/" + tableCode;
  }
}
