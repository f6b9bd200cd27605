import iconv from "iconv-lite";

/**
 * How a CSV (made with `csv()`, UTF-8 with a BOM) leaves the server: as it is, or in Shift_JIS (CP932) for
 * older Excel, which shows UTF-8 without asking only when the BOM is there and reads Shift_JIS by default.
 * Characters CP932 lacks become "?".
 */
export type CsvEncoding = "utf8" | "sjis";

/** `?encoding=sjis` asks for Shift_JIS; anything else (or nothing) is UTF-8. */
export function csvEncoding(param: string | null): CsvEncoding {
  return param === "sjis" ? "sjis" : "utf8";
}

/** The encoding a download's address asks for (see csvEncoding). */
export function csvEncodingOf(url: URL): CsvEncoding {
  return csvEncoding(url.searchParams.get("encoding"));
}

/**
 * Characters that JIS and Windows map differently: Japanese text typed on a Mac or in a browser holds the first
 * (〜 WAVE DASH in 「18〜22歳」), CP932 has only the second (～ FULLWIDTH TILDE), so without this they become "?".
 */
const CP932_FORMS: Record<string, string> = { "\u301C": "\uFF5E", "\u2016": "\u2225", "\u2212": "\uFF0D", "\u00A2": "\uFFE0", "\u00A3": "\uFFE1", "\u00AC": "\uFFE2", "\u2014": "\u2015" };
const NOT_IN_CP932 = new RegExp(`[${Object.keys(CP932_FORMS).join("")}]`, "g");

export function encodeCsv(text: string, encoding: CsvEncoding): Buffer {
  if (encoding === "utf8") return Buffer.from(text, "utf8");
  return iconv.encode(text.replace(/^\uFEFF/, "").replace(NOT_IN_CP932, (c) => CP932_FORMS[c]), "cp932");
}

/** The headers of a CSV download: its charset, a file name ending "-sjis" for Shift_JIS, never cached. */
export function csvDownloadHeaders(baseName: string, encoding: CsvEncoding): Record<string, string> {
  return {
    "Content-Type": `text/csv; charset=${encoding === "sjis" ? "Shift_JIS" : "utf-8"}`,
    "Content-Disposition": `attachment; filename="${baseName}${encoding === "sjis" ? "-sjis" : ""}.csv"`,
    "Cache-Control": "no-store",
  };
}

/** A download response for a CSV (text from `csv()`, or bytes already encoded). */
export function csvResponse(body: string | Buffer, encoding: CsvEncoding, baseName: string): Response {
  return new Response(new Uint8Array(typeof body === "string" ? encodeCsv(body, encoding) : body), { headers: csvDownloadHeaders(baseName, encoding) });
}
