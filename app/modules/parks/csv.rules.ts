import { csv } from "../applications/applications.rules";
import { FACILITIES, type Facility } from "./parks.vocabulary";

/**
 * The parks CSV, both ways: the columns staff import (Japanese or English headers) and export (UTF-8 with a BOM,
 * CRLF, formula-safe cells). Pure.
 */
export const PARK_COLUMNS = [
  { field: "code", ja: "公園コード", en: "code" },
  { field: "name", ja: "公園名", en: "name" },
  { field: "nameKana", ja: "ふりがな", en: "name_kana" },
  { field: "address", ja: "住所", en: "address" },
  { field: "district", ja: "地区", en: "district" },
  { field: "latitude", ja: "緯度", en: "latitude" },
  { field: "longitude", ja: "経度", en: "longitude" },
  { field: "areaM2", ja: "面積㎡", en: "area_m2" },
  { field: "facilities", ja: "施設", en: "facilities" },
] as const;
export type ParkColumn = (typeof PARK_COLUMNS)[number]["field"];

export const FACILITY_JA: Record<Facility, string> = {
  playground: "遊具",
  toilet: "トイレ",
  bench: "ベンチ",
  flowerbed: "花壇",
  water: "水飲み場",
  sports: "運動広場",
  tool_shed: "用具倉庫",
  parking: "駐車場",
};

const normalise = (h: string) => h.replace(/^\uFEFF/, "").trim().toLowerCase().replace(/[（(]?m2[)）]?$|[（(]?㎡[)）]?$/, "");

/** Which column a header names, in either language (面積, 面積㎡ and area_m2 all name the area). */
export function columnForHeader(header: string): ParkColumn | null {
  const h = normalise(header);
  const found = PARK_COLUMNS.find((c) => normalise(c.ja) === h || normalise(c.en) === h || c.field.toLowerCase() === h);
  return found?.field ?? null;
}

/** A facilities cell (遊具・トイレ, "playground;toilet") → the codes, and the words it did not know. */
export function readFacilities(cell: string): { facilities: Facility[]; unknown: string[] } {
  const words = cell.split(/[・,，、;；\/\s]+/).map((w) => w.trim()).filter(Boolean);
  const facilities: Facility[] = [];
  const unknown: string[] = [];
  for (const w of words) {
    const code = (FACILITIES as readonly string[]).includes(w) ? (w as Facility) : (Object.entries(FACILITY_JA).find(([, ja]) => ja === w)?.[0] as Facility | undefined);
    if (code) {
      if (!facilities.includes(code)) facilities.push(code);
    } else unknown.push(w);
  }
  return { facilities, unknown };
}

/** RFC 4180 records with the line each starts on; quoted fields may hold commas, quotes and line breaks. */
export function parseCsvRecords(text: string): { records: { line: number; fields: string[] }[]; unterminatedAt: number | null } {
  const s = text.replace(/^\uFEFF/, "");
  const records: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = "";
  let quoted = false;
  let line = 1;
  let start = 1;
  const endRecord = () => {
    fields.push(field);
    if (!(fields.length === 1 && fields[0].trim() === "")) records.push({ line: start, fields });
    fields = [];
    field = "";
  };
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else {
        if (c === "\n" || (c === "\r" && s[i + 1] !== "\n")) line++;
        field += c === "\r" ? "" : c;
      }
    } else if (c === '"' && field === "") quoted = true;
    else if (c === ",") {
      fields.push(field);
      field = "";
    } else if (c === "\r" || c === "\n") {
      if (c === "\r" && s[i + 1] === "\n") i++;
      endRecord();
      line++;
      start = line;
    } else field += c;
  }
  if (quoted) return { records, unterminatedAt: start };
  if (field !== "" || fields.length) endRecord();
  return { records, unterminatedAt: null };
}

export interface ExportPark {
  code: string;
  name: string;
  nameKana: string;
  address: string;
  district: string;
  latitude: number | null;
  longitude: number | null;
  areaM2: number;
  facilities: string[];
  association: string;
  status: string;
  memberCount: number | null;
}

/** The registry as a spreadsheet (the import's columns first, so an export can be edited and imported back). */
export function parksCsv(parks: ExportPark[]): string {
  return csv([
    [...PARK_COLUMNS.map((c) => c.ja), "愛護会", "状態", "会員数"],
    ...parks.map((p) => [
      p.code,
      p.name,
      p.nameKana,
      p.address,
      p.district,
      p.latitude,
      p.longitude,
      p.areaM2,
      p.facilities.map((f) => FACILITY_JA[f as Facility] ?? f).join("・"),
      p.association,
      p.status,
      p.memberCount,
    ]),
  ]);
}
