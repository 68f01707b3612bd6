package app.tableloop;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import app.tableloop.ordering.Order;
import app.tableloop.ordering.OrderStatus;
import app.tableloop.ordering.OrderingModule;
import app.tableloop.ordering.PayableOrders;
import app.tableloop.ordering.Tab;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The lines between packages that the code keeps: platform serves everyone and imports no one; payment sees ordering
 * only through its port, and its folders depend one way.
 */
class ArchitectureTest {
  static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("app.tableloop");
  }

  @Test
  void platformImportsNoFeatureAndNotWeChat() {
    noClasses().that().resideInAPackage("app.tableloop.platform..")
        .should().dependOnClassesThat().resideOutsideOfPackages("app.tableloop.platform..", "java..", "javax..",
            "io.vertx..", "io.netty..", "io.micrometer..", "org.redisson..", "org.flywaydb..", "org.postgresql..",
            "org.slf4j..", "ch.qos.logback..", "org.apache.commons.compress..", "redis.embedded..")
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
