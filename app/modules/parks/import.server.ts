import type { DB } from "#db/client.server";
import { decodeText } from "~/server/import/postings-import";
import { audit } from "~/utils/audit.server";
import { ASSOCIATION_STATUS_JA } from "./parks.words";
import { columnForHeader, parseCsvRecords, parksCsv, readFacilities, type ParkColumn } from "./csv.rules";
import { ParkSchema, type ParkInput } from "./parks.schema";
import { insertPark, updateParkRow } from "./registry.server";

/** One problem of an import: the file's line, the column (or "row"), and a message key with its values. */
export interface ImportProblem {
  line: number;
  column: string;
  message: string;
}

export type ParkImportResult = { status: "ok"; created: number; updated: number } | { status: "invalid"; problems: ImportProblem[] };

const MAX_ROWS = 5_000;

/**
 * A chosen file's bytes as text: UTF-8 with or without a BOM, or else Shift_JIS (what Excel in Japan saves as
 * 「CSV（コンマ区切り）」) — the same detection as every other CSV import of the site.
 */
export function readParksCsvFile(bytes: Uint8Array): string {
  return decodeText(bytes).text;
}

/**
 * Imports the parks of a CSV: every row is checked first, and if any has a problem nothing is written and every
 * problem comes back with its line. Rows match existing parks on the park code (updated) or add new ones.
 */
export async function importParksCsv(db: DB, text: string, actor: { userId: number; ip: string }): Promise<ParkImportResult> {
  const { records, unterminatedAt } = parseCsvRecords(text);
  if (unterminatedAt !== null) return { status: "invalid", problems: [{ line: unterminatedAt, column: "row", message: "parks.import.unterminatedQuote" }] };
  const [header, ...rows] = records;
  if (!header) return { status: "invalid", problems: [{ line: 1, column: "row", message: "parks.import.empty" }] };
  const columns = header.fields.map(columnForHeader);
  const missing = (["code", "name", "areaM2"] as ParkColumn[]).filter((c) => !columns.includes(c));
  if (missing.length) return { status: "invalid", problems: missing.map((c) => ({ line: header.line, column: c, message: "parks.import.missingColumn" })) };
  if (rows.length === 0) return { status: "invalid", problems: [{ line: header.line, column: "row", message: "parks.import.empty" }] };
  if (rows.length > MAX_ROWS) return { status: "invalid", problems: [{ line: header.line, column: "row", message: `parks.import.tooMany?max=${MAX_ROWS}` }] };

  const districts = await db.selectFrom("districts").select(["id", "code", "name_ja", "name_en"]).execute();
  const problems: ImportProblem[] = [];
  const valid: { line: number; input: ParkInput }[] = [];
  const codes = new Map<string, number>();
  for (const row of rows) {
    const cell = (c: ParkColumn) => {
      const i = columns.indexOf(c);
      return i === -1 ? "" : (row.fields[i] ?? "").trim();
    };
    const rowProblems: ImportProblem[] = [];
    const districtText = cell("district");
    const district = districtText ? districts.find((d) => d.code === districtText || d.name_ja === districtText || d.name_en.toLowerCase() === districtText.toLowerCase()) : undefined;
    if (districtText && !district) rowProblems.push({ line: row.line, column: "district", message: "parks.import.unknownDistrict" });
    const { facilities, unknown } = readFacilities(cell("facilities"));
    if (unknown.length) rowProblems.push({ line: row.line, column: "facilities", message: `parks.import.unknownFacility?words=${encodeURIComponent(unknown.join("・"))}` });
    const form = new Map<string, string | string[]>([
      ["code", cell("code")],
      ["name", cell("name")],
      ["nameKana", cell("nameKana")],
      ["address", cell("address")],
      ["latitude", cell("latitude")],
      ["longitude", cell("longitude")],
      ["areaM2", cell("areaM2").replace(/[,，]/g, "")],
    ]);
    const object: Record<string, unknown> = { facilities };
    for (const [k, v] of form) object[k] = v === "" ? undefined : v;
    if (district) object.districtId = String(district.id);
    const parsed = ParkSchema.safeParse(object, { error: () => "v.invalid" });
    if (!parsed.success) for (const issue of parsed.error.issues) rowProblems.push({ line: row.line, column: String(issue.path[0] ?? "row"), message: issueMessage(issue) });
    const code = cell("code");
    if (code && codes.has(code)) rowProblems.push({ line: row.line, column: "code", message: `parks.import.duplicateCode?line=${codes.get(code)}` });
    if (code) codes.set(code, row.line);
    if (rowProblems.length) problems.push(...rowProblems);
    else if (parsed.success) valid.push({ line: row.line, input: parsed.data });
  }
  if (problems.length) return { status: "invalid", problems };

  return db.transaction().execute(async (trx) => {
    let created = 0;
    let updated = 0;
    for (const { input } of valid) {
      const existing = await trx.selectFrom("parks").select(["id", "place_id", "model_case", "model_story"]).where("code", "=", input.code).forUpdate().executeTakeFirst();
      if (existing) {
        // The file carries no model-case story: keep what staff wrote.
        await updateParkRow(trx, existing, { ...input, modelCase: existing.model_case, modelStory: existing.model_story });
        updated++;
      } else {
        await insertPark(trx, input);
        created++;
      }
    }
    await audit(trx, { actorUserId: actor.userId, action: "parks.imported", subjectType: "park", ip: actor.ip, details: { created, updated } });
    return { status: "ok" as const, created, updated };
  });
}

function issueMessage(issue: { message: string; code: string; path: PropertyKey[] }): string {
  if (issue.message.includes(".") && issue.message !== "v.invalid") return issue.message;
  const field = String(issue.path[0] ?? "");
  if (issue.code === "invalid_type") return "v.required";
  if (field === "areaM2") return "parks.import.area";
  if (field === "latitude") return "v.latitude";
  if (field === "longitude") return "v.longitude";
  if (field === "code") return "parks.v.code";
  return "v.invalid";
}

/** Every park with its association, as the export's CSV. */
export async function exportParksCsv(db: DB): Promise<string> {
  const rows = await db
    .selectFrom("parks")
    .leftJoin("districts", "districts.id", "parks.district_id")
    .leftJoin("park_associations as a", "a.park_id", "parks.id")
    .select(["parks.code", "parks.name", "parks.name_kana", "parks.address", "districts.name_ja as district", "parks.latitude", "parks.longitude", "parks.area_m2", "parks.facilities", "a.name as association", "a.status", "a.member_count"])
    .orderBy("parks.code")
    .execute();
  return parksCsv(
    rows.map((r) => ({
      code: r.code,
      name: r.name,
      nameKana: r.name_kana,
      address: r.address,
      district: r.district ?? "",
      latitude: r.latitude,
      longitude: r.longitude,
      areaM2: r.area_m2,
      facilities: r.facilities,
      association: r.association ?? "",
      status: r.status ? ASSOCIATION_STATUS_JA[r.status] : "愛護会なし",
      memberCount: r.member_count,
    })),
  );
}
