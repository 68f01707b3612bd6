package app.tableloop.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The proof of a scan, as a rule: for one table, for ten minutes, from this deployment's key only. */
class ScanProofTest {
  private static final byte[] KEY = "a deployment's scan proof key, 32+ bytes".getBytes();
  private static final UUID TENANT = UUID.randomUUID();
  private static final UUID STORE = UUID.randomUUID();
  private static final UUID TABLE = UUID.randomUUID();
  private static final Instant SCANNED = Instant.parse("2024-05-01T12:00:00Z");

  private static ScanProof.Check check(String token, UUID tenant, UUID store, UUID table, Instant at) {
    return ScanProof.check(KEY, Optional.ofNullable(token), tenant, store, table, at);
  }

  @Test
  void aScanProvesThatTableForTenMinutes() {
    String token = ScanProof.issue(KEY, TENANT, STORE, TABLE, SCANNED);

    assertThat(check(token, TENANT, STORE, TABLE, SCANNED.plusSeconds(599))).isEqualTo(ScanProof.Check.VALID);
    assertThat(check(token, TENANT, STORE, TABLE, SCANNED.plusSeconds(600))).isEqualTo(ScanProof.Check.EXPIRED);
  }

  @Test
  void aScanProvesNothingForAnotherTableStoreOrTenantOrDeployment() {
    String token = ScanProof.issue(KEY, TENANT, STORE, TABLE, SCANNED);

    assertThat(check(token, TENANT, STORE, UUID.randomUUID(), SCANNED)).isEqualTo(ScanProof.Check.INVALID);
    assertThat(check(token, TENANT, UUID.randomUUID(), TABLE, SCANNED)).isEqualTo(ScanProof.Check.INVALID);
    assertThat(check(token, UUID.randomUUID(), STORE, TABLE, SCANNED)).isEqualTo(ScanProof.Check.INVALID);
    assertThat(ScanProof.check("another deployment's key, 32 bytes or more".getBytes(), Optional.of(token), TENANT,
        STORE, TABLE, SCANNED)).isEqualTo(ScanProof.Check.INVALID);
  }

  @Test
  void anAlteredOrMissingProofIsNoProof() {
    String token = ScanProof.issue(KEY, TENANT, STORE, TABLE, SCANNED);
    String signature = token.substring(token.indexOf('.') + 1);
    // The last character's two low bits are unused (always 0 here): the next character spells the same bytes.
    char sameBytes = (char) (signature.charAt(signature.length() - 1) + 1);

    assertThat(check(token.substring(0, token.length() - 1) + sameBytes, TENANT, STORE, TABLE, SCANNED))
        .isEqualTo(ScanProof.Check.INVALID);
    assertThat(check((SCANNED.getEpochSecond() + 86_400) + "." + signature, TENANT, STORE, TABLE, SCANNED))
        .as("a later expiry").isEqualTo(ScanProof.Check.INVALID);
    assertThat(check("garbage", TENANT, STORE, TABLE, SCANNED)).isEqualTo(ScanProof.Check.INVALID);
    assertThat(check(null, TENANT, STORE, TABLE, SCANNED)).isEqualTo(ScanProof.Check.MISSING);
  }
}
