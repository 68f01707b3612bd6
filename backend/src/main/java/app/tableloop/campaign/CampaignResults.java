package app.tableloop.campaign;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.util.List;
import java.util.UUID;

/** The port through which other features read launched campaigns with their results, as the owner sees them. */
public final class CampaignResults {
  private final Campaigns campaigns = new Campaigns();

  /** A campaign and the store it was launched from (campaigns reach the whole brand's members). */
  public record Launched(UUID storeId, Campaign campaign) {
  }

  /** The tenant's newest campaigns (at most 200), newest first, in the caller's tenant transaction. */
  public Future<List<Launched>> ofTenant(SqlClient sql, UUID tenantId) {
    return campaigns.launched(sql, tenantId);
  }
}
