package app.tableloop.platform.embedded;

import app.tableloop.platform.crypto.DataKeys;
import java.nio.file.Path;

/**
 * The embedded default's keys for members' personal data: generated on first start into the data directory's secrets
 * file, beside the database they protect, and read from there on every later start.
 */
public final class EmbeddedDataKeys {
  private EmbeddedDataKeys() {
  }

  public static DataKeys in(Path dataDir) {
    LocalSecrets secrets = LocalSecrets.in(dataDir);
    String[] fresh = DataKeys.generate("local1");
    return DataKeys.parse(secrets.get("member.data.keys", () -> fresh[0]),
        secrets.get("member.lookup.key", () -> fresh[1]));
  }
}
