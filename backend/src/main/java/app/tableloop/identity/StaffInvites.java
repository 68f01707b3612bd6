package app.tableloop.identity;

import app.tableloop.platform.database.Database;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * One-time, expiring invitations to work at a store (or run a tenant). The token travels in a link or a
 * mini-program code; only its hash is stored. Accepting binds the signed-in WeChat user to the role, once.
 */
public final class StaffInvites {
  public static final Duration DEFAULT_VALIDITY = Duration.ofHours(72);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Database database;
  private final Clock clock;

  public StaffInvites(Database database, Clock clock) {
    this.database = database;
    this.clock = clock;
  }

  /** A fresh invite; {@code token} is shown once, to whoever hands it on. */
  public record Invite(UUID id, UUID tenantId, UUID storeId, Role role, String token, OffsetDateTime expiresAt) {
    /** What a mini-program code for this invite carries (24 of the 32 characters WeChat allows). */
    public String scene() {
      return "i=" + token;
    }
  }

  /** The outcome of accepting an invite. */
  public sealed interface Acceptance permits Accepted, Unknown, AlreadyUsed, Expired {
  }

  public record Accepted(RoleGrant grant) implements Acceptance {
  }

  public record Unknown() implements Acceptance {
  }

  public record AlreadyUsed() implements Acceptance {
  }

  public record Expired() implements Acceptance {
  }

  public Future<Invite> create(SqlClient sql, UUID tenantId, UUID storeId, Role role, UUID createdBy,
                               Duration validFor) {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    OffsetDateTime expiresAt = clock.instant().plus(validFor).atOffset(ZoneOffset.UTC);
    return sql.preparedQuery("""
            INSERT INTO staff_invites (tenant_id, store_id, role, token_hash, created_by, expires_at)
            VALUES ($1, $2, $3, $4, $5, $6)
            RETURNING id
            """)
        .execute(Tuple.of(tenantId, storeId, role.wireName(), hash(token), createdBy, expiresAt))
        .map(rows -> new Invite(rows.iterator().next().getUUID("id"), tenantId, storeId, role, token, expiresAt));
  }

  /** The store an invite belongs to, if {@code token} is an invite of this tenant and store. */
  public Future<Boolean> belongsTo(SqlClient sql, UUID tenantId, UUID storeId, String token) {
    return sql.preparedQuery("SELECT 1 FROM staff_invites WHERE tenant_id = $1 AND store_id = $2 AND token_hash = $3")
        .execute(Tuple.of(tenantId, storeId, hash(token)))
        .map(rows -> rows.size() == 1);
  }

  /** Binds {@code user} to the invite's role, if the invite is unused and unexpired; concurrent accepts: one wins. */
  public Future<Acceptance> accept(String token, SignedInUser user) {
    byte[] tokenHash = hash(token);
    return database.pool().preparedQuery("SELECT tenant_of_invite($1) AS tenant_id").execute(Tuple.of(tokenHash))
        .map(rows -> Optional.ofNullable(rows.iterator().next().getUUID("tenant_id")))
        .compose(tenant -> tenant.isEmpty() ? Future.succeededFuture(new Unknown())
            : database.inTenant(tenant.get(), sql -> claim(sql, tenant.get(), tokenHash, user)));
  }

  private Future<Acceptance> claim(SqlClient sql, UUID tenantId, byte[] tokenHash, SignedInUser user) {
    OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
    return sql.preparedQuery("""
            UPDATE staff_invites
               SET accepted_by = $3, accepted_at = $4
             WHERE tenant_id = $1 AND token_hash = $2 AND accepted_at IS NULL AND expires_at > $4
            RETURNING store_id, role
            """)
        .execute(Tuple.of(tenantId, tokenHash, user.userId(), now))
        .compose(rows -> {
          if (rows.size() == 1) {
            Row invite = rows.iterator().next();
            RoleGrant grant = new RoleGrant(tenantId, invite.getUUID("store_id"),
                Role.fromWireName(invite.getString("role")).orElseThrow());
            return sql.preparedQuery("""
                    INSERT INTO staff_roles (tenant_id, store_id, user_id, role)
                    VALUES ($1, $2, $3, $4)
                    ON CONFLICT DO NOTHING
                    """)
                .execute(Tuple.of(tenantId, grant.storeId(), user.userId(), grant.role().wireName()))
                .map(inserted -> (Acceptance) new Accepted(grant));
          }
          return sql.preparedQuery("SELECT accepted_at FROM staff_invites WHERE tenant_id = $1 AND token_hash = $2")
              .execute(Tuple.of(tenantId, tokenHash))
              .map(found -> found.iterator().next().getValue("accepted_at") != null
                  ? new AlreadyUsed() : new Expired());
        });
  }

  static byte[] hash(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
