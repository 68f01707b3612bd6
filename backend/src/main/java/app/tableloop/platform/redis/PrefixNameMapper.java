package app.tableloop.platform.redis;

import org.redisson.config.NameMapper;

/** Puts every Redisson object under one key prefix, so that several deployments or test classes share a Redis. */
final class PrefixNameMapper implements NameMapper {
  private final String prefix;

  PrefixNameMapper(String prefix) {
    this.prefix = prefix;
  }

  @Override
  public String map(String name) {
    return prefix + name;
  }

  @Override
  public String unmap(String name) {
    return name.startsWith(prefix) ? name.substring(prefix.length()) : name;
  }
}
