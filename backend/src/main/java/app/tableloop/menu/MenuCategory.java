package app.tableloop.menu;

import java.util.UUID;

/** A section of a store's menu (招牌面, 小吃, 饮品); diners see the sections by {@code sortOrder}. */
public record MenuCategory(UUID id, UUID storeId, String name, int sortOrder) {
}
