package app.tableloop.menu;

import app.tableloop.identity.IdentityModule;
import app.tableloop.platform.http.ApiModule;
import app.tableloop.platform.http.Platform;
import app.tableloop.platform.runtime.FeatureModule;
import app.tableloop.tenancy.TenancyModule;
import java.util.List;

/** Each store's menu: categories, dishes, options, sold-out and daily stock, and the diners' cached menu. */
public final class MenuModule implements FeatureModule {
  private final Menus menus = new Menus();
  private final DishStock stock;
  private final List<ApiModule> apis;

  public MenuModule(Platform platform, IdentityModule identity, TenancyModule tenancy) {
    MenuCache cache = new MenuCache(platform.redis());
    this.stock = new DishStock(cache, platform.database());
    this.apis = List.of(new MenuApi(
        new PublicMenus(platform.database(), identity.storeTenants(), tenancy.stores(), menus, cache, platform.clock()),
        new MenuEditing(platform.database(), tenancy.stores(), menus, cache, platform.clock())));
  }

  public Menus menus() {
    return menus;
  }

  public DishStock stock() {
    return stock;
  }

  @Override
  public List<ApiModule> apis() {
    return apis;
  }
}
