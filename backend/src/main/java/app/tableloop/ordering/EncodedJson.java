package app.tableloop.ordering;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A JSON value encoded once and kept as its UTF-8 bytes only, for Jackson to copy into answers as a raw value. A
 * {@link SerializedString} would keep the text beside its bytes, and the text of an order whose dish names are
 * Chinese is UTF-16, twice the bytes: the orders' cached JSON was half of the live heap. Answers are written as UTF-8
 * and copy the bytes; a writer of text (the live feeds' messages) decodes them.
 */
final class EncodedJson implements SerializableString {
  private final byte[] utf8;

  EncodedJson(String json) {
    this.utf8 = json.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public String getValue() {
    return new String(utf8, StandardCharsets.UTF_8);
  }

  @Override
  public int charLength() {
    return getValue().length();
  }

  @Override
  public byte[] asUnquotedUTF8() {
    return utf8.clone();
  }

  @Override
  public int appendUnquotedUTF8(byte[] buffer, int offset) {
    if (offset + utf8.length > buffer.length) {
      return -1;
    }
    System.arraycopy(utf8, 0, buffer, offset, utf8.length);
    return utf8.length;
  }

  /** Never into a writer's buffer: the writer then writes {@link #getValue()}. */
  @Override
  public int appendUnquoted(char[] buffer, int offset) {
    return -1;
  }

  @Override
  public int writeUnquotedUTF8(OutputStream out) throws IOException {
    out.write(utf8);
    return utf8.length;
  }

  @Override
  public int putUnquotedUTF8(ByteBuffer buffer) {
    if (utf8.length > buffer.remaining()) {
      return -1;
    }
    buffer.put(utf8);
    return utf8.length;
  }

  // A raw value is never written quoted; should it be, it is quoted as its text would be.

  @Override
  public char[] asQuotedChars() {
    return quoted().asQuotedChars();
  }

  @Override
  public byte[] asQuotedUTF8() {
    return quoted().asQuotedUTF8();
  }

  @Override
  public int appendQuotedUTF8(byte[] buffer, int offset) {
    return quoted().appendQuotedUTF8(buffer, offset);
  }

  @Override
  public int appendQuoted(char[] buffer, int offset) {
    return quoted().appendQuoted(buffer, offset);
  }

  @Override
  public int writeQuotedUTF8(OutputStream out) throws IOException {
    return quoted().writeQuotedUTF8(out);
  }

  @Override
  public int putQuotedUTF8(ByteBuffer buffer) throws IOException {
    return quoted().putQuotedUTF8(buffer);
  }

  private SerializedString quoted() {
    return new SerializedString(getValue());
  }

  @Override
  public String toString() {
    return getValue();
  }
}
