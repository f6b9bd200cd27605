/**
 * Reading a file of volunteer postings for bulk import: decoding (UTF-8 with or without BOM, Shift_JIS as
 * Excel in Japan saves it), CSV (RFC 4180) or JSON Lines, mapping Japanese or English headers to fields,
 * and checking every posting with the same form schema as the web form. Pure: no database, no files; the
 * catalogue (categories, districts, places) is passed in.
 */
import iconv from "iconv-lite";
import { postingSchema, type PostingInput } from "~/modules/postings/postings.schema";
import { parseForm } from "~/utils/form";
import { translateMessage } from "~/utils/translate";
import { asciiDigits } from "~/utils/zod-number";

// ───────────────────────────── Fields and headers ─────────────────────────────

export const FIELD_NAMES = [
  "title",
  "description",
  "category",
  "tags",
  "district",
  "place",
  "address",
  "latitude",
  "longitude",
  "minimumAge",
  "welcomesMinors",
  "whatToBring",
  "meetingPoint",
  "contactName",
  "date",
  "start",
  "end",
  "capacity",
  "shifts",
] as const;
export type FieldName = (typeof FIELD_NAMES)[number];

/** The Japanese header (as in the example file), the English name, and other spellings accepted. */
export const FIELDS: Record<FieldName, { ja: string; en: string; aliases: string[] }> = {
  title: { ja: "タイトル", en: "title", aliases: ["題名", "募集タイトル", "件名"] },
  description: { ja: "説明", en: "description", aliases: ["内容", "活動内容", "詳細"] },
  category: { ja: "分野", en: "category", aliases: ["カテゴリ", "カテゴリー", "category_code"] },
  tags: { ja: "タグ", en: "tags", aliases: ["tag"] },
  district: { ja: "地域", en: "district", aliases: ["地区", "district_code"] },
  place: { ja: "場所", en: "place", aliases: ["会場", "活動場所", "place_name"] },
  address: { ja: "住所", en: "address", aliases: ["所在地", "place_address"] },
  latitude: { ja: "緯度", en: "latitude", aliases: ["lat"] },
  longitude: { ja: "経度", en: "longitude", aliases: ["lng", "lon"] },
  minimumAge: { ja: "最低年齢", en: "minimum_age", aliases: ["対象年齢", "年齢"] },
  welcomesMinors: { ja: "高校生歓迎", en: "welcomes_minors", aliases: ["18歳未満歓迎", "中高生歓迎"] },
  whatToBring: { ja: "持ち物", en: "what_to_bring", aliases: ["持ちもの"] },
  meetingPoint: { ja: "集合場所", en: "meeting_point", aliases: ["集合"] },
  contactName: { ja: "担当者", en: "contact_name", aliases: ["担当", "連絡先担当者", "contact"] },
  date: { ja: "日付", en: "date", aliases: ["日にち", "活動日", "shift_date"] },
  start: { ja: "開始", en: "start", aliases: ["開始時刻", "開始時間", "start_time"] },
  end: { ja: "終了", en: "end", aliases: ["終了時刻", "終了時間", "end_time"] },
  capacity: { ja: "定員", en: "capacity", aliases: ["募集人数", "人数"] },
  shifts: { ja: "日程", en: "shifts", aliases: ["日時"] },
};

/** How a header is compared: full-width letters as ASCII, case, spaces, `_` and `-` ignored. */
function headerKey(header: string): string {
  return header
    .replace(/^\uFEFF/, "")
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\s_\-*＊※]+/g, "");
}

const HEADER_INDEX: Map<string, FieldName> = (() => {
  const map = new Map<string, FieldName>();
  for (const name of FIELD_NAMES) {
    const f = FIELDS[name];
    for (const spelling of [f.ja, f.en, name, ...f.aliases]) map.set(headerKey(spelling), name);
  }
  return map;
})();

/** The field a header names: `タイトル`, `title`, `Minimum age`, `最低年齢（歳）` …; null when unknown. */
export function fieldForHeader(header: string): FieldName | null {
  const key = headerKey(header);
  if (!key) return null;
  const direct = HEADER_INDEX.get(key);
  if (direct) return direct;
  // A note in brackets after the name: 「最低年齢（歳）」, 「タイトル (title)」.
  const bare = headerKey(header.normalize("NFKC").replace(/\s*[(\[【].*$/, ""));
  return (bare && HEADER_INDEX.get(bare)) || null;
}

export function fieldLabel(field: string): string {
  return field in FIELDS ? `${FIELDS[field as FieldName].ja} (${FIELDS[field as FieldName].en})` : field;
}

// ───────────────────────────── Messages ─────────────────────────────

/** Messages of the importer itself (the form's own messages come from the locale catalogues). */
const IMPORT_MESSAGES: Record<string, { ja: string; en: string }> = {
  "import.unknownCategory": {
    ja: "分野「{value}」が見つかりません。コードか名前で入力してください（{choices}）。",
    en: 'unknown category "{value}"',
  },
  "import.unknownDistrict": {
    ja: "地域「{value}」が見つかりません。コードか名前で入力してください（{choices}）。",
    en: 'unknown district "{value}"',
  },
  "import.boolean": {
    ja: "「{value}」は読めません。はい／いいえ（yes/no、1/0、○/×）で入力してください。",
    en: 'not a yes/no value: "{value}"',
  },
  "import.shiftsFormat": {
    ja: "日程「{value}」を読めません。「2026-12-05 09:00-11:00 10」のように、日付・開始-終了・定員を書いてください（複数は ; で区切る）。",
    en: 'cannot read shift "{value}"',
  },
  "import.unterminatedQuote": {
    ja: "ダブルクォート（\"）が閉じられていません。この行以降を読めませんでした。",
    en: "unterminated quoted field",
  },
  "import.tooManyCells": {
    ja: "見出しより列が多い行です（{count}列。見出しは{columns}列）。",
    en: "more cells than headers",
  },
  "import.missingColumns": {
    ja: "必要な列がありません：{columns}",
    en: "missing columns",
  },
  "import.duplicateColumn": {
    ja: "同じ項目の列が2つあります：{columns}",
    en: "duplicate column",
  },
  "import.noPostings": {
    ja: "取り込む募集がありません。",
    en: "no postings in the file",
  },
  "import.json": {
    ja: "JSONとして読めません（{detail}）。",
    en: "invalid JSON",
  },
  "import.jsonObject": {
    ja: "1行に1つのJSONオブジェクト（{ … }）を書いてください。",
    en: "each line must be a JSON object",
  },
  "import.jsonValue": {
    ja: "この項目には文字列か数値を書いてください。",
    en: "expected a string or a number",
  },
  "import.jsonShifts": {
    ja: "shifts は [{ \"date\": …, \"start\": …, \"end\": …, \"capacity\": … }] の形で書いてください。",
    en: "shifts must be a list of {date, start, end, capacity}",
  },
  "import.continuationConflict": {
    ja: "説明が空でタイトルが前の募集と同じため、前の募集の日程の追加として読みました。この行の「{column}」が前の募集と違います。別の募集にする場合は説明を入力してください。",
    en: "extra shift row differs from the posting above",
  },
  "import.continuationNoShift": {
    ja: "説明が空でタイトルが前の募集と同じため日程の追加として読みましたが、日程がありません。",
    en: "extra shift row without a shift",
  },
};

function fill(template: string, vars: URLSearchParams): string {
  return template.replace(/\{(\w+)\}/g, (m, name: string) => vars.get(name) ?? m);
}

/** Text of an encoded message (`v.tooShort?min=20`, `import.unknownCategory?value=…`) in Japanese or English. */
export function describeMessage(locale: "ja" | "en", message: string): string {
  const [key, query] = message.split("?", 2);
  const own = IMPORT_MESSAGES[key];
  if (own) return fill(own[locale], new URLSearchParams(query ?? ""));
  return translateMessage(locale, message);
}

function encode(key: string, vars: Record<string, string | number> = {}): string {
  const query = new URLSearchParams(Object.entries(vars).map(([k, v]) => [k, String(v)])).toString();
  return query ? `${key}?${query}` : key;
}

/** One problem: the line of the file (0 for the file as a whole), the field, and the message. */
export interface ImportProblem {
  line: number;
  /** A field name (`description`, `date` …), or `file` / `json` / `row` for the file or the line as a whole. */
  field: string;
  /** The encoded message key. */
  message: string;
  ja: string;
  en: string;
  /** For a shift: its place in the posting's list, 1-based. */
  shift?: number;
}

function problem(line: number, field: string, message: string, shift?: number): ImportProblem {
  return { line, field, message, ja: describeMessage("ja", message), en: describeMessage("en", message), ...(shift ? { shift } : {}) };
}

/** `5行目 説明 (description): 20文字以上で入力してください。 (Please enter at least 20 characters.)` */
export function formatProblem(p: ImportProblem): string {
  const where = p.line > 0 ? `${p.line}行目` : "ファイル";
  const field = ["file", "row", "json"].includes(p.field) ? "" : ` ${fieldLabel(p.field)}${p.shift ? ` [日程${p.shift}件目]` : ""}`;
  return `${where}${field}: ${p.ja} (${p.en})`;
}

// ───────────────────────────── Decoding ─────────────────────────────

export type TextEncodingName = "utf-8" | "utf-8-bom" | "shift_jis" | "utf-16le" | "utf-16be";

/**
 * Bytes → text. A BOM says UTF-8 (or UTF-16); bytes that are valid UTF-8 are UTF-8; anything else is read as
 * Shift_JIS (Windows code page 932, what Excel in Japan writes for 「CSV（コンマ区切り）」), by iconv-lite, so
 * that it does not depend on the ICU data the runtime was built with. Every CSV import reads its file here.
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncodingName } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: new TextDecoder("utf-8").decode(bytes.subarray(3)), encoding: "utf-8-bom" };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder("utf-16le").decode(bytes.subarray(2)), encoding: "utf-16le" };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder("utf-16be").decode(bytes.subarray(2)), encoding: "utf-16be" };
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes), encoding: "utf-8" };
  } catch {
    return { text: iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), "cp932"), encoding: "shift_jis" };
  }
}

export const ENCODING_LABELS: Record<TextEncodingName, string> = {
  "utf-8": "UTF-8",
  "utf-8-bom": "UTF-8 (BOM付き)",
  shift_jis: "Shift_JIS",
  "utf-16le": "UTF-16",
  "utf-16be": "UTF-16",
};

// ───────────────────────────── CSV ─────────────────────────────

export interface CsvRecord {
  /** The physical line (1-based) on which the record starts. */
  line: number;
  fields: string[];
}

/**
 * RFC 4180 CSV: quoted fields may hold the delimiter, doubled quotes and line breaks; records end with CRLF,
 * LF or CR. Blank lines are skipped. Line breaks inside a field are returned as LF.
 */
export function parseCsv(text: string, delimiter = ","): { records: CsvRecord[]; problems: ImportProblem[] } {
  const records: CsvRecord[] = [];
  const problems: ImportProblem[] = [];
  const s = text.replace(/^\uFEFF/, "");
  let line = 1;
  let recordLine = 1;
  let fields: string[] = [];
  let field = "";
  let quoted = false; // inside a quoted field
  let wasQuoted = false; // the current field started with a quote
  const endField = () => {
    fields.push(field);
    field = "";
    wasQuoted = false;
  };
  const endRecord = () => {
    endField();
    if (!(fields.length === 1 && fields[0] === "")) records.push({ line: recordLine, fields });
    fields = [];
  };
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quoted) {
      if (c === '"') {
        if (s[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else if (c === "\r" || c === "\n") {
        if (c === "\r" && s[i + 1] === "\n") i++;
        field += "\n";
        line++;
      } else field += c;
      continue;
    }
    if (c === '"' && field === "" && !wasQuoted) {
      quoted = true;
      wasQuoted = true;
    } else if (c === delimiter) endField();
    else if (c === "\r" || c === "\n") {
      if (c === "\r" && s[i + 1] === "\n") i++;
      endRecord();
      line++;
      recordLine = line;
    } else field += c; // a stray quote inside an unquoted field is kept as it is
  }
  if (quoted) {
    problems.push(problem(recordLine, "row", "import.unterminatedQuote"));
    return { records, problems };
  }
  if (field !== "" || fields.length || wasQuoted) endRecord();
  return { records, problems };
}

// ───────────────────────────── Records ─────────────────────────────

export interface ShiftText {
  /** The line the shift was read from. */
  line: number;
  date: string;
  start: string;
  end: string;
  capacity: string;
  /** Read from the 日付/開始/終了/定員 columns, or from one 日程 cell. */
  from: "columns" | "shifts";
}

/** One posting as read from the file, every value still text. */
export interface ImportRecord {
  line: number;
  values: Partial<Record<Exclude<FieldName, "date" | "start" | "end" | "capacity" | "shifts">, string>>;
  shifts: ShiftText[];
}

export interface ReadResult {
  format: "csv" | "jsonl";
  encoding: TextEncodingName;
  records: ImportRecord[];
  /** Headers (or JSON keys) that name no field: ignored, reported once. */
  unknownHeaders: string[];
  problems: ImportProblem[];
}

const SHIFT_FIELDS = ["date", "start", "end", "capacity", "shifts"] as const;
const isShiftField = (f: FieldName): f is (typeof SHIFT_FIELDS)[number] => (SHIFT_FIELDS as readonly string[]).includes(f);

const SHIFT_ENTRY = /^(\S+)\s+(\d{1,2}:\d{2}(?::\d{2})?)\s*[-~〜～]\s*(\d{1,2}:\d{2}(?::\d{2})?)\s+(?:定員\s*)?(\d+)\s*(?:人|名)?$/;

/**
 * A 日程 cell: `2026-12-05 09:00-11:00 10; 2026-12-12 9:00〜11:00 8人` (entries split by ; or a line break).
 * Returns the shifts it could read and the entries it could not.
 */
export function parseShiftsCell(cell: string, line: number): { shifts: ShiftText[]; unreadable: string[] } {
  const shifts: ShiftText[] = [];
  const unreadable: string[] = [];
  for (const raw of cell.split(/[;；\n]/)) {
    const entry = asciiDigits(raw.normalize("NFKC")).replace(/\s+/g, " ").trim();
    if (!entry) continue;
    const m = SHIFT_ENTRY.exec(entry);
    if (!m) unreadable.push(raw.trim());
    else shifts.push({ line, date: m[1], start: m[2], end: m[3], capacity: m[4], from: "shifts" });
  }
  return { shifts, unreadable };
}

const REQUIRED_COLUMNS: FieldName[] = ["title", "description", "category", "district", "place", "contactName"];

function missingColumns(present: Set<FieldName>): string[] {
  const missing = REQUIRED_COLUMNS.filter((f) => !present.has(f)).map((f) => FIELDS[f].ja);
  if (!present.has("shifts") && !(present.has("date") && present.has("start") && present.has("end") && present.has("capacity")))
    missing.push("日程（または 日付・開始・終了・定員）");
  return missing;
}

const sameText = (a: string | undefined, b: string | undefined) => (a ?? "").normalize("NFKC").trim() === (b ?? "").normalize("NFKC").trim();

/**
 * CSV text → postings. The first record is the header. A row whose 説明 is empty and whose タイトル is the same
 * as the posting above (or also empty, as Excel writes merged cells) adds its shifts to that posting.
 */
export function readCsv(text: string): Omit<ReadResult, "format" | "encoding"> {
  const firstLine = text.replace(/^\uFEFF/, "").split(/\r\n|\n|\r/, 1)[0] ?? "";
  const delimiter = firstLine.includes("\t") && !firstLine.includes(",") ? "\t" : ",";
  const { records: rows, problems } = parseCsv(text, delimiter);
  const result = { records: [] as ImportRecord[], unknownHeaders: [] as string[], problems };
  if (!rows.length) {
    problems.push(problem(0, "file", "import.noPostings"));
    return result;
  }
  const [header, ...data] = rows;
  const columns: (FieldName | null)[] = header.fields.map((h) => fieldForHeader(h));
  header.fields.forEach((h, i) => {
    if (!columns[i] && h.trim()) result.unknownHeaders.push(h.trim());
  });
  const present = new Set(columns.filter((c): c is FieldName => c !== null));
  const duplicates = [...present].filter((f) => columns.filter((c) => c === f).length > 1);
  if (duplicates.length) problems.push(problem(header.line, "file", encode("import.duplicateColumn", { columns: duplicates.map((f) => FIELDS[f].ja).join("、") })));
  const missing = missingColumns(present);
  if (missing.length) problems.push(problem(header.line, "file", encode("import.missingColumns", { columns: missing.join("、") })));
  if (duplicates.length || missing.length) return result;

  let previous: ImportRecord | null = null;
  for (const row of data) {
    if (row.fields.every((v) => v.trim() === "")) continue; // Excel writes empty rows as ",,,,"
    const values: ImportRecord["values"] = {};
    const cells: Partial<Record<FieldName, string>> = {};
    row.fields.forEach((value, i) => {
      const f = columns[i];
      if (f) cells[f] = value;
    });
    const extra = row.fields.slice(header.fields.length).filter((v) => v.trim() !== "");
    if (extra.length) problems.push(problem(row.line, "row", encode("import.tooManyCells", { count: row.fields.length, columns: header.fields.length })));
    for (const f of FIELD_NAMES) if (!isShiftField(f) && cells[f] !== undefined) values[f] = cells[f];

    const shifts: ShiftText[] = [];
    const d = cells.date ?? "";
    const st = cells.start ?? "";
    const en = cells.end ?? "";
    const cap = cells.capacity ?? "";
    if ([d, st, en, cap].some((v) => v.trim() !== "")) shifts.push({ line: row.line, date: d, start: st, end: en, capacity: cap, from: "columns" });
    if (cells.shifts?.trim()) {
      const read = parseShiftsCell(cells.shifts, row.line);
      shifts.push(...read.shifts);
      for (const entry of read.unreadable) problems.push(problem(row.line, "shifts", encode("import.shiftsFormat", { value: entry })));
    }

    const title = (values.title ?? "").trim();
    const continues =
      previous !== null &&
      !(values.description ?? "").trim() &&
      (sameText(title, previous.values.title) || (title === "" && shifts.length > 0));
    if (continues && previous) {
      for (const f of FIELD_NAMES) {
        if (isShiftField(f) || f === "title" || f === "description") continue;
        const v = values[f];
        if (v !== undefined && v.trim() !== "" && !sameText(v, previous.values[f]))
          problems.push(problem(row.line, f, encode("import.continuationConflict", { column: FIELDS[f].ja })));
      }
      if (!shifts.length) problems.push(problem(row.line, "shifts", "import.continuationNoShift"));
      previous.shifts.push(...shifts);
      continue;
    }
    previous = { line: row.line, values, shifts };
    result.records.push(previous);
  }
  if (!result.records.length && !problems.length) problems.push(problem(0, "file", "import.noPostings"));
  return result;
}

/** JSON Lines: one object per line with the English field names and `shifts: [{ date, start, end, capacity }]`. */
export function readJsonl(text: string): Omit<ReadResult, "format" | "encoding"> {
  const result = { records: [] as ImportRecord[], unknownHeaders: [] as string[], problems: [] as ImportProblem[] };
  const unknown = new Set<string>();
  const lines = text.replace(/^\uFEFF/, "").split(/\r\n|\n|\r/);
  lines.forEach((raw, index) => {
    const line = index + 1;
    if (!raw.trim()) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch (error) {
      result.problems.push(problem(line, "json", encode("import.json", { detail: error instanceof Error ? error.message : String(error) })));
      return;
    }
    if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) {
      result.problems.push(problem(line, "json", "import.jsonObject"));
      return;
    }
    const record: ImportRecord = { line, values: {}, shifts: [] };
    const single: Partial<Record<"date" | "start" | "end" | "capacity", string>> = {};
    for (const [key, value] of Object.entries(parsed as Record<string, unknown>)) {
      const f = fieldForHeader(key);
      if (!f) {
        unknown.add(key);
        continue;
      }
      if (f === "shifts") {
        if (typeof value === "string") {
          const read = parseShiftsCell(value, line);
          record.shifts.push(...read.shifts);
          for (const entry of read.unreadable) result.problems.push(problem(line, "shifts", encode("import.shiftsFormat", { value: entry })));
        } else if (Array.isArray(value) && value.every((s) => s && typeof s === "object" && !Array.isArray(s))) {
          for (const s of value as Record<string, unknown>[]) {
            const part: Partial<Record<FieldName, string>> = {};
            for (const [k, v] of Object.entries(s)) {
              const sf = fieldForHeader(k);
              if (sf && v !== null && v !== undefined && typeof v !== "object") part[sf] = String(v);
            }
            record.shifts.push({ line, date: part.date ?? "", start: part.start ?? "", end: part.end ?? "", capacity: part.capacity ?? "", from: "columns" });
          }
        } else if (value !== null && value !== undefined) result.problems.push(problem(line, "shifts", "import.jsonShifts"));
        continue;
      }
      let text: string;
      if (value === null || value === undefined) text = "";
      else if (f === "tags" && Array.isArray(value) && value.every((t) => typeof t === "string")) text = value.join(",");
      else if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") text = String(value);
      else {
        result.problems.push(problem(line, f, "import.jsonValue"));
        continue;
      }
      if (f === "date" || f === "start" || f === "end" || f === "capacity") single[f] = text;
      else record.values[f] = text;
    }
    if (Object.values(single).some((v) => v && v.trim() !== ""))
      record.shifts.push({ line, date: single.date ?? "", start: single.start ?? "", end: single.end ?? "", capacity: single.capacity ?? "", from: "columns" });
    result.records.push(record);
  });
  result.unknownHeaders = [...unknown];
  if (!result.records.length && !result.problems.length) result.problems.push(problem(0, "file", "import.noPostings"));
  return result;
}

/** JSON Lines for `.jsonl` / `.ndjson` (or text starting with `{`), CSV otherwise. */
export function detectFormat(fileName: string, text: string): "csv" | "jsonl" {
  if (/\.(jsonl|ndjson)$/i.test(fileName)) return "jsonl";
  if (/\.(csv|tsv|txt)$/i.test(fileName)) return "csv";
  return text.replace(/^\uFEFF/, "").trimStart().startsWith("{") ? "jsonl" : "csv";
}

/** A file's bytes → postings as text, with the problems found while reading. */
export function readImportFile(bytes: Uint8Array, fileName: string): ReadResult {
  const { text, encoding } = decodeText(bytes);
  const format = detectFormat(fileName, text);
  return { format, encoding, ...(format === "jsonl" ? readJsonl(text) : readCsv(text)) };
}

// ───────────────────────────── Values ─────────────────────────────

/** `2026/12/5`, `２０２６－１２－０５`, `2026年12月5日`, `2026.12.5` → `2026-12-05`; null when not a real date. */
export function normaliseDate(value: string): string | null {
  const v = asciiDigits(value.normalize("NFKC")).trim();
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s*\(.\))?$/.exec(v);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return `${m[1]}-${String(mo).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/** `9:00`, `０９：００`, `9:00:00`, `9時30分` → `09:00`; null when not a time of day. */
export function normaliseTime(value: string): string | null {
  const v = asciiDigits(value.normalize("NFKC")).trim();
  const m = /^(\d{1,2})(?::(\d{2})(?::00)?|時(?:(\d{1,2})分?)?)$/.exec(v);
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2] ?? m[3] ?? 0);
  if (h > 23 || min > 59) return null;
  return `${String(h).padStart(2, "0")}:${String(min).padStart(2, "0")}`;
}

const TRUE_WORDS = new Set(["はい", "yes", "y", "true", "1", "○", "〇", "◯", "可", "歓迎", "on"]);
const FALSE_WORDS = new Set(["いいえ", "no", "n", "false", "0", "×", "✕", "✖", "不可", "off", "-"]);

/** はい/いいえ, yes/no, true/false, 1/0, ○/× (any case, full-width too); blank is "no"; null when unreadable. */
export function parseBoolean(value: string): boolean | null {
  const v = asciiDigits(value.normalize("NFKC")).trim().toLowerCase();
  if (v === "" || FALSE_WORDS.has(v)) return false;
  if (TRUE_WORDS.has(v)) return true;
  return null;
}

// ───────────────────────────── Validation ─────────────────────────────

export interface CatalogueEntry {
  id: number;
  code: string;
  name_ja: string;
  name_en: string;
}

export interface CataloguePlace {
  id: number;
  name_ja: string;
  name_en: string;
  address: string;
  latitude: number | null;
  longitude: number | null;
}

/** The lists names are resolved against: active categories, districts, active places. */
export interface Catalogue {
  categories: CatalogueEntry[];
  districts: CatalogueEntry[];
  places: CataloguePlace[];
}

const nameKey = (s: string) => s.normalize("NFKC").trim().replace(/\s+/g, " ").toLowerCase();

function findEntry(list: CatalogueEntry[], value: string): CatalogueEntry | undefined {
  const key = nameKey(value);
  return list.find((e) => nameKey(e.code) === key || nameKey(e.name_ja) === key || nameKey(e.name_en) === key);
}

export function findPlace(places: CataloguePlace[], value: string): CataloguePlace | undefined {
  const key = nameKey(value);
  return places.find((p) => nameKey(p.name_ja) === key || (p.name_en !== "" && nameKey(p.name_en) === key));
}

export interface ValidPosting {
  line: number;
  input: PostingInput;
  /** The known place the posting is held at, or null for a place named in the file. */
  place: CataloguePlace | null;
}

/** Where a form error belongs: the file's field for a form field. */
const FORM_FIELD_TO_IMPORT: Record<string, FieldName> = {
  title: "title",
  description: "description",
  categoryId: "category",
  tags: "tags",
  districtId: "district",
  placeId: "place",
  placeName: "place",
  placeAddress: "address",
  latitude: "latitude",
  longitude: "longitude",
  minimumAge: "minimumAge",
  welcomesMinors: "welcomesMinors",
  whatToBring: "whatToBring",
  meetingPoint: "meetingPoint",
  contactName: "contactName",
};

function shiftField(shift: ShiftText | undefined, message: string): FieldName {
  if (!shift || shift.from === "shifts") return "shifts";
  const key = message.split("?", 1)[0];
  if (key === "v.shiftTime") return shift.start.trim() && normaliseTime(shift.start) ? "end" : "start";
  if (key === "v.shiftEndBeforeStart" || key === "v.shiftTooLong") return "end";
  if (key === "v.capacityMin" || key === "v.max") return "capacity";
  return "date";
}

const BLANK_PART = "?"; // stands for a blank part of a partly filled shift, so the form's lists stay aligned

/**
 * One posting → the posting form (as the web form would send it), names resolved to ids. Problems found
 * while resolving (an unknown category, an unreadable yes/no) are returned beside it.
 */
export function recordToFormData(record: ImportRecord, catalogue: Catalogue): { formData: FormData; place: CataloguePlace | null; problems: ImportProblem[] } {
  const fd = new FormData();
  const problems: ImportProblem[] = [];
  const v = record.values;
  const given = (s: string | undefined): s is string => s !== undefined && s.trim() !== "";
  const put = (name: string, value: string | undefined) => {
    if (given(value)) fd.append(name, value);
  };
  put("title", v.title);
  put("description", v.description);
  put("tags", v.tags);
  put("whatToBring", v.whatToBring);
  put("meetingPoint", v.meetingPoint);
  put("contactName", v.contactName);
  if (given(v.minimumAge)) fd.append("minimumAge", asciiDigits(v.minimumAge));

  if (given(v.category)) {
    const found = findEntry(catalogue.categories, v.category);
    if (found) fd.append("categoryId", String(found.id));
    else
      problems.push(
        problem(record.line, "category", encode("import.unknownCategory", { value: v.category.trim(), choices: catalogue.categories.map((c) => c.code).join(", ") })),
      );
  }
  if (given(v.district)) {
    const found = findEntry(catalogue.districts, v.district);
    if (found) fd.append("districtId", String(found.id));
    else
      problems.push(
        problem(record.line, "district", encode("import.unknownDistrict", { value: v.district.trim(), choices: catalogue.districts.map((d) => d.name_ja).join("、") })),
      );
  }
  let place: CataloguePlace | null = null;
  if (given(v.place)) {
    place = findPlace(catalogue.places, v.place) ?? null;
    if (place) fd.append("placeId", String(place.id));
    else fd.append("placeName", v.place);
  }
  if (!place) {
    put("placeAddress", v.address);
    if (given(v.latitude)) fd.append("latitude", asciiDigits(v.latitude));
    if (given(v.longitude)) fd.append("longitude", asciiDigits(v.longitude));
  }
  if (given(v.welcomesMinors)) {
    const yes = parseBoolean(v.welcomesMinors);
    if (yes === null) problems.push(problem(record.line, "welcomesMinors", encode("import.boolean", { value: v.welcomesMinors.trim() })));
    else if (yes) fd.append("welcomesMinors", "on");
  }
  for (const s of record.shifts) {
    const part = (value: string, normalise: (x: string) => string | null) => {
      if (!value.trim()) return BLANK_PART;
      return normalise(value) ?? value.normalize("NFKC").trim();
    };
    fd.append("shiftId", "");
    fd.append("shiftDate", part(s.date, normaliseDate));
    fd.append("shiftStart", part(s.start, normaliseTime));
    fd.append("shiftEnd", part(s.end, normaliseTime));
    fd.append("shiftCapacity", part(s.capacity, (x) => asciiDigits(x.normalize("NFKC")).trim().replace(/(人|名)$/, "")));
  }
  return { formData: fd, place, problems };
}

/** Checks one posting with the posting form's schema; problems carry the file's line and field. */
export function validateRecord(record: ImportRecord, catalogue: Catalogue, now: Date): { posting: ValidPosting | null; problems: ImportProblem[] } {
  const { formData, place, problems } = recordToFormData(record, catalogue);
  const resolved = new Set(problems.map((p) => p.field));
  const parsed = parseForm(postingSchema(now), formData);
  if (parsed.success) return problems.length ? { posting: null, problems } : { posting: { line: record.line, input: parsed.data, place }, problems };
  for (const [key, messages] of Object.entries(parsed.failure.errors)) {
    const shiftMatch = /^shift-(\d+)$/.exec(key);
    for (const message of messages) {
      if (shiftMatch) {
        const index = Number(shiftMatch[1]);
        const shift = record.shifts[index];
        if (!record.shifts.length) {
          problems.push(problem(record.line, "shifts", message));
          continue;
        }
        if (message === "v.shiftRequired" || message.startsWith("v.tooMany")) {
          problems.push(problem(record.line, "shifts", message));
          continue;
        }
        problems.push(problem(shift?.line ?? record.line, shiftField(shift, message), message, index + 1));
        continue;
      }
      const field = FORM_FIELD_TO_IMPORT[key] ?? key;
      if (resolved.has(field)) continue; // already said: unknown name
      problems.push(problem(record.line, field, message));
    }
  }
  return { posting: null, problems };
}

/** In the order of the file: by line, then by column, then by shift. */
export function sortProblems(problems: ImportProblem[]): ImportProblem[] {
  const column = (p: ImportProblem) => (FIELD_NAMES as readonly string[]).indexOf(p.field);
  return [...problems].sort((a, b) => a.line - b.line || column(a) - column(b) || (a.shift ?? 0) - (b.shift ?? 0));
}

export interface ValidationResult {
  postings: ValidPosting[];
  problems: ImportProblem[];
  shiftCount: number;
}

/** Every posting checked; problems of all of them, in the order of the file. */
export function validateRecords(records: ImportRecord[], catalogue: Catalogue, now: Date): ValidationResult {
  const postings: ValidPosting[] = [];
  const problems: ImportProblem[] = [];
  for (const record of records) {
    const r = validateRecord(record, catalogue, now);
    if (r.posting) postings.push(r.posting);
    problems.push(...r.problems);
  }
  return { postings, problems, shiftCount: postings.reduce((n, p) => n + p.input.shifts.length, 0) };
}

/** Reads and checks a whole file: what would be imported, and every problem (none means it can be imported). */
export function checkImportFile(bytes: Uint8Array, fileName: string, catalogue: Catalogue, now: Date) {
  const read = readImportFile(bytes, fileName);
  const validation = validateRecords(read.records, catalogue, now);
  const problems = sortProblems([...read.problems, ...validation.problems]);
  return { format: read.format, encoding: read.encoding, unknownHeaders: read.unknownHeaders, postings: validation.postings, shiftCount: validation.shiftCount, problems };
}
