import { sql } from "kysely";
import type { Executor } from "#db/client.server";
import { toDbId } from "~/utils/zod-number";
import { tokyoMidnight } from "../safeguarding/retention.rules";
import { AUDIT_AREAS, isKnownAuditAction, type AuditArea } from "../audit/audit.actions";

/**
 * Staff search of the audit log (append-only: the table refuses updates and deletes, and nothing here writes).
 * Filters come from the page's URL; a bad one gets a message beside its field and is left out, the rest still runs.
 */

export const AUDIT_PAGE_SIZE = 50;

export interface AuditQuery {
  /** The start of an action, e.g. `concern.` or `posting.suspended` (a whole known action matches only itself). */
  action?: string;
  /** An area's actions (app/modules/audit/audit.actions.ts), chosen by its label on the page. */
  actions?: readonly string[];
  /** An account id, or part of an email address or name. */
  actor?: string;
  subjectType?: string;
  subjectId?: string;
  /** Tokyo dates, YYYY-MM-DD, inclusive. */
  from?: string;
  to?: string;
  /** Keyset paging by id: entries older than `before`, or newer than `after`. */
  before?: number;
  after?: number;
}

const ACTION = /^[a-z0-9_.:-]{1,100}$/;
const SUBJECT_TYPE = /^[a-z_]{1,40}$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DIGITS = /^[0-9０-９]+$/;

function validDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s && Number(m[1]) >= 2000 && Number(m[1]) <= 2100;
}

export function parseAuditParams(params: URLSearchParams): { query: AuditQuery; errors: Record<string, string[]>; values: Record<string, string> } {
  const errors: Record<string, string[]> = {};
  const values: Record<string, string> = {};
  const fail = (key: string, message: string) => (errors[key] ??= []).push(message);
  const text = (key: string) => {
    const v = (params.get(key) ?? "").trim();
    if (v) values[key] = v.slice(0, 300);
    return v;
  };
  const query: AuditQuery = {};

  const action = text("action").toLowerCase();
  if (action.startsWith("area:")) {
    const area = action.slice(5);
    area in AUDIT_AREAS ? (query.actions = AUDIT_AREAS[area as AuditArea]) : fail("action", "audit.error.action");
  } else if (action) ACTION.test(action) ? (query.action = action) : fail("action", "audit.error.action");
  const actor = text("actor");
  if (actor && DIGITS.test(actor) && toDbId(actor) === null) fail("actor", "v.idRange");
  else if (actor) actor.length <= 254 ? (query.actor = actor) : fail("actor", "v.tooLong?max=254");
  const subjectType = text("subjectType").toLowerCase();
  if (subjectType) SUBJECT_TYPE.test(subjectType) ? (query.subjectType = subjectType) : fail("subjectType", "audit.error.subjectType");
  const subjectId = text("subjectId");
  if (subjectId) subjectId.length <= 60 ? (query.subjectId = subjectId) : fail("subjectId", "v.tooLong?max=60");
  const from = text("from");
  if (from) validDate(from) ? (query.from = from) : fail("from", "v.date");
  const to = text("to");
  if (to) validDate(to) ? (query.to = to) : fail("to", "v.date");
  if (query.from && query.to && query.from > query.to) {
    fail("to", "v.dateRange");
    delete query.to;
  }
  // Paging cursors come from the page's own links; a hand-made one that is not an id is a message, not a query.
  const before = params.get("before");
  const after = params.get("after");
  if (before && toDbId(before) === null) fail("before", "v.idRange");
  else if (after && toDbId(after) === null) fail("after", "v.idRange");
  else if (before) query.before = toDbId(before)!;
  else if (after) query.after = toDbId(after)!;
  return { query, errors, values };
}

/** `%` and `_` (and the escape itself) match only themselves. */
function likeEscape(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function tokyoDay(date: string, plusDays = 0): Date {
  const [y, m, d] = date.split("-").map(Number);
  return tokyoMidnight(y, m, d + plusDays);
}

function filtered(db: Executor, query: AuditQuery) {
  let q = db.selectFrom("audit_log as a").leftJoin("users as u", "u.id", "a.actor_user_id");
  if (query.action && isKnownAuditAction(query.action)) q = q.where("a.action", "=", query.action);
  else if (query.action) q = q.where("a.action", "like", `${likeEscape(query.action)}%`);
  if (query.actions) q = q.where("a.action", "in", [...query.actions]);
  if (query.actor) {
    const actor = query.actor;
    const id = toDbId(actor);
    if (id !== null) q = q.where("a.actor_user_id", "=", id);
    else if (actor.toLowerCase() === "system") q = q.where("a.actor_user_id", "is", null);
    else {
      const pattern = `%${likeEscape(actor)}%`;
      q = q.where((eb) => eb.or([eb("u.email", "ilike", pattern), eb("u.display_name", "ilike", pattern)]));
    }
  }
  if (query.subjectType) q = q.where("a.subject_type", "=", query.subjectType);
  if (query.subjectId) q = q.where("a.subject_id", "=", query.subjectId);
  if (query.from) q = q.where("a.at", ">=", tokyoDay(query.from));
  if (query.to) q = q.where("a.at", "<", tokyoDay(query.to, 1));
  return q;
}

export interface AuditEntryView {
  id: number;
  at: Date;
  action: string;
  subjectType: string;
  subjectId: string;
  ip: string;
  /** The details as JSON text, shown as text. */
  details: string;
  actor: { id: number; name: string; email: string; deleted: boolean } | null;
  /** An id with no account behind it any more. */
  actorId: number | null;
}

/** One page, newest first, with whether there are newer and older entries. */
export async function searchAuditLog(db: Executor, query: AuditQuery, pageSize = AUDIT_PAGE_SIZE) {
  let q = filtered(db, query).select([
    "a.id",
    "a.at",
    "a.action",
    "a.subject_type",
    "a.subject_id",
    "a.ip",
    "a.actor_user_id",
    sql<string>`cast(a.details as text)`.as("details"),
    "u.id as user_id",
    "u.display_name",
    "u.email",
    "u.deleted_at",
  ]);
  if (query.after !== undefined) q = q.where("a.id", ">", query.after).orderBy("a.id", "asc");
  else {
    if (query.before !== undefined) q = q.where("a.id", "<", query.before);
    q = q.orderBy("a.id", "desc");
  }
  const rows = await q.limit(pageSize + 1).execute();
  const more = rows.length > pageSize;
  const page = rows.slice(0, pageSize);
  if (query.after !== undefined) page.reverse();
  const entries: AuditEntryView[] = page.map((r) => ({
    id: r.id,
    at: new Date(r.at),
    action: r.action,
    subjectType: r.subject_type,
    subjectId: r.subject_id,
    ip: r.ip,
    details: r.details,
    actor: r.user_id !== null ? { id: r.user_id, name: r.display_name ?? "", email: r.email ?? "", deleted: Boolean(r.deleted_at) } : null,
    actorId: r.actor_user_id,
  }));
  const exists = async (op: ">" | "<", id: number) =>
    Boolean(await filtered(db, query).select("a.id").where("a.id", op, id).limit(1).executeTakeFirst());
  const newest = entries[0]?.id;
  const oldest = entries[entries.length - 1]?.id;
  const hasNewer = query.after !== undefined ? more : newest !== undefined ? await exists(">", newest) : query.before !== undefined;
  const hasOlder = query.after !== undefined ? (oldest !== undefined ? await exists("<", oldest) : false) : more;
  return { entries, hasNewer, hasOlder, newest, oldest };
}
