package app.tableloop.tenancy.qr;

import static org.assertj.core.api.Assertions.assertThat;

import app.tableloop.tenancy.qr.InstalledFonts.FontChoice;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.awt.Font;
import java.awt.GraphicsEnvironment;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class InstalledFontsTest {

  @Test
  void anAsciiLabelIsShownWhole() {
    assertThat(InstalledFonts.onThisHost().choose("A12").text()).isEqualTo("A12");
  }

  @Test
  void chineseIsShownWhenAnyInstalledFontHasItElseOnlyTheTableCodeRemains() {
    boolean hostHasChinese = Arrays.stream(
            GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames())
        .anyMatch(family -> new Font(family, Font.PLAIN, 12).canDisplayUpTo("窗边面馆") == -1);

    FontChoice choice = InstalledFonts.onThisHost().choose("A12 窗边");

    assertThat(choice.text()).isEqualTo(hostHasChinese ? "A12 窗边" : "A12");
    assertThat(choice.font().canDisplayUpTo(choice.text())).isEqualTo(-1);
  }

  @Test
  void charactersNoFontHasAreLeftOutAndTheOperatorIsToldOnceWhichPackageFixesIt() {
    InstalledFonts fonts = new InstalledFonts(List.of(new Font(Font.SANS_SERIF, Font.PLAIN, 1)));
    // U+0378 and U+0379 are unassigned: no font on any host has them.
    String unprintable = "A12 \u0378\u0379 B";
    ListAppender<ILoggingEvent> log = new ListAppender<>();
    Logger logger = (Logger) LoggerFactory.getLogger(InstalledFonts.class);
    log.start();
    logger.addAppender(log);
    try {
      assertThat(fonts.choose(unprintable).text()).isEqualTo("A12 B");
      assertThat(fonts.choose("\u0378A7").text()).isEqualTo("A7");
      assertThat(fonts.choose("A8").text()).isEqualTo("A8");
    } finally {
      logger.detachAppender(log);
    }

    assertThat(log.list).singleElement().satisfies(event -> {
      assertThat(event.getLevel()).isEqualTo(Level.WARN);
      assertThat(event.getFormattedMessage()).contains("fonts-noto-cjk");
    });
  }
}
