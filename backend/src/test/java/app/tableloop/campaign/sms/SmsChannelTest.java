package app.tableloop.campaign.sms;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The live Tencent Cloud SMS provider, through the real SDK, against the simulator: signed requests are delivered with
 * the opt-out, a resend under the same id is recognised and delivers nothing more, and a request signed with the wrong
 * key is refused.
 */
class SmsChannelTest {
  static Vertx vertx;
  static SmsSimulator simulator;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    simulator = new SmsSimulator(Clock.systemUTC()).start(vertx).toCompletionStage().toCompletableFuture().get();
  }

  @AfterAll
  static void stop() throws Exception {
    simulator.close().toCompletionStage().toCompletableFuture().get();
    vertx.close().toCompletionStage().toCompletableFuture().get();
  }

  @Test
  void aSignedSendIsDeliveredOnceWithTheOptOutEvenWhenSentAgainUnderItsId() {
    SmsProvider provider = new TencentSms(simulator.settings(20));
    String id = "campaign-" + UUID.randomUUID();

    SmsReceipt first = provider.send(new SmsMessage(id, "+8613800000001", List.of("好久不见，送你一张券")));
    SmsReceipt again = provider.send(new SmsMessage(id, "+8613800000001", List.of("好久不见，送你一张券")));

    assertThat(first.accepted()).isTrue();
    assertThat(again.serialNo()).as("the resend is recognised").isEqualTo(first.serialNo());
    String listed = io.vertx.ext.web.client.WebClient.create(vertx)
        .getAbs("http://" + simulator.settings(20).endpoint() + "/sim/texts").send()
        .toCompletionStage().toCompletableFuture().join().bodyAsString();
    assertThat(listed).contains(id).contains("退订回T");
    assertThat(simulator.texts().stream().filter(text -> text.sessionContext().equals(id)))
        .singleElement().satisfies(text -> {
          assertThat(text.phone()).isEqualTo("+8613800000001");
          assertThat(text.text()).isEqualTo("【TableLoop】好久不见，送你一张券退订回T");
        });
  }

  @Test
  void aRequestSignedWithAnotherKeyIsRefusedAndDeliversNothing() {
    SmsSettings right = simulator.settings(20);
    SmsProvider forged = new TencentSms(new SmsSettings(right.secretId(), "not-the-key", right.sdkAppId(),
        right.signName(), right.templateId(), right.region(), right.endpoint(), right.protocol(), 20));
    int before = simulator.texts().size();

    SmsReceipt receipt = forged.send(new SmsMessage("forged-" + UUID.randomUUID(), "+8613800000002",
        List.of("x")));

    assertThat(receipt.accepted()).isFalse();
    assertThat(receipt.code()).isEqualTo("AuthFailure.SignatureFailure");
    assertThat(simulator.texts()).hasSize(before);
    assertThat(right.toString()).doesNotContain(right.secretKey());
  }
}
