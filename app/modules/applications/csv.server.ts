import iconv from "iconv-lite";
import { csv } from "./applications.rules";

/**
 * The spreadsheets the site hands out (rosters, a school's hours), in one of two encodings: UTF-8 with a BOM,
 * which current Excel opens correctly, or Shift_JIS (CP932, which also has ① and 髙) for older Excel that reads
 * a CSV as Shift_JIS whatever it holds. Characters CP932 lacks become "?".
 */
export type CsvEncoding = "utf8" | "sjis";

/** `?encoding=sjis` asks for Shift_JIS; anything else (or nothing) is UTF-8. */
export function csvEncoding(param: string | null): CsvEncoding {
  return param === "sjis" ? "sjis" : "utf8";
}

/** The rows as the bytes of a CSV file in the chosen encoding (CRLF line ends, formulas neutralised). */
export function encodeCsv(rows: (string | number | null | undefined)[][], encoding: CsvEncoding): Buffer {
  const text = csv(rows);
  return encoding === "utf8" ? Buffer.from(text, "utf8") : iconv.encode(text.replace(/^\uFEFF/, ""), "cp932");
}

/** The headers of a CSV download: its encoding named, a file name (with `-sjis` for Shift_JIS), never cached. */
export function csvDownloadHeaders(baseName: string, encoding: CsvEncoding): HeadersInit {
  return {
    "Content-Type": `text/csv; charset=${encoding === "sjis" ? "Shift_JIS" : "utf-8"}`,
    "Content-Disposition": `attachment; filename="${baseName}${encoding === "sjis" ? "-sjis" : ""}.csv"`,
    "Cache-Control": "no-store",
  };
}
