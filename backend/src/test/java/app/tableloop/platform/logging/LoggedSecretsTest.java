package app.tableloop.platform.logging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Credentials in log lines, as WxJava and others write them, are masked; the rest of the line is left alone. */
class LoggedSecretsTest {
  @Test
  void wxJavasRequestLineKeepsItsParameterNamesButNotTheirValues() {
    String line = "【请求地址】: https://api.weixin.qq.com/sns/jscode2session?access_token=T0KEN-x_y\n"
        + "【请求参数】：js_code=0a1B2c&secret=5ecret&grant_type=authorization_code&appid=wx1234567890abcdef";

    assertThat(LoggedSecrets.mask(line)).isEqualTo("【请求地址】: https://api.weixin.qq.com/sns/jscode2session"
        + "?access_token=***\n【请求参数】：js_code=***&secret=***&grant_type=authorization_code&appid=wx1234567890abcdef");
  }

  @Test
  void anUnescapedUrlInAnExceptionMessageIsMaskedToo() {
    assertThat(LoggedSecrets.mask("Illegal character in query at index 60: "
        + "https://api.weixin.qq.com/sns/jscode2session?appid=wx1&secret=5ecret&js_code=a b&grant_type=x"))
        .doesNotContain("5ecret").contains("secret=***").contains("js_code=*** b");
  }

  @Test
  void jsonFieldsHeadersAndUrlPasswordsAreMasked() {
    // A header's whole value goes, to the end of its line, whatever scheme it carries.
    String masked = LoggedSecrets.mask("{\"access_token\":\"T0KEN\",\"expires_in\":7200,\"session_key\" : \"k\\\"ey\"}"
        + " Authorization: WECHATPAY2-SHA256-RSA2048 mchid=\"1900000109\",signature=\"c2lnbg==\"\n"
        + "paySign=\"c2ln\" postgresql://tableloop:pa55word@db:5432/tableloop\n{Authorization=Bearer s3ssion}");

    assertThat(masked).doesNotContain("T0KEN", "k\\\"ey", "c2lnbg==", "s3ssion", "c2ln", "pa55word")
        .contains("\"access_token\":\"***\"", "\"expires_in\":7200", "Authorization: ***\n", "paySign=***",
            "postgresql://tableloop:***@db:5432/tableloop");
  }

  @Test
  void errorCodesAndOtherNamesEndingInCodeStayReadable() {
    String line = "WeChat call failed: errcode=40029 signType=RSA {\"code\":\"PARAM_ERROR\",\"message\":\"x\"}";

    assertThat(LoggedSecrets.mask(line)).isEqualTo(line);
  }

  @Test
  void aPhoneNumberWeChatHandsBackIsMaskedAndItsCountryCodeStays() {
    assertThat(LoggedSecrets.mask("{\"phone_info\":{\"phoneNumber\":\"13912345678\",\"purePhoneNumber\":"
        + "\"13912345678\",\"countryCode\":\"86\"}}"))
        .isEqualTo("{\"phone_info\":{\"phoneNumber\":\"***\",\"purePhoneNumber\":\"***\",\"countryCode\":\"86\"}}");
  }
}
