// Money is integer fen end to end; this is the one place it becomes text. Integer arithmetic only: no rounding.

/** 1250 → "¥12.50", -5 → "-¥0.05". Refuses anything but a whole number of fen. */
function formatFen(fen) {
  if (!Number.isSafeInteger(fen)) {
    throw new TypeError(`money must be a whole number of fen, got ${fen}`);
  }
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const cents = abs % 100;
  const yuan = (abs - cents) / 100; // exact: a multiple of 100 divided by 100

  return `${sign}¥${yuan}.${cents < 10 ? '0' : ''}${cents}`;
}

/** The same amount without zero cents, for offers and packages: 10000 → "¥100", 1050 → "¥10.50". */
function formatFenShort(fen) {
  const full = formatFen(fen);
  return fen % 100 === 0 ? full.slice(0, -3) : full;
}

/** What a person typed as yuan ("12", "12.5", "12.50") as fen, exactly; null when it is no such amount. */
function parseYuan(text) {
  const match = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(String(text).trim());
  if (!match) {
    return null;
  }
  const cents = match[2] ? Number(match[2].padEnd(2, '0')) : 0;
  return Number(match[1]) * 100 + cents;
}

module.exports = { formatFen, formatFenShort, parseYuan };
