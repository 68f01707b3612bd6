package app.tableloop.platform.http;

import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.PlatformHandler;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * Refuses, before any operation's handlers and on unknown paths too, a request whose path or query string cannot be decoded (a bad or truncated
 * percent-escape, bytes that are not UTF-8) or whose query or headers carry unsafe text (see {@link UnsafeText}). The
 * router and the contract's validator would otherwise fail on them as faults; this answers a 400 naming the part.
 */
final class StrictRequestDecoding implements PlatformHandler {

  @Override
  public void handle(RoutingContext rc) {
    Optional<Problem> problem = checkPath(rc.request().path())
        .or(() -> checkQuery(rc.request().query()))
        .or(() -> checkHeaders(rc));
    if (problem.isPresent()) {
      rc.fail(new ProblemException(problem.get()));
    } else {
      rc.next();
    }
  }

  private static Optional<Problem> checkPath(String path) {
    if (path == null || decode(path, false).isPresent()) {
      return Optional.empty();
    }
    return Optional.of(CommonProblems.BAD_REQUEST.atField("path"));
  }

  private static Optional<Problem> checkQuery(String query) {
    if (query == null || query.isEmpty()) {
      return Optional.empty();
    }
    for (String pair : query.split("&")) {
      int equals = pair.indexOf('=');
      String rawName = equals < 0 ? pair : pair.substring(0, equals);
      Optional<String> name = decode(rawName, true);
      Optional<String> value = equals < 0 ? Optional.of("") : decode(pair.substring(equals + 1), true);
      String field = name.filter(n -> !n.isEmpty() && !UnsafeText.isUnsafe(n)).orElse("query");
      if (name.isEmpty() || value.isEmpty()) {
        return Optional.of(CommonProblems.invalidField(field, "not a valid percent-encoded UTF-8 text"));
      }
      if (UnsafeText.isUnsafe(name.get()) || UnsafeText.isUnsafe(value.get())) {
        return Optional.of(CommonProblems.invalidField(field, "contains a NUL character or a lone surrogate"));
      }
    }
    return Optional.empty();
  }

  private static Optional<Problem> checkHeaders(RoutingContext rc) {
    for (Map.Entry<String, String> header : rc.request().headers()) {
      if (UnsafeText.isUnsafe(header.getValue())) {
        return Optional.of(CommonProblems.invalidField(header.getKey(), "contains a NUL character"));
      }
    }
    return Optional.empty();
  }

  /** Percent-decodes {@code raw} as UTF-8, refusing what a lenient decoder would guess at; empty when it cannot. */
  private static Optional<String> decode(String raw, boolean plusIsSpace) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '%') {
        if (i + 2 >= raw.length()) {
          return Optional.empty();
        }
        int high = Character.digit(raw.charAt(i + 1), 16);
        int low = Character.digit(raw.charAt(i + 2), 16);
        if (high < 0 || low < 0) {
          return Optional.empty();
        }
        bytes.write(high * 16 + low);
        i += 2;
      } else if (c == '+' && plusIsSpace) {
        bytes.write(' ');
      } else if (c <= 0xFF) {
        // HTTP/1 request lines arrive as ISO-8859-1: each char is one byte as sent.
        bytes.write(c);
      } else {
        byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        bytes.write(encoded, 0, encoded.length);
      }
    }
    try {
      return Optional.of(StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes.toByteArray()))
          .toString());
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }
}
