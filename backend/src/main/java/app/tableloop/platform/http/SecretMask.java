package app.tableloop.platform.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks the secrets a request line may carry before it is written to a log: path parameters whose name says they are
 * a secret (an invite's {@code {token}}), found from the contract's path templates, and the values of such query
 * parameters (a scanned link in {@code q} may be an invite link). Whoever reads the log must not be able to act
 * with what it shows.
 */
public final class SecretMask {
  static final String MASK = "***";
  private static final Set<String> SECRET_NAMES = Set.of("code", "q", "scene", "sign", "signature", "ticket", "key");
  private static final List<String> SECRET_PARTS = List.of("token", "secret", "password", "session");
  private static final Pattern PARAMETER = Pattern.compile("\\{([^}/]+)}");

  private final List<SecretPath> secretPaths;

  /**
   * A template with a secret parameter, as a pattern, and the text before its first parameter and after its last:
   * every request is logged, and a path that does not start and end so (nearly all) is passed without a regex match.
   */
  private record SecretPath(String prefix, String suffix, Pattern pattern) {
    boolean couldMatch(String path) {
      return path.startsWith(prefix) && path.endsWith(suffix);
    }
  }

  private SecretMask(List<SecretPath> secretPaths) {
    this.secretPaths = secretPaths;
  }

  /** From path templates such as {@code /i/{token}}; only those with a secret parameter matter. */
  public static SecretMask forTemplates(List<String> templates) {
    List<SecretPath> secretPaths = new ArrayList<>();
    for (String template : templates) {
      Matcher parameter = PARAMETER.matcher(template);
      StringBuilder regex = new StringBuilder("^");
      boolean secret = false;
      int end = 0;
      while (parameter.find()) {
        regex.append(Pattern.quote(template.substring(end, parameter.start())));
        boolean isSecret = isSecret(parameter.group(1));
        regex.append(isSecret ? "([^/]+)" : "[^/]+");
        secret |= isSecret;
        end = parameter.end();
      }
      if (secret) {
        String suffix = template.substring(end);
        secretPaths.add(new SecretPath(template.substring(0, template.indexOf('{')), suffix,
            Pattern.compile(regex.append(Pattern.quote(suffix)).append("$").toString())));
      }
    }
    return new SecretMask(secretPaths);
  }

  static boolean isSecret(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return SECRET_NAMES.contains(lower) || SECRET_PARTS.stream().anyMatch(lower::contains);
  }

  /** {@code uri} (a path with an optional query) with every secret replaced by {@code ***}. */
  public String mask(String uri) {
    int question = uri.indexOf('?');
    String path = question < 0 ? uri : uri.substring(0, question);
    String masked = maskPath(path);
    return question < 0 ? masked : masked + "?" + maskQuery(uri.substring(question + 1));
  }

  private String maskPath(String path) {
    for (SecretPath secretPath : secretPaths) {
      if (!secretPath.couldMatch(path)) {
        continue;
      }
      Matcher matcher = secretPath.pattern().matcher(path);
      if (matcher.matches()) {
        StringBuilder masked = new StringBuilder();
        int end = 0;
        for (int group = 1; group <= matcher.groupCount(); group++) {
          masked.append(path, end, matcher.start(group)).append(MASK);
          end = matcher.end(group);
        }
        return masked.append(path.substring(end)).toString();
      }
    }
    return path;
  }

  private static String maskQuery(String query) {
    StringBuilder masked = new StringBuilder();
    for (String pair : query.split("&", -1)) {
      int equals = pair.indexOf('=');
      String name = equals < 0 ? pair : pair.substring(0, equals);
      masked.append(masked.length() == 0 ? "" : "&")
          .append(equals >= 0 && isSecret(name) ? name + "=" + MASK : pair);
    }
    return masked.toString();
  }
}
