import { decodeText, parseCsv } from "~/server/import/postings-import";
import { parseForm } from "~/utils/form";
import { AreaSchema, type AreaInput } from "./recruitment.schema";

/**
 * The seat board's CSV: the columns below (Japanese or English headers), one row per 担当区域. Pure: the
 * districts are passed in. Every problem is reported with its line and field; the caller saves nothing unless
 * there are none.
 */
export const CSV_HEADERS = ["地区", "担当区域", "定数", "現員", "世帯数", "任期満了日", "続ける", "辞める", "未定"] as const;
const EN_HEADERS = ["district", "area", "seats", "serving", "households", "term_end", "continue", "leave", "undecided"] as const;
const FIELDS = ["districtId", "name", "seats", "serving", "households", "termEndsOn", "intendContinue", "intendLeave", "intendUndecided"] as const;
const REQUIRED = new Set(["districtId", "name", "seats", "serving"]);

export interface SeatsCsvProblem {
  line: number;
  /** A column header as written in CSV_HEADERS, or "" for the row or file as a whole. */
  column: string;
  /** A message key of the catalogues (with `?var=value`). */
  message: string;
}

const norm = (s: string) => s.normalize("NFKC").trim().toLowerCase().replace(/[\s_\-]/g, "");

export function readSeatsCsv(bytes: Uint8Array, districts: readonly { id: number; code: string; name_ja: string; name_en: string }[]): { areas: AreaInput[]; problems: SeatsCsvProblem[] } {
  const problems: SeatsCsvProblem[] = [];
  const { records, problems: csvProblems } = parseCsv(decodeText(bytes).text);
  for (const p of csvProblems) problems.push({ line: p.line, column: "", message: "recruitment.csv.unreadable" });
  const [header, ...rows] = records;
  if (!header) return { areas: [], problems: [...problems, { line: 1, column: "", message: "recruitment.csv.empty" }] };
  const index = new Map<string, number>();
  header.fields.forEach((h, i) => {
    const k = norm(h);
    const at = CSV_HEADERS.findIndex((c, j) => norm(c) === k || norm(EN_HEADERS[j]) === k);
    if (at >= 0) index.set(FIELDS[at], i);
  });
  const missing = FIELDS.map((f, i) => [f, CSV_HEADERS[i]] as const).filter(([f]) => REQUIRED.has(f) && !index.has(f));
  if (missing.length) return { areas: [], problems: [...problems, { line: header.line, column: "", message: `recruitment.csv.missingColumns?columns=${missing.map(([, h]) => h).join("、")}` }] };

  const districtByKey = new Map<string, number>();
  for (const d of districts) for (const k of [d.code, d.name_ja, d.name_en]) districtByKey.set(norm(k), d.id);
  const areas: AreaInput[] = [];
  const seen = new Map<string, number>();
  for (const row of rows) {
    const cell = (f: (typeof FIELDS)[number]) => (index.has(f) ? (row.fields[index.get(f)!] ?? "").trim() : "");
    const form = new FormData();
    for (const f of FIELDS) if (f !== "districtId") form.set(f, cell(f));
    const districtText = cell("districtId");
    const districtId = districtByKey.get(norm(districtText));
    if (districtText === "") problems.push({ line: row.line, column: CSV_HEADERS[0], message: "v.required" });
    else if (districtId === undefined) problems.push({ line: row.line, column: CSV_HEADERS[0], message: `recruitment.csv.unknownDistrict?value=${districtText.slice(0, 40)}` });
    form.set("districtId", String(districtId ?? 1));
    const parsed = parseForm(AreaSchema, form);
    if (!parsed.success) {
      for (const [field, messages] of Object.entries(parsed.failure.errors)) {
        const column = CSV_HEADERS[FIELDS.indexOf(field as (typeof FIELDS)[number])] ?? "";
        for (const message of messages) problems.push({ line: row.line, column, message });
      }
      continue;
    }
    if (districtId === undefined) continue;
    const key = `${districtId}\u0000${parsed.data.name}`;
    if (seen.has(key)) {
      problems.push({ line: row.line, column: CSV_HEADERS[1], message: `recruitment.csv.duplicate?line=${seen.get(key)}` });
      continue;
    }
    seen.set(key, row.line);
    areas.push({ ...parsed.data, districtId });
  }
  if (rows.length === 0 && problems.length === 0) problems.push({ line: header.line, column: "", message: "recruitment.csv.empty" });
  return { areas, problems };
}
