package app.tableloop.tenancy.qr;

/**
 * One table's card on a sheet: its label as staff know it ("A12", "A12 窗边") and its code image, a WeChat
 * mini-program code or a {@link PlainQrCode}, as PNG (or any image ImageIO reads, such as JPEG).
 */
public record TableTile(String label, byte[] codeImage) {

  public TableTile {
    if (label == null || label.isBlank()) {
      throw new IllegalArgumentException("a table tile needs the table's label");
    }
    if (codeImage == null || codeImage.length == 0) {
      throw new IllegalArgumentException("table " + label + " has no code image");
    }
    // One line on the card: a pasted tab or line break would draw as a box.
    label = label.strip().replaceAll("\\s+", " ");
    codeImage = codeImage.clone();
  }

  @Override
  public byte[] codeImage() {
    return codeImage.clone();
  }
}
