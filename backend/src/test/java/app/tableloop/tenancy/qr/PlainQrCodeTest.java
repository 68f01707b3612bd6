package app.tableloop.tenancy.qr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.Result;
import com.google.zxing.ResultMetadataType;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PlainQrCodeTest {
  private static final String TABLE_URL = "https://order.example.com/t/ab12cd/A12";

  @Test
  void aTableUrlScansBackToTheSameUrl() throws Exception {
    assertThat(decode(PlainQrCode.png(TABLE_URL, 512)).getText()).isEqualTo(TABLE_URL);
  }

  @Test
  void aUrlWithAChineseQueryScansBackToTheSameCharacters() throws Exception {
    String url = "https://order.example.com/t/ab12cd/A12?seat=窗边&from=演示面馆";

    assertThat(decode(PlainQrCode.png(url, 512)).getText()).isEqualTo(url);
  }

  @Test
  void theCodeToleratesAQuarterOfItBeingLost() throws Exception {
    Object level = decode(PlainQrCode.png(TABLE_URL, 512)).getResultMetadata()
        .get(ResultMetadataType.ERROR_CORRECTION_LEVEL);

    assertThat(level).isEqualTo("Q");
  }

  @ParameterizedTest
  @ValueSource(ints = {PlainQrCode.MIN_PIXELS, 333, 1000, PlainQrCode.MAX_PIXELS})
  void theImageHasExactlyTheRequestedSizeAndScans(int pixels) throws Exception {
    byte[] png = PlainQrCode.png(TABLE_URL, pixels);
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));

    assertThat(image.getWidth()).isEqualTo(pixels);
    assertThat(image.getHeight()).isEqualTo(pixels);
    assertThat(decode(png).getText()).isEqualTo(TABLE_URL);
  }

  @Test
  void aQuietZoneOfAtLeastFourModulesSurroundsTheCode() throws Exception {
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(PlainQrCode.png(TABLE_URL, 400)));
    int size = image.getWidth();
    int firstDarkRow = 0;
    while (firstDarkRow < size && darkPixels(image, firstDarkRow).isEmpty()) {
      firstDarkRow++;
    }
    int[] row = darkPixels(image, firstDarkRow).stream().mapToInt(Integer::intValue).toArray();
    // The top-left finder pattern's top edge is a run of seven dark modules.
    int firstDark = row[0];
    int run = 1;
    while (run < row.length && row[run] == firstDark + run) {
      run++;
    }
    int module = run / 7;

    assertThat(run % 7).isZero();
    assertThat(firstDark).isGreaterThanOrEqualTo(4 * module);
    assertThat(firstDarkRow).isGreaterThanOrEqualTo(4 * module);
    assertThat(size - 1 - row[row.length - 1]).as("right edge").isGreaterThanOrEqualTo(4 * module);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, PlainQrCode.MIN_PIXELS - 1, PlainQrCode.MAX_PIXELS + 1, -512})
  void aSizeOutsideTheRangeIsRefused(int pixels) {
    assertThatIllegalArgumentException().isThrownBy(() -> PlainQrCode.png(TABLE_URL, pixels))
        .withMessageContaining(String.valueOf(pixels));
  }

  @Test
  void textTooLongToPrintLegiblyAtTheSizeIsRefused() {
    String longUrl = TABLE_URL + "?ref=" + "x".repeat(600);

    assertThatIllegalArgumentException().isThrownBy(() -> PlainQrCode.png(longUrl, 128))
        .withMessageContaining("larger image");
    assertThat(PlainQrCode.png(longUrl, 1024)).isNotEmpty();
  }

  @Test
  void textBeyondWhatAnyQrCodeHoldsIsRefused() {
    assertThatIllegalArgumentException().isThrownBy(() -> PlainQrCode.png("x".repeat(5000), 2048))
        .withMessageContaining("does not fit");
  }

  @Test
  void blankTextIsRefused() {
    assertThatIllegalArgumentException().isThrownBy(() -> PlainQrCode.png(" ", 512));
    assertThatIllegalArgumentException().isThrownBy(() -> PlainQrCode.png(null, 512));
  }

  private static List<Integer> darkPixels(BufferedImage image, int y) {
    List<Integer> dark = new ArrayList<>();
    for (int x = 0; x < image.getWidth(); x++) {
      if ((image.getRGB(x, y) & 0xFF) < 128) {
        dark.add(x);
      }
    }
    return dark;
  }

  static Result decode(byte[] png) throws Exception {
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
    return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image))));
  }
}
