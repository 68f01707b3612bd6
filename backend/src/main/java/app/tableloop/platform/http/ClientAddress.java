package app.tableloop.platform.http;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.PlatformHandler;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one place that says which client a request comes from, for everything kept per client (the sign-in limit, the
 * access log). It is the connection's peer, unless that peer is a trusted reverse proxy: then it is read from
 * {@code X-Forwarded-For}, from the right, where each trusted proxy appended the address it saw. Whatever lies left
 * of the rightmost address that is no trusted proxy was written by the client itself, so it is never believed.
 *
 * <p>Vert.x Web's own {@code Router.allowForward} takes the leftmost entry from anyone, which would let every client
 * pick its own address; hence this.
 */
public final class ClientAddress implements PlatformHandler {
  static final String FORWARDED_FOR = "X-Forwarded-For";
  private static final String KEY = ClientAddress.class.getName();

  private final TrustedProxies trusted;

  public ClientAddress(TrustedProxies trusted) {
    this.trusted = trusted;
  }

  /** The client address of a request the router has seen. */
  public static String of(RoutingContext rc) {
    String address = rc.get(KEY);
    return address != null ? address : rc.request().remoteAddress().hostAddress();
  }

  @Override
  public void handle(RoutingContext rc) {
    HttpServerRequest request = rc.request();
    String peer = request.remoteAddress().hostAddress();
    rc.put(KEY, trusted.isEmpty() ? peer : choose(peer, request.headers().getAll(FORWARDED_FOR)));
    rc.next();
  }

  /**
   * The client behind {@code peer}, given the {@code X-Forwarded-For} header lines in their order: the peer itself
   * unless it is trusted; else the rightmost forwarded address that is not a trusted proxy (the leftmost if all are).
   * A header that is missing or holds anything but IP addresses leaves the peer.
   */
  String choose(String peer, List<String> forwardedFor) {
    Optional<InetAddress> peerAddress = TrustedProxies.literal(peer);
    if (peerAddress.isEmpty() || !trusted.trust(peerAddress.get())) {
      return peer;
    }
    List<InetAddress> chain = new ArrayList<>();
    for (String line : forwardedFor) {
      for (String entry : line.split(",", -1)) {
        Optional<InetAddress> hop = TrustedProxies.literal(entry.trim());
        if (hop.isEmpty()) {
          return peer;
        }
        chain.add(hop.get());
      }
    }
    if (chain.isEmpty()) {
      return peer;
    }
    for (int i = chain.size() - 1; i > 0; i--) {
      if (!trusted.trust(chain.get(i))) {
        return chain.get(i).getHostAddress();
      }
    }
    return chain.get(0).getHostAddress();
  }
}
