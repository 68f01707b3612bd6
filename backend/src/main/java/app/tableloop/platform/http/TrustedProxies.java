package app.tableloop.platform.http;

import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The reverse proxies whose {@code X-Forwarded-For} the service believes: IP addresses and CIDR blocks, IPv4 and IPv6.
 * None by default, so that no client can choose the address it is limited and logged by.
 */
public final class TrustedProxies {
  public static final TrustedProxies NONE = new TrustedProxies(List.of());

  private final List<Block> blocks;

  private TrustedProxies(List<Block> blocks) {
    this.blocks = blocks;
  }

  /**
   * Reads a comma-separated list such as {@code 172.18.0.0/16, 10.0.0.7, fd00::/8}; blank means none.
   *
   * @throws IllegalArgumentException naming the entry that is no address or block
   */
  public static TrustedProxies parse(String list) {
    if (list.isBlank()) {
      return NONE;
    }
    return new TrustedProxies(Arrays.stream(list.split(",", -1)).map(String::trim).map(Block::parse).toList());
  }

  /**
   * The address an IP literal names, never looked up in DNS; empty for anything else (a host name, a port, garbage).
   */
  public static Optional<InetAddress> literal(String text) {
    return Optional.ofNullable(NetUtil.createInetAddressFromIpAddressString(text));
  }

  public boolean isEmpty() {
    return blocks.isEmpty();
  }

  public boolean trust(InetAddress address) {
    byte[] bytes = address.getAddress();
    return blocks.stream().anyMatch(block -> block.contains(bytes));
  }

  /** An address and how many of its leading bits a peer must share with it. */
  private record Block(byte[] network, int prefixBits) {

    static Block parse(String entry) {
      int slash = entry.indexOf('/');
      String address = slash < 0 ? entry : entry.substring(0, slash);
      byte[] network = literal(address).map(InetAddress::getAddress).orElseThrow(() -> new IllegalArgumentException(
          "'" + entry + "' is not an IP address or a CIDR block such as 172.18.0.0/16 or fd00::/8"));
      int maxBits = network.length * 8;
      if (slash < 0) {
        return new Block(network, maxBits);
      }
      String bits = entry.substring(slash + 1);
      if (!bits.matches("\\d{1,3}") || Integer.parseInt(bits) > maxBits) {
        throw new IllegalArgumentException("'" + entry + "' has a prefix length that is not a number from 0 to "
            + maxBits);
      }
      return new Block(network, Integer.parseInt(bits));
    }

    boolean contains(byte[] address) {
      if (address.length != network.length) {
        return false; // IPv4 and IPv6 never match each other (IPv4-mapped IPv6 addresses arrive as IPv4)
      }
      int whole = prefixBits / 8;
      for (int i = 0; i < whole; i++) {
        if (address[i] != network[i]) {
          return false;
        }
      }
      int rest = prefixBits % 8;
      if (rest == 0) {
        return true;
      }
      int mask = 0xff << (8 - rest);
      return (address[whole] & mask) == (network[whole] & mask);
    }
  }
}
