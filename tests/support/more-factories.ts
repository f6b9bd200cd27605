import { randomBytes } from "node:crypto";
import { sql } from "kysely";
import type { DB } from "#db/client.server";
import type { EmailMessage } from "#emails/render";
import type { OrganisationInput } from "~/modules/organisations/organisations.schema";
import type { PostingInput } from "~/modules/postings/postings.schema";
import { createCatalogue } from "./factories";

/** Helpers for integration tests that drive the domain modules and read back what they wrote. */

export const uniqueKey = (prefix = "k") => `${prefix}${randomBytes(8).toString("hex")}`;

export const uniqueEmail = (label = "person") => `${label}-${randomBytes(5).toString("hex")}@example.test`;

export const HOUR = 3600_000;
export const DAY = 24 * HOUR;

export interface QueuedEmail {
  jobId: number;
  status: string;
  template: EmailMessage["template"];
  to: string;
  locale: string;
  props: Record<string, unknown>;
}

function parsePayload(payload: unknown): EmailMessage {
  return (typeof payload === "string" ? JSON.parse(payload) : payload) as EmailMessage;
}

/** The emails queued in the outbox for one address, oldest first. */
export async function emailsTo(db: DB, to: string): Promise<QueuedEmail[]> {
  const rows = await db
    .selectFrom("jobs")
    .select(["id", "status", "payload"])
    .where("queue", "=", "email")
    .where(sql<string>`payload->>'to'`, "=", to)
    .orderBy("id")
    .execute();
  return rows.map((row) => {
    const message = parsePayload(row.payload);
    return {
      jobId: row.id,
      status: row.status,
      template: message.template,
      to: message.to,
      locale: message.locale,
      props: message.props as unknown as Record<string, unknown>,
    };
  });
}

/** The token carried by a link in an email: the `token` query parameter, or the last path segment. */
export function tokenFromUrl(url: unknown): string {
  if (typeof url !== "string") throw new Error(`not a link: ${String(url)}`);
  const parsed = new URL(url);
  const token = parsed.searchParams.get("token") ?? parsed.pathname.split("/").pop();
  if (!token) throw new Error(`no token in ${url}`);
  return token;
}

/** The token of the latest email of a template sent to an address. */
export async function latestLinkToken(db: DB, to: string, template: EmailMessage["template"], prop = "url"): Promise<string> {
  const emails = (await emailsTo(db, to)).filter((e) => e.template === template);
  if (!emails.length) throw new Error(`no ${template} email to ${to}`);
  return tokenFromUrl(emails[emails.length - 1].props[prop]);
}

export async function auditRows(db: DB, where: { action?: string; subjectType?: string; subjectId?: string | number; actorUserId?: number }) {
  let q = db.selectFrom("audit_log").selectAll().orderBy("id");
  if (where.action) q = q.where("action", "=", where.action);
  if (where.subjectType) q = q.where("subject_type", "=", where.subjectType);
  if (where.subjectId !== undefined) q = q.where("subject_id", "=", String(where.subjectId));
  if (where.actorUserId !== undefined) q = q.where("actor_user_id", "=", where.actorUserId);
  return q.execute();
}

/** A request carrying a session cookie, as the browser would send it. */
export function requestWithSession(token: string, url = "http://localhost/"): Request {
  return new Request(url, { headers: { Cookie: `tsunagu_session=${token}` } });
}

export function organisationInput(overrides: Partial<OrganisationInput> = {}): OrganisationInput {
  return {
    name: `枝光公園愛護会 ${randomBytes(3).toString("hex")}`,
    kind: "park_care_association",
    description: "枝光公園の清掃と花壇の手入れを毎月しています。",
    contactName: "枝光 花子",
    contactEmail: "edamitsu@example.test",
    ...overrides,
  };
}

export type ShiftInput = PostingInput["shifts"][number];

export function futureShift(startsInMs: number, options: { id?: number | null; hours?: number; capacity?: number } = {}): ShiftInput {
  const startsAt = new Date(Date.now() + startsInMs);
  return {
    id: options.id ?? null,
    startsAt,
    endsAt: new Date(startsAt.getTime() + (options.hours ?? 2) * HOUR),
    capacity: options.capacity ?? 5,
  };
}

/** A valid posting form, already parsed, using the first category and district of the catalogue. */
export async function postingInput(db: DB, overrides: Partial<PostingInput> = {}): Promise<PostingInput> {
  const { categories, districts } = await createCatalogue(db);
  return {
    title: "花壇の植え替え",
    description: "桃園公園の花壇で草取りと植え替えをします。初めての方も歓迎です。",
    categoryId: categories[0].id,
    tags: ["花壇"],
    districtId: districts[0].id,
    placeName: "桃園公園",
    welcomesMinors: false,
    contactName: "担当 花子",
    shifts: [futureShift(7 * DAY)],
    ...overrides,
  };
}
