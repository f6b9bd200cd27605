import iconv from "iconv-lite";

/**
 * How a CSV (made with `csv()`, UTF-8 with a BOM) leaves the server: as it is, or in Shift_JIS (CP932) for
 * older Excel, which shows UTF-8 without asking only when the BOM is there and reads Shift_JIS by default.
 * Characters CP932 lacks become "?".
 */
export type CsvEncoding = "utf8" | "sjis";

/** `?encoding=sjis` asks for Shift_JIS; anything else (or nothing) is UTF-8. */
export function csvEncodingOf(url: URL): CsvEncoding {
  return url.searchParams.get("encoding") === "sjis" ? "sjis" : "utf8";
}

export function encodeCsv(text: string, encoding: CsvEncoding): Buffer {
  return encoding === "utf8" ? Buffer.from(text, "utf8") : iconv.encode(text.replace(/^\uFEFF/, ""), "cp932");
}

/**
 * A download response for a CSV (text from `csv()`, or bytes already encoded): the charset it is in, a file name
 * ending "-sjis" for Shift_JIS, never cached.
 */
export function csvResponse(body: string | Buffer, encoding: CsvEncoding, baseName: string): Response {
  return new Response(new Uint8Array(typeof body === "string" ? encodeCsv(body, encoding) : body), {
    headers: {
      "Content-Type": `text/csv; charset=${encoding === "sjis" ? "Shift_JIS" : "utf-8"}`,
      "Content-Disposition": `attachment; filename="${baseName}${encoding === "sjis" ? "-sjis" : ""}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
