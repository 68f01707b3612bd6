package app.tableloop.payment;

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

/** The lines inside payment: its folders depend one way, and of ordering it sees only the port. */
class PaymentFoldersTest {
  static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("app.tableloop");
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
