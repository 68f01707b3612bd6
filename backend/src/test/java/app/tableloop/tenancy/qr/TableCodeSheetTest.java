package app.tableloop.tenancy.qr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import app.tableloop.tenancy.qr.SheetLayout.Box;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.ChecksumException;
import com.google.zxing.FormatException;
import com.google.zxing.NotFoundException;
import com.google.zxing.Result;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.multi.qrcode.QRCodeMultiReader;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.junit.jupiter.api.Test;

class TableCodeSheetTest {
  private static final String STORE = "演示面馆 Demo Noodle House";
  private static final int DPI = 200;

  @Test
  void twelveTablesPrintOnTwoA4PagesAndEveryCodeScansOnceInTableOrder() throws Exception {
    List<String> scenes = scenes(12);
    byte[] pdf = new TableCodeSheet(STORE, tilesFor(scenes)).pdf();

    List<String> scanned = new ArrayList<>();
    try (PDDocument document = Loader.loadPDF(pdf)) {
      assertThat(document.getNumberOfPages()).isEqualTo(2);
      for (PDPage page : document.getPages()) {
        assertThat(page.getMediaBox().getWidth()).isCloseTo(SheetLayout.mm(210), within(0.5f));
        assertThat(page.getMediaBox().getHeight()).isCloseTo(SheetLayout.mm(297), within(0.5f));
      }
      PDFRenderer renderer = new PDFRenderer(document);
      for (int page = 0; page < document.getNumberOfPages(); page++) {
        BufferedImage image = renderer.renderImageWithDPI(page, DPI, ImageType.GRAY);
        List<String> onPage = scanEveryCell(image);
        assertThat(scanWholePage(image)).as("page %d scanned whole", page + 1)
            .containsExactlyInAnyOrderElementsOf(onPage);
        scanned.addAll(onPage);
      }
    }

    assertThat(scanned).containsExactlyElementsOf(scenes);
  }

  @Test
  void aThirteenthTableStartsAnotherPageAndOnlyItsCodeIsOnIt() throws Exception {
    List<String> scenes = scenes(13);
    TableCodeSheet sheet = new TableCodeSheet(STORE, tilesFor(scenes));

    try (PDDocument document = Loader.loadPDF(sheet.pdf())) {
      assertThat(sheet.pageCount()).isEqualTo(3);
      assertThat(document.getNumberOfPages()).isEqualTo(3);
      BufferedImage last = new PDFRenderer(document).renderImageWithDPI(2, DPI, ImageType.GRAY);
      assertThat(scanEveryCell(last)).containsExactly("s=ab12cd&t=A13");
    }
  }

  @Test
  void pagesHoldSixTablesEach() {
    assertThat(IntStream.of(1, 6, 7, 12, 13, 600).map(n -> new TableCodeSheet(STORE, uncheckedTiles(n)).pageCount()))
        .containsExactly(1, 1, 2, 2, 3, 100);
  }

  @Test
  void theSymbolPrintsAtLeastFiveCentimetresWideWhateverItsImagesBorder() throws Exception {
    byte[] smallCodeWithWideBorder = PlainQrCode.png("s=ab12cd&t=A1", 430);
    byte[] wideBlock = png(solid(200, 100));
    byte[] pdf = new TableCodeSheet(STORE, List.of(new TableTile("A1", smallCodeWithWideBorder),
        new TableTile("A2", wideBlock))).pdf();

    try (PDDocument document = Loader.loadPDF(pdf)) {
      BufferedImage page = new PDFRenderer(document).renderImageWithDPI(0, DPI, ImageType.GRAY);
      int fiveCentimetres = (int) (50 / 25.4 * DPI);
      int[] code = darkExtent(crop(page, aboveLabel(0)));
      int[] wide = darkExtent(crop(page, aboveLabel(1)));

      assertThat(code[0]).isGreaterThanOrEqualTo(fiveCentimetres);
      assertThat(code[1]).isCloseTo(code[0], within(2));
      assertThat(wide[0]).as("not stretched").isGreaterThanOrEqualTo(fiveCentimetres);
      assertThat((double) wide[0] / wide[1]).as("not stretched").isCloseTo(2.0, within(0.05));
    }
  }

  @Test
  void aJpegCodeImagePrintsAsWellAsAPng() throws Exception {
    BufferedImage qr = ImageIO.read(new ByteArrayInputStream(PlainQrCode.png("s=ab12cd&t=B7", 430)));
    BufferedImage rgb = new BufferedImage(qr.getWidth(), qr.getHeight(), BufferedImage.TYPE_INT_RGB);
    rgb.createGraphics().drawImage(qr, 0, 0, null);
    ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
    ImageIO.write(rgb, "jpg", jpeg);

    byte[] pdf = new TableCodeSheet(STORE, List.of(new TableTile("B7", jpeg.toByteArray()))).pdf();

    try (PDDocument document = Loader.loadPDF(pdf)) {
      assertThat(scanEveryCell(new PDFRenderer(document).renderImageWithDPI(0, DPI, ImageType.GRAY)))
          .containsExactly("s=ab12cd&t=B7");
    }
  }

  @Test
  void aPageAsPngIsA4At300DpiAndItsCodesScan() throws Exception {
    List<String> scenes = scenes(8);
    TableCodeSheet sheet = new TableCodeSheet(STORE, tilesFor(scenes));

    BufferedImage second = ImageIO.read(new ByteArrayInputStream(sheet.pagePng(2)));

    assertThat(second.getWidth()).isCloseTo((int) (210 / 25.4 * 300), within(2));
    assertThat(second.getHeight()).isCloseTo((int) (297 / 25.4 * 300), within(2));
    assertThat(scanEveryCell(second, 300)).containsExactly("s=ab12cd&t=A7", "s=ab12cd&t=A8");
    assertThatIllegalArgumentException().isThrownBy(() -> sheet.pagePng(3));
    assertThatIllegalArgumentException().isThrownBy(() -> sheet.pagePng(0));
  }

  @Test
  void aSheetWithoutTablesIsRefused() {
    assertThatIllegalArgumentException().isThrownBy(() -> new TableCodeSheet(STORE, List.of()))
        .withMessageContaining("at least one table");
  }

  @Test
  void aSheetWithoutTheStoresNameIsRefused() {
    List<TableTile> tiles = uncheckedTiles(1);

    assertThatIllegalArgumentException().isThrownBy(() -> new TableCodeSheet(" ", tiles));
  }

  @Test
  void moreTablesThanTheLimitAreRefused() {
    List<TableTile> tiles = uncheckedTiles(TableCodeSheet.MAX_TABLES + 1);

    assertThatIllegalArgumentException().isThrownBy(() -> new TableCodeSheet(STORE, tiles))
        .withMessageContaining(String.valueOf(TableCodeSheet.MAX_TABLES));
  }

  @Test
  void aCodeImageThatIsNoImageIsRefusedNamingItsTable() {
    TableCodeSheet sheet = new TableCodeSheet(STORE, List.of(new TableTile("A1 窗边", "not a png".getBytes())));

    assertThatIllegalArgumentException().isThrownBy(sheet::pdf).withMessageContaining("A1 窗边");
  }

  @Test
  void aTileNeedsALabelAndAnImageAndItsLabelIsOneLine() {
    assertThatIllegalArgumentException().isThrownBy(() -> new TableTile(" ", new byte[] {1}));
    assertThatIllegalArgumentException().isThrownBy(() -> new TableTile("A1", new byte[0]));
    assertThat(new TableTile(" A12\n\t窗边 ", new byte[] {1}).label()).isEqualTo("A12 窗边");
  }

  private static List<String> scenes(int tables) {
    return IntStream.rangeClosed(1, tables).mapToObj(n -> "s=ab12cd&t=A" + n).toList();
  }

  /** Real codes for each scene, labelled as staff write them: table A12 with a note in Chinese. */
  private static List<TableTile> tilesFor(List<String> scenes) {
    return scenes.stream().map(scene -> {
      String table = scene.substring(scene.indexOf("t=") + 2);
      return new TableTile(table.equals("A12") ? "A12 窗边" : table, PlainQrCode.png(scene, 512));
    }).toList();
  }

  /** Tiles for counting pages: the sheet reads their images only when it draws them. */
  private static List<TableTile> uncheckedTiles(int tables) {
    return IntStream.rangeClosed(1, tables).mapToObj(n -> new TableTile("A" + n, new byte[] {1})).toList();
  }

  private static List<String> scanEveryCell(BufferedImage page) {
    return scanEveryCell(page, DPI);
  }

  /** The scene in each grid cell, in reading order, as a diner's phone would read a cut-out card. */
  private static List<String> scanEveryCell(BufferedImage page, int dpi) {
    List<String> scenes = new ArrayList<>();
    for (int position = 0; position < SheetLayout.TILES_PER_PAGE; position++) {
      scan(crop(page, SheetLayout.tile(position), dpi)).ifPresent(scenes::add);
    }
    return scenes;
  }

  private static List<String> scanWholePage(BufferedImage page) throws NotFoundException {
    Result[] results = new QRCodeMultiReader().decodeMultiple(bitmap(page));
    return Arrays.stream(results).map(Result::getText).toList();
  }

  private static Optional<String> scan(BufferedImage image) {
    try {
      return Optional.of(new QRCodeReader().decode(bitmap(image)).getText());
    } catch (NotFoundException e) {
      return Optional.empty();
    } catch (ChecksumException | FormatException e) {
      throw new AssertionError("a code was found but does not read", e);
    }
  }

  private static BinaryBitmap bitmap(BufferedImage image) {
    return new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image)));
  }

  private static BufferedImage crop(BufferedImage page, Box box) {
    return crop(page, box, DPI);
  }

  private static BufferedImage crop(BufferedImage page, Box box, int dpi) {
    double scale = dpi / 72.0;
    int x = (int) Math.round(box.x() * scale);
    int y = (int) Math.round((SheetLayout.PAGE_HEIGHT - box.y() - box.height()) * scale);
    int width = Math.min((int) Math.round(box.width() * scale), page.getWidth() - x);
    int height = Math.min((int) Math.round(box.height() * scale), page.getHeight() - y);
    return page.getSubimage(x, y, width, height);
  }

  /** The part of a tile above its label: where the symbol is, with the clear space around it. */
  private static Box aboveLabel(int position) {
    Box tile = SheetLayout.tile(position);
    Box label = SheetLayout.label(tile);
    float labelTop = label.y() + label.height();
    return new Box(tile.x(), labelTop, tile.width(), tile.y() + tile.height() - labelTop);
  }

  /** Width and height of the dark pixels' bounding box. */
  private static int[] darkExtent(BufferedImage image) {
    int left = Integer.MAX_VALUE;
    int right = -1;
    int top = Integer.MAX_VALUE;
    int bottom = -1;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        if ((image.getRGB(x, y) & 0xFF) < 128) {
          left = Math.min(left, x);
          right = Math.max(right, x);
          top = Math.min(top, y);
          bottom = Math.max(bottom, y);
        }
      }
    }
    return new int[] {right - left + 1, bottom - top + 1};
  }

  private static BufferedImage solid(int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(Color.BLACK);
    g.fillRect(0, 0, width, height);
    g.dispose();
    return image;
  }

  private static byte[] png(BufferedImage image) throws Exception {
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    ImageIO.write(image, "PNG", png);
    return png.toByteArray();
  }
}
