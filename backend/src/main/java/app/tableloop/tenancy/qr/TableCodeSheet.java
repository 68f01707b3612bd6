package app.tableloop.tenancy.qr;

import app.tableloop.tenancy.qr.InstalledFonts.FontChoice;
import app.tableloop.tenancy.qr.SheetLayout.Box;
import app.tableloop.tenancy.qr.TextStrip.Align;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;

/**
 * A printable sheet of a store's table codes: A4 pages of six cards (see {@link SheetLayout} for why), each with the
 * table's code, its label and the store's name, light dashed lines to cut along, and a footer with the store's name
 * and the page number. Text is drawn with the host's fonts ({@link InstalledFonts}), so Chinese names print when a
 * CJK font is installed.
 *
 * <p>Building a sheet is CPU work of some hundred milliseconds a page: run it off the event loop.
 */
public final class TableCodeSheet {
  /** Bounds one request's time and memory; a hundred pages is more tables than a restaurant has. */
  public static final int MAX_TABLES = 100 * SheetLayout.TILES_PER_PAGE;
  public static final int TABLES_PER_PAGE = SheetLayout.TILES_PER_PAGE;
  public static final int PNG_DPI = 300;

  private static final int LABEL_GREY = 0;
  private static final int STORE_NAME_GREY = 0x40;
  private static final int FOOTER_GREY = 0x70;
  private static final float CUT_LINE_GREY = 0.7f;
  private static final float CUT_LINE_WIDTH = 0.5f;
  private static final float[] CUT_LINE_DASH = {3f, 3f};

  private final String storeName;
  private final List<TableTile> tiles;
  private final InstalledFonts fonts;

  /**
   * @param tiles the cards in print order
   * @throws IllegalArgumentException for a blank store name, no tiles or more than {@value #MAX_TABLES}
   */
  public TableCodeSheet(String storeName, List<TableTile> tiles) {
    this(storeName, tiles, InstalledFonts.onThisHost());
  }

  TableCodeSheet(String storeName, List<TableTile> tiles, InstalledFonts fonts) {
    if (storeName == null || storeName.isBlank()) {
      throw new IllegalArgumentException("a table code sheet needs the store's name");
    }
    if (tiles == null || tiles.isEmpty()) {
      throw new IllegalArgumentException("a table code sheet needs at least one table");
    }
    if (tiles.size() > MAX_TABLES) {
      throw new IllegalArgumentException("a table code sheet holds at most " + MAX_TABLES + " tables, not "
          + tiles.size());
    }
    this.storeName = storeName.strip();
    this.tiles = List.copyOf(tiles);
    this.fonts = fonts;
  }

  public int pageCount() {
    return SheetLayout.pages(tiles.size());
  }

  /**
   * The sheet as a PDF.
   *
   * @throws IllegalArgumentException when a tile's code image is not an image (the message names its table)
   */
  public byte[] pdf() {
    try (PDDocument document = new PDDocument()) {
      document.getDocumentInformation().setTitle(storeName + " – table codes");
      document.getDocumentInformation().setCreator("TableLoop");
      FontChoice storeFont = fonts.choose(storeName);
      // Drawn once, placed on every card and page: the file stays small however many tables there are.
      PDImageXObject tileStoreName = text(document, storeFont, false, STORE_NAME_GREY, Align.CENTRE,
          SheetLayout.storeName(SheetLayout.tile(0)));
      PDImageXObject footerStoreName = text(document, storeFont, false, FOOTER_GREY, Align.LEFT,
          SheetLayout.footerStoreName());
      int pages = pageCount();
      for (int page = 0; page < pages; page++) {
        PDPage pdfPage = new PDPage(PDRectangle.A4);
        document.addPage(pdfPage);
        try (PDPageContentStream content = new PDPageContentStream(document, pdfPage)) {
          drawCutLines(content);
          int first = page * TABLES_PER_PAGE;
          int last = Math.min(first + TABLES_PER_PAGE, tiles.size());
          for (int index = first; index < last; index++) {
            drawTile(document, content, tiles.get(index), SheetLayout.tile(index - first), tileStoreName);
          }
          place(content, footerStoreName, SheetLayout.footerStoreName());
          place(content, text(document, fonts.choose((page + 1) + " / " + pages), false, FOOTER_GREY, Align.RIGHT,
              SheetLayout.footerPageNumber()), SheetLayout.footerPageNumber());
        }
      }
      ByteArrayOutputStream pdf = new ByteArrayOutputStream();
      document.save(pdf);
      return pdf.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the table code sheet in memory", e);
    }
  }

  /** One page of the sheet as a {@value #PNG_DPI} dpi PNG, for printers and shops that take images. */
  public byte[] pagePng(int pageNumber) {
    if (pageNumber < 1 || pageNumber > pageCount()) {
      throw new IllegalArgumentException("the sheet has pages 1 to " + pageCount() + ", not " + pageNumber);
    }
    try (PDDocument document = Loader.loadPDF(pdf())) {
      BufferedImage page = new PDFRenderer(document).renderImageWithDPI(pageNumber - 1, PNG_DPI, ImageType.RGB);
      return PlainQrCode.toPng(page);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot render the table code sheet in memory", e);
    }
  }

  private void drawTile(PDDocument document, PDPageContentStream content, TableTile tile, Box box,
      PDImageXObject storeNameLine) throws IOException {
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(tile.codeImage()));
    if (image == null) {
      throw new IllegalArgumentException("the code image of table " + tile.label() + " is not an image");
    }
    BufferedImage code = CodeArtwork.trimmedToInk(image);
    Box codeBox = fit(SheetLayout.code(box), code.getWidth(), code.getHeight());
    content.drawImage(LosslessFactory.createFromImage(document, code), codeBox.x(), codeBox.y(), codeBox.width(),
        codeBox.height());
    Box labelBox = SheetLayout.label(box);
    place(content, text(document, fonts.choose(tile.label()), true, LABEL_GREY, Align.CENTRE, labelBox), labelBox);
    place(content, storeNameLine, SheetLayout.storeName(box));
  }

  private static void drawCutLines(PDPageContentStream content) throws IOException {
    content.saveGraphicsState();
    content.setStrokingColor(CUT_LINE_GREY);
    content.setLineWidth(CUT_LINE_WIDTH);
    content.setLineDashPattern(CUT_LINE_DASH, 0);
    for (float[] line : SheetLayout.cutLines()) {
      content.moveTo(line[0], line[1]);
      content.lineTo(line[2], line[3]);
    }
    content.stroke();
    content.restoreGraphicsState();
  }

  private static PDImageXObject text(PDDocument document, FontChoice font, boolean bold, int grey, Align align,
      Box box) throws IOException {
    return LosslessFactory.createFromImage(document,
        TextStrip.draw(font, bold, grey, align, box.width(), box.height()));
  }

  private static void place(PDPageContentStream content, PDImageXObject image, Box box) throws IOException {
    content.drawImage(image, box.x(), box.y(), box.width(), box.height());
  }

  /** The largest box of the image's proportions centred in {@code box}: a code is never stretched. */
  private static Box fit(Box box, int imageWidth, int imageHeight) {
    float scale = Math.min(box.width() / imageWidth, box.height() / imageHeight);
    float width = imageWidth * scale;
    float height = imageHeight * scale;
    return new Box(box.x() + (box.width() - width) / 2, box.y() + (box.height() - height) / 2, width, height);
  }
}
