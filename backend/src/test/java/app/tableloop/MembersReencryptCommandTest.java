package app.tableloop;

import static app.tableloop.testing.Responses.ok;
import static org.assertj.core.api.Assertions.assertThat;

import app.tableloop.platform.crypto.DataKeys;
import app.tableloop.testing.ARestaurant;
import app.tableloop.testing.RunningService;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Rotating the key that seals members' phone numbers: a new key first, the command, then the old key can go. */
class MembersReencryptCommandTest {
  private static final String[] OLD = DataKeys.generate("old");
  private static final String[] NEW = DataKeys.generate("new");

  @Test
  void everyPhoneIsSealedAgainUnderTheNewKeyAndStillReadsTheSame() {
    try (RunningService service = RunningService.start(MembersReencryptCommandTest.class,
        Map.of("MEMBER_DATA_KEYS", OLD[0], "MEMBER_LOOKUP_KEY", OLD[1]))) {
      ARestaurant shop = ARestaurant.payFirst(service, "换钥匙面馆", "K1", 1000);
      for (String phone : new String[] {"13811112222", "13933334444"}) {
        String diner = service.signIn("rotating-" + phone);
        int version = ok(service.get(shop.path("/membership"), diner)).getJsonObject("notice").getInteger("version");
        ok(service.call(HttpMethod.POST, shop.path("/membership"), diner, new JsonObject().put("consent", true)
            .put("notice_version", version).put("phone_code", service.simulator().miniProgram().phoneCode(phone))));
      }
      assertThat(service.env().count("SELECT count(*) FROM members WHERE phone_key_id = 'old'")).isEqualTo(2);

      ByteArrayOutputStream out = new ByteArrayOutputStream();
      int status = MembersReencryptCommand.run(service.env().config(Map.of("MEMBER_DATA_KEYS", NEW[0] + "," + OLD[0],
          "MEMBER_LOOKUP_KEY", OLD[1])), new PrintStream(out, true, StandardCharsets.UTF_8));

      assertThat(status).isZero();
      assertThat(out.toString(StandardCharsets.UTF_8)).contains("Re-sealed 2 phone number(s) under key new");
      assertThat(service.env().count("SELECT count(*) FROM members WHERE phone_key_id = 'new'")).isEqualTo(2);
      DataKeys newOnly = DataKeys.parse(NEW[0], OLD[1]);
      service.env().asOwner(sql -> {
        try (var rows = sql.executeQuery("SELECT phone_sealed FROM members ORDER BY phone_sealed")) {
          while (rows.next()) {
            assertThat(newOnly.open(new DataKeys.Sealed("new", rows.getBytes(1)))).matches("13811112222|13933334444");
          }
        }
      });
    }
  }
}
