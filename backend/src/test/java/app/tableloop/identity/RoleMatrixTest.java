package app.tableloop.identity;

import static org.assertj.core.api.Assertions.assertThat;

import app.tableloop.tenancy.TenantBootstrap;
import app.tableloop.testing.ContractOperations;
import app.tableloop.testing.ContractOperations.Operation;
import app.tableloop.testing.RunningService;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Walks every operation of the contract with every kind of caller: who is let through is exactly what the
 * operation's {@code x-roles} says; someone from another tenant never learns the store exists.
 */
class RoleMatrixTest {
  /** Operations anyone may call, signed in or not. */
  private static final Set<String> PUBLIC = Set.of("getLiveness", "getReadiness", "getMetrics", "getApiContract",
      "signInWithWeChat", "scanTable", "openTableLink", "openInviteLink", "getMenu",
      "receiveWeChatPayNotification", "receiveWeChatRefundNotification", "resolveJoinCode",
      "resolveReferralCode", "receiveSmsReply");

  /** Who may call what, written out: changing a role in the contract means changing it here too, on purpose. */
  private static final Map<String, Set<String>> EXPECTED_ROLES = Map.ofEntries(
      Map.entry("signOut", Set.of("diner")),
      Map.entry("getMe", Set.of("diner")),
      Map.entry("acceptInvite", Set.of("diner")),
      Map.entry("listStores", Set.of("operator")),
      Map.entry("createStore", Set.of("operator")),
      Map.entry("inviteToTenant", Set.of("operator")),
      Map.entry("getStore", Set.of("operator", "owner", "staff")),
      Map.entry("updateStore", Set.of("operator", "owner")),
      Map.entry("listTables", Set.of("operator", "owner", "staff")),
      Map.entry("addTables", Set.of("operator", "owner")),
      Map.entry("updateTable", Set.of("operator", "owner")),
      Map.entry("getTableWeChatCode", Set.of("operator", "owner")),
      Map.entry("getTableLinkCode", Set.of("operator", "owner")),
      Map.entry("getTableCodeSheet", Set.of("operator", "owner")),
      Map.entry("inviteToStore", Set.of("operator", "owner")),
      Map.entry("getInviteCode", Set.of("operator", "owner")),
      Map.entry("listStaff", Set.of("operator", "owner")),
      Map.entry("removeStaff", Set.of("operator", "owner")),
      Map.entry("listMenuCategories", Set.of("operator", "owner", "staff")),
      Map.entry("createMenuCategory", Set.of("operator", "owner")),
      Map.entry("reorderMenuCategories", Set.of("operator", "owner")),
      Map.entry("updateMenuCategory", Set.of("operator", "owner")),
      Map.entry("deleteMenuCategory", Set.of("operator", "owner")),
      Map.entry("listDishes", Set.of("operator", "owner", "staff")),
      Map.entry("createDish", Set.of("operator", "owner")),
      Map.entry("updateDish", Set.of("operator", "owner")),
      Map.entry("deleteDish", Set.of("operator", "owner")),
      Map.entry("setDishActive", Set.of("operator", "owner")),
      Map.entry("setDishSoldOut", Set.of("operator", "owner", "staff")),
      Map.entry("setDishStock", Set.of("operator", "owner", "staff")),
      Map.entry("openTab", Set.of("diner")),
      Map.entry("getTab", Set.of("diner")),
      Map.entry("listTabOrders", Set.of("diner")),
      Map.entry("addCartLine", Set.of("diner")),
      Map.entry("updateCartLine", Set.of("diner")),
      Map.entry("removeCartLine", Set.of("diner")),
      Map.entry("placeOrder", Set.of("diner")),
      Map.entry("hurryOrder", Set.of("diner")),
      Map.entry("watchTab", Set.of("diner")),
      Map.entry("listOpenTabs", Set.of("operator", "owner", "staff")),
      Map.entry("closeTab", Set.of("operator", "owner", "staff")),
      Map.entry("listKitchenOrders", Set.of("operator", "owner", "staff")),
      Map.entry("acceptOrder", Set.of("operator", "owner", "staff")),
      Map.entry("rejectOrder", Set.of("operator", "owner", "staff")),
      Map.entry("cancelOrder", Set.of("operator", "owner", "staff")),
      Map.entry("serveOrderItem", Set.of("operator", "owner", "staff")),
      Map.entry("getOrderTicket", Set.of("operator", "owner", "staff")),
      Map.entry("watchKitchen", Set.of("operator", "owner", "staff")),
      Map.entry("requestWeChatPayment", Set.of("diner")),
      Map.entry("checkPayment", Set.of("diner")),
      Map.entry("checkTabPayment", Set.of("diner")),
      Map.entry("takeCounterPayment", Set.of("operator", "owner", "staff")),
      Map.entry("requestTabWeChatPayment", Set.of("diner")),
      Map.entry("takeTabCounterPayment", Set.of("operator", "owner", "staff")),
      Map.entry("refundOrder", Set.of("operator", "owner", "staff")),
      Map.entry("getSettlement", Set.of("operator", "owner")),
      Map.entry("getMembership", Set.of("diner")),
      Map.entry("joinMembership", Set.of("diner")),
      Map.entry("updateMembership", Set.of("diner")),
      Map.entry("leaveMembership", Set.of("diner")),
      Map.entry("setMarketingConsent", Set.of("diner")),
      Map.entry("exportMyData", Set.of("diner")),
      Map.entry("listMembers", Set.of("operator", "owner", "staff")),
      Map.entry("getMember", Set.of("operator", "owner", "staff")),
      Map.entry("findMembersByPhone", Set.of("operator", "owner", "staff")),
      Map.entry("revealMemberPhone", Set.of("operator", "owner")),
      Map.entry("publishPrivacyNotice", Set.of("operator", "owner")),
      Map.entry("setMembershipSettings", Set.of("operator", "owner")),
      Map.entry("exportMembers", Set.of("operator", "owner")),
      Map.entry("exportOrders", Set.of("operator", "owner")),
      Map.entry("getMyJoinCode", Set.of("operator", "owner", "staff")),
      Map.entry("getMyJoinCodeImage", Set.of("operator", "owner", "staff")),
      Map.entry("getMyRecruitsToday", Set.of("operator", "owner", "staff")),
      Map.entry("listRecruiters", Set.of("operator", "owner")),
      Map.entry("listAccessAudit", Set.of("operator", "owner")),
      Map.entry("listCouponTemplates", Set.of("operator", "owner")),
      Map.entry("createCouponTemplate", Set.of("operator", "owner")),
      Map.entry("getCouponTemplate", Set.of("operator", "owner")),
      Map.entry("updateCouponTemplate", Set.of("operator", "owner")),
      Map.entry("grantCoupons", Set.of("operator", "owner")),
      Map.entry("claimCoupon", Set.of("diner")),
      Map.entry("listWalletCoupons", Set.of("diner")),
      Map.entry("getCheckoutQuote", Set.of("diner")),
      Map.entry("getMyPoints", Set.of("diner")),
      Map.entry("getMyLevel", Set.of("diner")),
      Map.entry("getPointsEarnRule", Set.of("operator", "owner")),
      Map.entry("setPointsEarnRule", Set.of("operator", "owner")),
      Map.entry("getLoyaltyLevels", Set.of("operator", "owner")),
      Map.entry("replaceLoyaltyLevels", Set.of("operator", "owner")),
      Map.entry("listTopUpPackages", Set.of("operator", "owner", "staff", "diner")),
      Map.entry("createTopUpPackage", Set.of("operator", "owner")),
      Map.entry("changeTopUpPackage", Set.of("operator", "owner")),
      Map.entry("getStoredValueWallet", Set.of("diner")),
      Map.entry("startTopUp", Set.of("diner")),
      Map.entry("getTopUp", Set.of("diner")),
      Map.entry("payOrderWithStoredValue", Set.of("diner")),
      Map.entry("payTabWithStoredValue", Set.of("diner")),
      Map.entry("refundStoredValue", Set.of("operator", "owner")),
      Map.entry("listPointsOffers", Set.of("diner")),
      Map.entry("redeemPointsForCoupon", Set.of("diner")),
      Map.entry("getReferral", Set.of("diner")),
      Map.entry("getReferralPoster", Set.of("diner")),
      Map.entry("getReferralSettings", Set.of("operator", "owner")),
      Map.entry("updateReferralSettings", Set.of("operator", "owner")),
      Map.entry("getSubscribeTemplates", Set.of("diner")),
      Map.entry("recordSubscriptions", Set.of("diner")),
      Map.entry("listCampaignCards", Set.of("operator", "owner")),
      Map.entry("getCustomerSegments", Set.of("operator", "owner")),
      Map.entry("listSegmentMembers", Set.of("operator", "owner")),
      Map.entry("getMemberHistory", Set.of("operator", "owner")),
      Map.entry("listSuggestedCampaigns", Set.of("operator", "owner")),
      Map.entry("getMenuSuggestions", Set.of("diner")),
      Map.entry("getStoreDashboard", Set.of("operator", "owner")),
      Map.entry("getTenantDashboard", Set.of("operator")),
      Map.entry("explainStoreRevenue", Set.of("operator", "owner")),
      Map.entry("rankTenantStores", Set.of("operator")),
      Map.entry("listCampaigns", Set.of("operator", "owner")),
      Map.entry("launchCampaign", Set.of("operator", "owner")),
      Map.entry("getCampaign", Set.of("operator", "owner")),
      Map.entry("pauseCampaign", Set.of("operator", "owner")),
      Map.entry("resumeCampaign", Set.of("operator", "owner")),
      Map.entry("stopCampaign", Set.of("operator", "owner")),
      Map.entry("exportMemberData", Set.of("operator", "owner")),
      Map.entry("getExpiryReminders", Set.of("operator", "owner")),
      Map.entry("updateExpiryReminders", Set.of("operator", "owner")),
      Map.entry("listMessages", Set.of("diner")),
      Map.entry("getMessageBanner", Set.of("diner")),
      Map.entry("readMessage", Set.of("diner")));

  static RunningService service;
  static TenantBootstrap.Bootstrapped restaurant;
  static TenantBootstrap.Bootstrapped otherRestaurant;
  static Map<String, String> tokens;
  static String inviteToken;
  static String category;
  static String dish;
  static String spareDish;
  static List<Operation> operations;

  @BeforeAll
  static void setUp() {
    service = RunningService.start(RoleMatrixTest.class);
    restaurant = service.aRestaurant("矩阵面馆", "A1-A3");
    otherRestaurant = service.aRestaurant("隔壁面馆", "B1-B3");
    String owner = service.signInAndAccept("owner", restaurant.ownerInvite().token());
    String staffInvite = service.call(HttpMethod.POST, storePath("/invites"), owner,
        new JsonObject().put("role", "staff")).bodyAsJsonObject().getString("token");
    tokens = Map.of(
        "operator", service.anOperatorOf(restaurant.tenantId(), "operator"),
        "owner", owner,
        "staff", service.signInAndAccept("staff", staffInvite),
        "diner", service.signIn("diner"),
        "other-owner", service.signInAndAccept("other-owner", otherRestaurant.ownerInvite().token()));
    inviteToken = service.call(HttpMethod.POST, storePath("/invites"), owner,
        new JsonObject().put("role", "staff")).bodyAsJsonObject().getString("token");
    category = service.call(HttpMethod.POST, storePath("/menu/categories"), owner,
        new JsonObject().put("name", "矩阵面")).bodyAsJsonObject().getString("id");
    dish = service.call(HttpMethod.POST, storePath("/menu/dishes"), owner, sampleBody("createDish"))
        .bodyAsJsonObject().getString("id");
    spareDish = service.call(HttpMethod.POST, storePath("/menu/dishes"), owner, sampleBody("createDish"))
        .bodyAsJsonObject().getString("id");
    // The contract's roles are what is checked here; the owner's own switch for staff refunds is tested elsewhere.
    service.call(HttpMethod.PATCH, storePath(""), owner, new JsonObject().put("staff_may_refund", true));
    operations = ContractOperations.load().all();
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  @Test
  void everyOperationIsPublicByNameOrDeclaresItsRoles() {
    assertThat(operations).allSatisfy(operation -> assertThat(
        PUBLIC.contains(operation.id()) || !operation.roles().isEmpty())
        .as(operation.id() + " declares x-roles").isTrue());
    assertThat(operations.stream().filter(operation -> !operation.roles().isEmpty())).hasSizeGreaterThan(15);
  }

  @Test
  void theContractDeclaresTheAgreedRoles() {
    Map<String, Set<String>> declared = new java.util.HashMap<>();
    protectedOperations().forEach(operation -> declared.put(operation.id(), Set.copyOf(operation.roles())));

    assertThat(declared).isEqualTo(EXPECTED_ROLES);
  }

  @Test
  void nobodyGetsInWithoutSigningIn() {
    for (Operation operation : protectedOperations()) {
      HttpResponse<Buffer> response = call(operation, null);
      assertThat(response.statusCode()).as(operation.id()).isEqualTo(401);
    }
  }

  @Test
  void eachRoleGetsExactlyWhatTheContractAllows() {
    for (Operation operation : protectedOperations()) {
      for (String caller : List.of("operator", "owner", "staff", "diner", "other-owner")) {
        String role = caller.equals("other-owner") ? "owner" : caller;
        HttpResponse<Buffer> response = call(operation, caller);
        String what = operation.id() + " as " + caller + ": " + response.bodyAsString();
        boolean inThisTenant = !caller.equals("other-owner") && !caller.equals("diner");
        boolean scoped = operation.path().contains("{store}") || operation.path().contains("{tenant}");
        if (operation.roles().contains(role) && (inThisTenant || !scoped) || operation.roles().contains("diner")) {
          assertThat(response.statusCode()).as(what).isNotIn(401, 403, 500);
          assertThat(isHidden(response)).as(what).isFalse();
        } else if (inThisTenant && operation.path().contains("{store}")) {
          assertThat(response.statusCode()).as(what).isEqualTo(403);
        } else {
          assertThat(isHidden(response)).as(what).isTrue();
        }
      }
    }
  }

  private static List<Operation> protectedOperations() {
    return operations.stream().filter(operation -> !operation.roles().isEmpty()).toList();
  }

  /** Answered as if the store or tenant did not exist. */
  private static boolean isHidden(HttpResponse<Buffer> response) {
    return response.statusCode() == 404 && "not_found".equals(response.bodyAsJsonObject().getString("code"))
        && response.bodyAsJsonObject().getString("field") == null;
  }

  private static HttpResponse<Buffer> call(Operation operation, String caller) {
    String token = caller == null ? null : tokens.get(caller);
    if (operation.id().equals("signOut") && caller != null) {
      token = service.signIn(caller.equals("other-owner") ? "other-owner" : caller);
    }
    String path = operation.path()
        .replace("{tenant}", restaurant.tenantId().toString())
        .replace("{store}", restaurant.store().id().toString())
        .replace("{table}", restaurant.tables().get(0).id().toString())
        .replace("{user}", UUID.randomUUID().toString())
        .replace("{token}", inviteToken)
        .replace("{category}", category)
        .replace("{dish}", operation.id().equals("deleteDish") ? spareDish : dish)
        // Tabs, lines, orders and items that do not exist: the answer is then about access, or a 404 of its own.
        .replace("{tab}", UUID.randomUUID().toString())
        .replace("{line}", UUID.randomUUID().toString())
        .replace("{order}", UUID.randomUUID().toString())
        .replace("{item}", UUID.randomUUID().toString())
        .replace("{date}", "2024-05-01")
        .replace("{segment}", "sleeping")
        .replace("{template}", UUID.randomUUID().toString());
    return service.call(operation.method(), path, token, sampleBody(operation.id()));
  }

  /** A valid body for each operation that takes one, so that the answer is about access, not input. */
  private static JsonObject sampleBody(String operationId) {
    return switch (operationId) {
      case "acceptInvite" -> new JsonObject().put("token", "unknownInviteToken0000");
      case "createStore" -> new JsonObject().put("name", "矩阵面馆 二店");
      case "inviteToTenant" -> new JsonObject().put("role", "operator");
      case "inviteToStore" -> new JsonObject().put("role", "staff");
      case "updateStore" -> new JsonObject().put("ordering_mode", "pay_first");
      case "addTables" -> new JsonObject().put("codes", "A1");
      case "updateTable" -> new JsonObject().put("seats", 4);
      case "createMenuCategory" -> new JsonObject().put("name", "矩阵分类" + UUID.randomUUID().toString().substring(0, 8));
      case "updateMenuCategory" -> new JsonObject().put("sort_order", 0);
      case "reorderMenuCategories" -> new JsonObject().put("category_ids", menuCategoryIds());
      case "createDish", "updateDish" -> new JsonObject().put("category_id", category).put("name", "矩阵拌面")
          .put("price_fen", 1200);
      case "setDishActive" -> new JsonObject().put("active", true);
      case "setDishSoldOut" -> new JsonObject().put("sold_out", false);
      case "setDishStock" -> new JsonObject().put("today_stock", 5);
      case "openTab" -> new JsonObject().put("scan_token",
          service.scan(restaurant.store(), restaurant.tables().get(0)));
      case "addCartLine" -> new JsonObject().put("dish_id", dish).put("quantity", 1);
      case "updateCartLine" -> new JsonObject().put("quantity", 2);
      case "placeOrder" -> new JsonObject().put("idempotency_key", "matrix-" + UUID.randomUUID()).put("head_count", 2);
      case "rejectOrder", "cancelOrder" -> new JsonObject().put("reason", "矩阵测试");
      case "takeCounterPayment", "takeTabCounterPayment" -> new JsonObject().put("method", "cash");
      case "refundOrder" -> new JsonObject().put("amount_fen", 100).put("reason", "矩阵测试")
          .put("idempotency_key", "matrix-" + UUID.randomUUID());
      case "createCouponTemplate" -> new JsonObject().put("name", "矩阵券").put("kind", "amount_off")
          .put("amount_off_fen", 100).put("validity", new JsonObject().put("kind", "days").put("days", 7));
      case "updateCouponTemplate" -> new JsonObject().put("active", true);
      case "grantCoupons" -> new JsonObject().put("member_ids", new JsonArray().add(UUID.randomUUID().toString()));
      case "claimCoupon" -> new JsonObject().put("code", "ABCDEFGH");
      case "createTopUpPackage" -> new JsonObject().put("name", "矩阵充值").put("price_fen", 1000);
      case "changeTopUpPackage" -> new JsonObject().put("active", true);
      case "startTopUp" -> new JsonObject().put("package_id", UUID.randomUUID().toString());
      case "refundStoredValue" -> new JsonObject().put("amount_fen", 100)
          .put("idempotency_key", "matrix-" + UUID.randomUUID());
      case "redeemPointsForCoupon" -> new JsonObject().put("template_id", UUID.randomUUID().toString())
          .put("idempotency_key", "matrix-" + UUID.randomUUID());
      case "updateReferralSettings" -> new JsonObject().put("active", true).put("needed", 5)
          .put("cap_per_sharer", 10);
      case "updateExpiryReminders" -> new JsonObject().put("active", true);
      case "recordSubscriptions" -> new JsonObject().put("results", new JsonObject().put("sim-dishes-ready", "accept"));
      default -> null;
    };
  }

  /** Every menu category of the store as it is now, for a valid reordering. */
  private static JsonArray menuCategoryIds() {
    JsonArray ids = new JsonArray();
    service.get(storePath("/menu/categories"), tokens.get("owner")).bodyAsJsonObject().getJsonArray("categories")
        .forEach(found -> ids.add(((JsonObject) found).getString("id")));
    return ids;
  }

  private static String storePath(String rest) {
    return "/api/v1/stores/" + restaurant.store().id() + rest;
  }
}
