import { describe, expect, it } from "vitest";
import { csvEncodingOf, csvResponse, encodeCsv } from "./csv-file.server";

const text = "\uFEFF区分,人数\r\n高見,12\r\n";

describe("CSV files", () => {
  it("keeps UTF-8 with its BOM, and writes Shift_JIS without one", () => {
    const utf8 = encodeCsv(text, "utf8");
    expect([...utf8.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const sjis = encodeCsv(text, "sjis");
    expect(new TextDecoder("shift_jis", { fatal: true }).decode(sjis)).toBe("区分,人数\r\n高見,12\r\n");
  });

  it("writes the JIS forms of the wave dash and minus as Windows has them, rather than as question marks", () => {
    const sjis = encodeCsv("\uFEFF年齢,増減\r\n18〜22歳,−3\r\n", "sjis");
    expect(new TextDecoder("shift_jis", { fatal: true }).decode(sjis)).toBe("年齢,増減\r\n18～22歳,－3\r\n");
    expect(sjis.includes(0x3f)).toBe(false);
  });

  it("reads the encoding from the query, UTF-8 unless Shift_JIS is asked for", () => {
    expect(csvEncodingOf(new URL("http://x/a.csv?encoding=sjis"))).toBe("sjis");
    expect(csvEncodingOf(new URL("http://x/a.csv?encoding=latin1"))).toBe("utf8");
    expect(csvEncodingOf(new URL("http://x/a.csv"))).toBe("utf8");
  });

  it("answers a download with the charset and a file name that says which", async () => {
    const res = csvResponse(text, "sjis", "report-2026-newcomers");
    expect(res.headers.get("Content-Type")).toBe("text/csv; charset=Shift_JIS");
    expect(res.headers.get("Content-Disposition")).toBe('attachment; filename="report-2026-newcomers-sjis.csv"');
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    expect(new TextDecoder("shift_jis").decode(await res.arrayBuffer())).toContain("高見,12");
  });
});
