package app.tableloop.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which address a request counts as, for limits and the access log, behind proxies trusted or not. */
class ClientAddressTest {
  private static final ClientAddress BEHIND_NGINX =
      new ClientAddress(TrustedProxies.parse("172.18.0.0/16, 10.1.2.3, fd00:ab::/32"));

  @Test
  void withNoProxyTrustedTheForwardedHeaderIsIgnored() {
    ClientAddress direct = new ClientAddress(TrustedProxies.NONE);

    assertThat(direct.choose("172.18.0.2", List.of("203.0.113.9"))).isEqualTo("172.18.0.2");
  }

  @Test
  void aTrustedPeerNamesItsClient() {
    assertThat(BEHIND_NGINX.choose("172.18.0.2", List.of("203.0.113.9"))).isEqualTo("203.0.113.9");
  }

  @Test
  void theChainIsWalkedFromTheRightPastEveryTrustedProxy() {
    assertThat(BEHIND_NGINX.choose("172.18.0.2", List.of("198.51.100.1, 203.0.113.9, 10.1.2.3, 172.18.0.5")))
        .isEqualTo("203.0.113.9");
  }

  @Test
  void whatAClientForgedLeftOfItsOwnAddressIsNotBelieved() {
    // The client sent "X-Forwarded-For: 10.1.2.3, 1.1.1.1"; nginx appended the address it saw.
    assertThat(BEHIND_NGINX.choose("172.18.0.2", List.of("10.1.2.3, 1.1.1.1, 203.0.113.9")))
        .isEqualTo("203.0.113.9");
    // A forged trusted address in the client's own header is still not the end of the walk.
    assertThat(BEHIND_NGINX.choose("172.18.0.2", List.of("1.1.1.1", "203.0.113.9"))).isEqualTo("203.0.113.9");
  }

  @Test
  void anUntrustedPeerCannotForgeItsAddress() {
    assertThat(BEHIND_NGINX.choose("203.0.113.66", List.of("198.51.100.1"))).isEqualTo("203.0.113.66");
    assertThat(BEHIND_NGINX.choose("172.19.0.2", List.of("198.51.100.1"))).isEqualTo("172.19.0.2");
  }

  @Test
  void ipv6PeersAndClientsAreMatchedAndWrittenOneWay() {
    assertThat(BEHIND_NGINX.choose("fd00:ab:0:0:0:0:0:7", List.of("2001:DB8::1, fd00:ab::9")))
        .isEqualTo("2001:db8:0:0:0:0:0:1");
    assertThat(BEHIND_NGINX.choose("fd00:ac:0:0:0:0:0:7", List.of("2001:db8::1")))
        .isEqualTo("fd00:ac:0:0:0:0:0:7");
    // An IPv4 client arriving through an IPv6 proxy, written as IPv4-mapped, counts as that IPv4 address.
    assertThat(BEHIND_NGINX.choose("fd00:ab:0:0:0:0:0:7", List.of("::ffff:203.0.113.9"))).isEqualTo("203.0.113.9");
  }

  @Test
  void whenEveryHopIsTrustedTheFarthestOneIsTheClient() {
    assertThat(BEHIND_NGINX.choose("172.18.0.2", List.of("172.18.0.40, 10.1.2.3"))).isEqualTo("172.18.0.40");
  }

  @Test
  void aMissingOrMalformedHeaderLeavesThePeer() {
    for (List<String> header : List.of(List.<String>of(), List.of(""), List.of("unknown"),
        List.of("203.0.113.9:4711"), List.of("203.0.113.9,"), List.of("203.0.113.9, , 10.1.2.3"),
        List.of("evil.example.com"), List.of("203.0.113.9", "garbage"))) {
      assertThat(BEHIND_NGINX.choose("172.18.0.2", header)).as("X-Forwarded-For %s", header).isEqualTo("172.18.0.2");
    }
  }
}
