package app.tableloop;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import app.tableloop.ordering.Order;
import app.tableloop.ordering.OrderStatus;
import app.tableloop.ordering.OrderingModule;
import app.tableloop.ordering.PayableOrders;
import app.tableloop.ordering.Tab;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The lines between packages that the code keeps: platform serves everyone and imports no one; payment sees ordering
 * only through its port, and its folders depend one way.
 */
class ArchitectureTest {
  /**
   * Which features each feature may use, besides the platform: the one table of who may call whom. A feature absent
   * from a row is out of bounds for it; a new feature gets a row of its own.
   */
  static final Map<String, Set<String>> MAY_USE = new LinkedHashMap<>();

  static {
    MAY_USE.put("identity", Set.of("wechat"));
    MAY_USE.put("tenancy", Set.of("identity", "wechat"));
    MAY_USE.put("menu", Set.of("identity", "tenancy"));
    MAY_USE.put("ordering", Set.of("identity", "tenancy", "menu", "wechat"));
    MAY_USE.put("payment", Set.of("identity", "tenancy", "menu", "ordering", "wechat"));
    // Membership learns of paid orders and refunds through payment's outbox events, not its classes.
    MAY_USE.put("membership", Set.of("identity", "tenancy", "wechat"));
    // Loyalty prices and pays orders through the ports ordering and payment offer, and counts payments from events.
    MAY_USE.put("loyalty", Set.of("identity", "tenancy", "menu", "ordering", "payment", "membership", "wechat"));
    // Referral reads joins and paid orders from events, and checks tokens for membership through its port.
    MAY_USE.put("referral", Set.of("identity", "tenancy", "membership", "loyalty", "wechat"));
    // Transactional subscribe messages learn of served orders and refunds from ordering's and payment's events; they
    // give members' exports and erasure their records through membership's port.
    MAY_USE.put("notice", Set.of("identity", "tenancy", "ordering", "payment", "membership", "wechat"));
    // Campaigns reach members with loyalty's coupons; their results read orders and visits in SQL; the referral
    // programme's card reads referral's outcome (referral itself uses no campaign class).
    MAY_USE.put("campaign", Set.of("identity", "tenancy", "menu", "ordering", "payment", "membership", "loyalty",
        "referral", "wechat"));
    // Insights read what every other feature recorded, in SQL, and rank campaign cards by their expected return.
    MAY_USE.put("insight", Set.of("identity", "tenancy", "menu", "ordering", "payment", "membership", "loyalty",
        "campaign", "wechat"));
    // The demo plays a day of business through the product's own API and services, and books its past meals as they do.
    MAY_USE.put("demo", Set.of("identity", "tenancy", "menu", "ordering", "payment", "membership", "loyalty",
        "insight", "wechat"));
    MAY_USE.put("wechat", Set.of());
  }

  static JavaClasses classes;

  /** The product's features (the table's rows, but the demo and the WeChat seam). */
  private static String[] featurePackages() {
    return MAY_USE.keySet().stream().filter(name -> !name.equals("demo") && !name.equals("wechat"))
        .map(name -> "app.tableloop." + name + "..").toArray(String[]::new);
  }

  private static DescribedPredicate<JavaClass> areRecordsOrEnums() {
    return DescribedPredicate.describe("records or enums", type -> type.isRecord() || type.isEnum());
  }

  @BeforeAll
  static void importClasses() {
    classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("app.tableloop");
  }

  @Test
  void eachFeatureUsesOnlyTheFeaturesItsRowAllows() {
    MAY_USE.forEach((feature, allowed) -> {
      String[] outOfBounds = MAY_USE.keySet().stream()
          .filter(other -> !other.equals(feature) && !allowed.contains(other))
          .map(other -> "app.tableloop." + other + "..")
          .toArray(String[]::new);
      if (outOfBounds.length > 0) {
        noClasses().that().resideInAPackage("app.tableloop." + feature + "..")
            .should().dependOnClassesThat().resideInAnyPackage(outOfBounds)
            .because(feature + " may use only " + allowed + " besides the platform")
            .check(classes);
      }
    });
  }

  @Test
  void everyFeaturePackageHasARowInTheTable() {
    assertThat(classes.stream().map(JavaClass::getPackageName)
        .filter(name -> name.startsWith("app.tableloop.") && !name.startsWith("app.tableloop.platform"))
        .map(name -> name.substring("app.tableloop.".length()).split("\\.")[0])
        .distinct())
        .as("a feature without a row in MAY_USE is held by no rule")
        .allMatch(MAY_USE::containsKey);
  }

  @Test
  void featurePackagesHaveNoCycles() {
    slices().matching("app.tableloop.(*)..").should().beFreeOfCycles().check(classes);
  }

  @Test
  void featureModelsAndRulesStayPlainJava() {
    classes().that().resideInAnyPackage(featurePackages())
        .and(areRecordsOrEnums().or(nameMatching(".*(Policy|Rules|Pricing)")))
        .should().onlyDependOnClassesThat().resideOutsideOfPackages("io.vertx..", "io.netty..",
            "app.tableloop.platform.http..", "app.tableloop.platform.database..", "app.tableloop.platform.redis..")
        .because("a feature's records, rules and refusals are plain Java that tests call directly")
        .check(classes);
  }

  @Test
  void handlersLeaveSqlToTheServices() {
    noClasses().that().resideInAnyPackage(featurePackages()).and().haveSimpleNameEndingWith("Api")
        .should().dependOnClassesThat().resideInAnyPackage("io.vertx.sqlclient..", "io.vertx.pgclient..")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("app.tableloop.platform.database.Database")
        .because("an *Api reads the validated request, calls its feature's service and maps the outcome")
        .check(classes);
  }

  @Test
  void platformImportsNoFeatureAndNotWeChat() {
    noClasses().that().resideInAPackage("app.tableloop.platform..")
        .should().dependOnClassesThat().resideOutsideOfPackages("app.tableloop.platform..", "java..", "javax..",
            "io.vertx..", "io.netty..", "io.micrometer..", "org.redisson..", "org.flywaydb..", "org.postgresql..",
            "org.slf4j..", "ch.qos.logback..", "net.logstash.logback..", "org.apache.commons.compress..",
            "redis.embedded..")
        .because("features build on the platform, never the other way round")
        .check(classes);
  }

  @Test
  void theWeChatSeamDependsOnNoFeature() {
    noClasses().that().resideInAPackage("app.tableloop.wechat..")
        .should().dependOnClassesThat().resideInAPackage("app.tableloop")
        .orShould().dependOnClassesThat().resideInAnyPackage("app.tableloop.platform.http..",
            "app.tableloop.platform.database..", "app.tableloop.platform.runtime..")
        .because("the gateway and simulator serve features; only configuration and Redis come from the platform")
        .check(classes);
  }

  @Test
  void onlyTheWeChatSeamTalksToWxJavaServices() {
    noClasses().that().resideOutsideOfPackage("app.tableloop.wechat..")
        .should().dependOnClassesThat().haveFullyQualifiedName("cn.binarywang.wx.miniapp.api.WxMaService")
        .orShould().dependOnClassesThat()
        .haveFullyQualifiedName("com.github.binarywang.wxpay.service.WxPayService")
        .because("every WeChat call goes through WeChatGateway, on its worker pool")
        .check(classes);
  }

  @Test
  void paymentUsesOfOrderingOnlyItsPort() {
    noClasses().that().resideInAPackage("app.tableloop.payment..")
        .should().dependOnClassesThat(resideInAPackage("app.tableloop.ordering..").and(not(belongToAnyOf(
            PayableOrders.class, Order.class, Tab.class, OrderStatus.class, OrderingModule.class))))
        .because("ordering's port and the types in its signatures are all payment may know of ordering")
        .check(classes);
  }

  @Test
  void refundsKnowNothingOfSettlement() {
    noClasses().that().resideInAPackage("app.tableloop.payment.refund..")
        .should().dependOnClassesThat().resideInAPackage("app.tableloop.payment.settlement..")
        .because("settlement reads refunds, never the other way round")
        .check(classes);
  }

  @Test
  void paymentsThemselvesKnowNeitherRefundsNorSettlement() {
    noClasses().that().resideInAPackage("app.tableloop.payment")
        .and().doNotHaveSimpleName("PaymentModule").and().doNotHaveSimpleName("PaymentApi")
        .and().doNotHaveSimpleName("PaymentJson")
        .should().dependOnClassesThat().resideInAnyPackage("app.tableloop.payment.refund..",
            "app.tableloop.payment.settlement..")
        .because("only the module wires and the API answers across payment's folders; a duplicate payment's refund"
            + " goes through DuplicatePaymentRefunds")
        .check(classes);
  }
}
