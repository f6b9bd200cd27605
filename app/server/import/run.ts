/**
 * `npm run postings:import -- FILE --org ID [--dry-run] [--publish]`: imports volunteer postings in bulk for
 * one organisation, for ward staff.
 *
 * FILE is a CSV (as Excel in Japan saves it: UTF-8 with or without BOM, or Shift_JIS) with Japanese or English
 * headers, or JSON Lines. Every posting is checked with the same rules as the web form, and every problem is
 * reported with its line and field; nothing is imported unless all postings are valid, and then all of them
 * are imported in one transaction, as drafts (or published with --publish, for a verified organisation only).
 * --dry-run only checks and reports.
 *
 * Example files: app/server/import/examples/postings.csv (UTF-8 with BOM, Japanese headers, one shift per row) and
 * app/server/import/examples/postings.jsonl. Try: npm run postings:import -- app/server/import/examples/postings.csv --org 1 --dry-run
 *
 * Uses DATABASE_URL when set, otherwise PGlite in $DATA_DIR/pglite (default ./data/pglite).
 * Exit codes: 0 imported (or a clean dry run), 1 problems in the file (nothing imported), 2 usage errors
 * (no or unreadable file, bad or unknown --org, --publish for an organisation not verified).
 */
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { DB, Executor } from "#db/client.server";
import { configuredDatabase, openDatabase } from "#db/client.server";
import type { OrganisationStatus } from "#db/schema";
import { refreshSearchDocuments } from "#search/document.server";
import { postingColumns } from "~/modules/postings/postings.server";
import { enqueueSearchSync } from "#search/sync.server";
import { canPublish } from "~/modules/organisations/organisations.rules";
import { audit } from "~/utils/audit.server";
import { translate, type MessageKey } from "~/utils/translate";
import {
  ENCODING_LABELS,
  checkImportFile,
  formatProblem,
  type Catalogue,
  type ValidPosting,
} from "./postings-import";

export const USAGE = [
  "使い方 (usage): npm run postings:import -- ファイル --org 団体ID [--dry-run] [--publish]",
  "  ファイル (FILE)  CSV（UTF-8 または Shift_JIS）か JSONL",
  "  --org ID         取り込み先の団体のID (organisation id)",
  "  --dry-run        確認だけして、取り込まない (check only, import nothing)",
  "  --publish        下書きではなく公開する。確認済みの団体のみ (publish at once; verified organisations only)",
  "例 (example): npm run postings:import -- app/server/import/examples/postings.csv --org 1 --dry-run",
].join("\n");

export const EXIT = { ok: 0, invalid: 1, usage: 2 } as const;

export interface ImportOptions {
  file: string;
  organisationId: number;
  dryRun: boolean;
  publish: boolean;
}

export type ParsedArgs = { status: "ok"; options: ImportOptions } | { status: "help" } | { status: "error"; message: string };

export function parseArgs(argv: string[]): ParsedArgs {
  const files: string[] = [];
  let org: string | undefined;
  let dryRun = false;
  let publish = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--help" || arg === "-h") return { status: "help" };
    else if (arg === "--dry-run") dryRun = true;
    else if (arg === "--publish") publish = true;
    else if (arg === "--org") {
      org = argv[i + 1];
      i++;
      if (org === undefined || org.startsWith("--")) return { status: "error", message: "--org のあとに団体のIDを書いてください (--org needs an organisation id)" };
    } else if (arg.startsWith("--org=")) org = arg.slice("--org=".length);
    else if (arg.startsWith("-") && arg !== "-") return { status: "error", message: `不明なオプションです：${arg} (unknown option)` };
    else files.push(arg);
  }
  if (!files.length) return { status: "error", message: "取り込むファイルを指定してください (no file given)" };
  if (files.length > 1) return { status: "error", message: `ファイルは1つだけ指定してください：${files.join(" ")} (one file only)` };
  if (org === undefined) return { status: "error", message: "--org で取り込み先の団体のIDを指定してください (--org ID is required)" };
  const id = org.trim().replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
  if (!/^\d{1,9}$/.test(id) || Number(id) < 1) return { status: "error", message: `--org「${org}」は団体のID（数字）ではありません (--org must be a number)` };
  return { status: "ok", options: { file: files[0], organisationId: Number(id), dryRun, publish } };
}

/** The lists names in the file are resolved against: categories in use, districts, places in use. */
export async function loadCatalogue(db: Executor): Promise<Catalogue> {
  const [categories, districts, places] = await Promise.all([
    db.selectFrom("categories").select(["id", "code", "name_ja", "name_en"]).where("active", "=", true).orderBy("sort_order").orderBy("id").execute(),
    db.selectFrom("districts").select(["id", "code", "name_ja", "name_en"]).orderBy("sort_order").orderBy("id").execute(),
    db.selectFrom("places").select(["id", "name_ja", "name_en", "address", "latitude", "longitude"]).where("active", "=", true).orderBy("id").execute(),
  ]);
  return { categories, districts, places };
}

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

export interface CliContext {
  io: CliIo;
  /** Opens the database (called only once the arguments and the file are fine). */
  open: () => Promise<{ db: DB; close: () => Promise<void> }>;
  /** The time shifts must come after; now by default. */
  now?: Date;
  /** Where the command runs (for the IP column of the audit log). */
  ip?: string;
}

/** Stops the command with a usage error (exit code 2) and a message. */
export class UsageError extends Error {}

const statusLabel = (status: OrganisationStatus) => translate("ja", `orgStatus.${status}` as MessageKey);

/** The whole command: arguments, file, checks, and the import itself. Returns the exit code. */
export async function runCli(argv: string[], ctx: CliContext): Promise<number> {
  const { io } = ctx;
  const args = parseArgs(argv);
  if (args.status === "help") {
    io.out(USAGE);
    return EXIT.ok;
  }
  if (args.status === "error") {
    io.err(`エラー (error): ${args.message}`);
    io.err(USAGE);
    return EXIT.usage;
  }
  const { options } = args;
  const fileName = path.basename(options.file);
  let bytes: Uint8Array;
  try {
    if (!fs.statSync(options.file).isFile()) throw new UsageError();
    bytes = fs.readFileSync(options.file);
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException)?.code === "ENOENT";
    io.err(
      missing
        ? `エラー (error): ファイルが見つかりません：${options.file} (file not found)`
        : `エラー (error): ファイルを読めません：${options.file} (cannot read the file)`,
    );
    return EXIT.usage;
  }

  let handle: { db: DB; close: () => Promise<void> };
  try {
    handle = await ctx.open();
  } catch (error) {
    io.err(`エラー (error): ${error instanceof Error ? error.message : String(error)}`);
    return EXIT.usage;
  }
  try {
    return await importFile(handle.db, options, fileName, bytes, ctx);
  } finally {
    await handle.close();
  }
}

async function importFile(db: DB, options: ImportOptions, fileName: string, bytes: Uint8Array, ctx: CliContext): Promise<number> {
  const { io } = ctx;
  const now = ctx.now ?? new Date();
  const organisation = await db.selectFrom("organisations").select(["id", "name", "status"]).where("id", "=", options.organisationId).executeTakeFirst();
  if (!organisation) {
    io.err(`エラー (error): 団体 #${options.organisationId} が見つかりません (organisation not found)`);
    return EXIT.usage;
  }
  const orgText = `${organisation.name}（#${organisation.id}、${statusLabel(organisation.status)}）`;
  if (options.publish && !canPublish(organisation.status)) {
    io.err(
      `エラー (error): 団体「${orgText}」は区役所の確認が済んでいないため、--publish で公開できません。` +
        "--publish を付けずに下書きとして取り込んでください (--publish needs a verified organisation; nothing imported)",
    );
    return EXIT.usage;
  }

  const catalogue = await loadCatalogue(db);
  const check = checkImportFile(bytes, fileName, catalogue, now);
  io.out(`ファイル (file): ${fileName}（${check.format === "csv" ? "CSV" : "JSONL"}、${ENCODING_LABELS[check.encoding]}）`);
  io.out(`団体 (organisation): ${orgText}`);
  if (organisation.status === "suspended" || organisation.status === "rejected")
    io.out(`注意 (warning): この団体は「${statusLabel(organisation.status)}」です。取り込んだ募集は公開されません。`);
  if (check.unknownHeaders.length)
    io.out(`注意 (warning): 次の列は知らない項目のため無視します (unknown columns ignored)：${check.unknownHeaders.join("、")}`);

  if (check.problems.length) {
    const lines = new Set(check.problems.map((p) => p.line));
    io.err(
      `エラー (errors): ${lines.size}行に${check.problems.length}件の問題があります。何も取り込んでいません ` +
        `(${check.problems.length} problems on ${lines.size} lines; nothing imported)`,
    );
    for (const p of check.problems) io.err(`  ${formatProblem(p)}`);
    return EXIT.invalid;
  }

  const count = check.postings.length;
  const shifts = check.shiftCount;
  const en = options.publish ? "and published" : "as drafts";
  if (options.dryRun) {
    const ja = options.publish ? "取り込んで公開できます" : "下書きとして取り込めます";
    io.out(`確認のみ (dry run): ${count}件の募集、${shifts}件の日程を${ja} (${count} postings, ${shifts} shifts would be imported ${en})`);
    return EXIT.ok;
  }

  try {
    const ids = await insertPostings(db, organisation.id, check.postings, { publish: options.publish, fileName, ip: ctx.ip ?? "", now });
    const ja = options.publish ? "登録して公開しました" : "下書きとして登録しました";
    io.out(`取り込みました (imported): ${count}件の募集、${shifts}件の日程を${ja} (${count} postings, ${shifts} shifts ${en}; ids ${ids[0]}–${ids[ids.length - 1]})`);
    return EXIT.ok;
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`エラー (error): ${error.message}`);
      return EXIT.usage;
    }
    throw error;
  }
}

/**
 * Writes every posting and its shifts, and one audit entry, in one transaction: all or nothing. Only the
 * transaction is used inside it (on PGlite a second use of the database would wait forever).
 */
export async function insertPostings(
  db: DB,
  organisationId: number,
  postings: ValidPosting[],
  options: { publish: boolean; fileName: string; ip: string; now: Date },
): Promise<number[]> {
  return db.transaction().execute(async (trx) => {
    // The organisation may have changed since it was read: check again, holding it until the end.
    const organisation = await trx.selectFrom("organisations").select(["id", "status"]).where("id", "=", organisationId).forUpdate().executeTakeFirst();
    if (!organisation) throw new UsageError(`団体 #${organisationId} が見つかりません (organisation not found)`);
    if (options.publish && !canPublish(organisation.status)) throw new UsageError("団体の確認が済んでいないため公開できません (--publish needs a verified organisation)");
    const owner = await trx
      .selectFrom("memberships")
      .select("user_id")
      .where("organisation_id", "=", organisationId)
      .where("role", "=", "owner")
      .orderBy("created_at")
      .orderBy("user_id")
      .limit(1)
      .executeTakeFirst();
    const createdBy = owner?.user_id ?? null;
    const ids: number[] = [];
    let shiftCount = 0;
    for (const { input, place } of postings) {
      const row = await trx
        .insertInto("postings")
        .values({
          ...postingColumns(input, place),
          organisation_id: organisationId,
          status: options.publish ? "published" : "draft",
          published_at: options.publish ? options.now : null,
          created_by: createdBy,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await trx
        .insertInto("shifts")
        .values(input.shifts.map((s) => ({ posting_id: row.id, starts_at: s.startsAt, ends_at: s.endsAt, capacity: s.capacity })))
        .execute();
      ids.push(row.id);
      shiftCount += input.shifts.length;
    }
    await refreshSearchDocuments(trx, ids);
    await enqueueSearchSync(trx, ids);
    await audit(trx, {
      actorUserId: createdBy,
      action: "posting.imported",
      subjectType: "organisation",
      subjectId: organisationId,
      ip: options.ip,
      details: { count: ids.length, shifts: shiftCount, file: options.fileName, published: options.publish, postingIds: ids },
    });
    return ids;
  });
}

/** The database of this installation: DATABASE_URL when set, otherwise PGlite in $DATA_DIR/pglite. */
async function openFromEnvironment() {
  const where = configuredDatabase();
  if (where.dataDir && !fs.existsSync(where.dataDir))
    throw new Error(`データベースがありません：${where.dataDir}（先に npm run db:migrate を実行してください） (no database; run npm run db:migrate first)`);
  return openDatabase({ ...where, poolMax: 2 });
}

async function main(): Promise<number> {
  return runCli(process.argv.slice(2), {
    io: { out: (text) => console.log(text), err: (text) => console.error(text) },
    open: openFromEnvironment,
  });
}

function runDirectly(): boolean {
  try {
    return process.argv[1] !== undefined && import.meta.url === pathToFileURL(fs.realpathSync(process.argv[1])).href;
  } catch {
    return false;
  }
}

if (runDirectly()) {
  main().then(
    (code) => process.exit(code),
    (error) => {
      console.error(`取り込みに失敗しました。何も取り込んでいません (import failed; nothing imported): ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
