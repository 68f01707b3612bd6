import app.tableloop.platform.crypto.DataKeys;
import java.util.HexFormat;

/**
 * Members' phone numbers for the campaign benchmarks, sealed as membership seals them (DataKeys under the service's
 * MEMBER_DATA_KEYS and MEMBER_LOOKUP_KEY): one line per member n = 1..count, tab-separated for psql's \copy:
 * n, the sealed bytes, the key id, the keyed look-up hash. Member n's number is 139 followed by n in eight digits.
 * Run with the service's jar on the class path: java -cp backend/target/tableloop.jar bench/SealPhones.java COUNT
 */
public final class SealPhones {
  public static void main(String[] args) {
    DataKeys keys = DataKeys.parse(System.getenv("MEMBER_DATA_KEYS"), System.getenv("MEMBER_LOOKUP_KEY"));
    HexFormat hex = HexFormat.of();
    StringBuilder out = new StringBuilder();
    int count = Integer.parseInt(args[0]);
    for (int n = 1; n <= count; n++) {
      String number = String.format("139%08d", n);
      DataKeys.Sealed sealed = keys.seal(number);
      out.append(n).append("\t\\\\x").append(hex.formatHex(sealed.bytes())).append('\t').append(sealed.keyId())
          .append("\t\\\\x").append(hex.formatHex(keys.lookupHash(number))).append('\n');
      if (out.length() > 1 << 20) {
        System.out.print(out);
        out.setLength(0);
      }
    }
    System.out.print(out);
    System.out.flush();
  }
}
