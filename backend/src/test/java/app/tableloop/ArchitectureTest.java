package app.tableloop;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The lines between packages that the code keeps: platform serves everyone and imports no one. */
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
}
