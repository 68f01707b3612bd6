package app.tableloop.platform.config;

import java.util.Map;
import java.util.Optional;

/** Reads environment variables, treating blank as unset, and names the variable in every complaint. */
public record Environment(Map<String, String> values) {

  public Optional<String> optional(String name) {
    String value = values.get(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
  }

  public String required(String name, String why) {
    return optional(name).orElseThrow(() -> new ConfigException(name + " is required " + why));
  }

  public int integer(String name, int fallback, int min, int max) {
    Optional<String> raw = optional(name);
    if (raw.isEmpty()) {
      return fallback;
    }
    try {
      int value = Integer.parseInt(raw.get());
      if (value < min || value > max) {
        throw new ConfigException(name + " must be between " + min + " and " + max + ", got " + value);
      }
      return value;
    } catch (NumberFormatException ex) {
      throw new ConfigException(name + " must be a whole number, got '" + raw.get() + "'");
    }
  }
}
