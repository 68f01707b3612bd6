package app.tableloop.tenancy;

import app.tableloop.platform.database.Database;
import app.tableloop.platform.http.ApiModule;
import app.tableloop.platform.http.Platform;
import app.tableloop.platform.runtime.FeatureModule;
import app.tableloop.wechat.WeChatGateway;
import java.util.List;

/** Tenants, stores, tables, their QR codes and the scan that names them. */
public final class TenancyModule implements FeatureModule {
  private final Stores stores = new Stores();
  private final DiningTables tables = new DiningTables();
  private final ScanProofKey scanProofKey;
  private final List<ApiModule> apis;

  public TenancyModule(Platform platform, WeChatGateway wechat) {
    Database database = platform.database();
    this.scanProofKey = new ScanProofKey(database);
    this.apis = List.of(
        new TenancyApi(new TableScans(database, stores, tables, scanProofKey, platform.clock()),
            new StoreSetup(database, stores, tables), platform.clock()),
        new LinkPages(),
        new TableCodesApi(new TableCodes(platform.vertx(), database, stores, tables,
            new TableCodeImages(database, wechat), platform.publicBaseUrl())));
  }

  public Stores stores() {
    return stores;
  }

  public DiningTables tables() {
    return tables;
  }

  public ScanProofKey scanProofKey() {
    return scanProofKey;
  }

  @Override
  public List<ApiModule> apis() {
    return apis;
  }
}
