import { sql } from "kysely";
import type { Executor } from "#db/client.server";
import { sendEmail } from "#emails/outbox.server";
import { formatRange, tokyoFormatter } from "~/utils/format";
import type { Locale } from "~/utils/i18n";
import { createToken, hashToken, isWellFormedToken } from "~/utils/tokens.server";
import { consentLinkExpiry, consentLinkState, consentRequestEnded, consentWording, CONSENT_WORDING_VERSION, revokeLinkState, standingConsentWording, type WordingVars } from "./consent.rules";
import type { GuardianInput } from "./consent.schema";
import { schoolYearEnd } from "./minors.rules";
import { registerRetentionStep, type RetentionStep } from "./retention.server";
import { postingsWithOrganisation } from "../postings/session-details.server";

/**
 * Guardian consent records: the guardian a student named, consent requests with their single-use link and revoke
 * link (only SHA-256 hashes are stored), the guardian's answer with the exact wording shown, and revocation.
 * These functions run in the caller's transaction; what an answer does to applications is decided in the
 * applications module (app/modules/applications/minors.server.ts).
 */

export interface Guardian {
  name: string;
  relationship: string;
  email: string;
}

export async function getGuardian(db: Executor, userId: number): Promise<Guardian | null> {
  const row = await db.selectFrom("student_guardians").select(["name", "relationship", "email"]).where("user_id", "=", userId).executeTakeFirst();
  return row ?? null;
}

export async function saveGuardian(db: Executor, userId: number, input: GuardianInput): Promise<void> {
  const values = { name: input.guardianName, relationship: input.guardianRelationship, email: input.guardianEmail, updated_at: new Date() };
  await db
    .insertInto("student_guardians")
    .values({ user_id: userId, ...values })
    .onConflict((oc) => oc.column("user_id").doUpdateSet(values))
    .execute();
}

/** What a guardian is shown about a posting: what, where, who is responsible, insurance, what to bring, emergencies. */
export interface PostingFacts {
  id: number;
  title: string;
  description: string;
  organisationName: string;
  organisationPhone: string;
  placeName: string;
  placeAddress: string;
  whatToBring: string;
  contactName: string;
  responsibleAdults: string[];
  insuranceHolder: string;
  insuranceValidUntil: string | null;
  emergencyContact: string;
  firstAid: string;
  safeguardingApproved: boolean;
}

export async function postingFacts(db: Executor, postingId: number): Promise<PostingFacts | null> {
  const row = await postingsWithOrganisation(db)
    .leftJoin("safeguarding_checklists as c", "c.posting_id", "p.id")
    .select([
      "p.id",
      "p.title",
      "p.description",
      "p.place_name",
      "p.place_address",
      "p.what_to_bring",
      "p.contact_name",
      "p.safeguarding_status",
      "o.name as organisation_name",
      "o.contact_phone",
      "c.insurance_arranged",
      "c.insurance_holder",
      "c.insurance_valid_until",
      "c.emergency_contact",
      "c.first_aid",
    ])
    .where("p.id", "=", postingId)
    .executeTakeFirst();
  if (!row) return null;
  const adults = await db
    .selectFrom("posting_responsible_adults as r")
    .innerJoin("users as u", "u.id", "r.user_id")
    .select("u.display_name")
    .where("r.posting_id", "=", postingId)
    .where("u.deleted_at", "is", null)
    .orderBy("r.added_at")
    .execute();
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    organisationName: row.organisation_name,
    organisationPhone: row.contact_phone,
    placeName: row.place_name,
    placeAddress: row.place_address,
    whatToBring: row.what_to_bring,
    contactName: row.contact_name,
    responsibleAdults: adults.map((a) => a.display_name).filter(Boolean),
    insuranceHolder: row.insurance_arranged ? (row.insurance_holder ?? "") : "",
    insuranceValidUntil: row.insurance_arranged ? (row.insurance_valid_until ?? null) : null,
    emergencyContact: row.emergency_contact ?? "",
    firstAid: row.first_aid ?? "",
    safeguardingApproved: row.safeguarding_status === "approved",
  };
}

interface Session {
  startsAt: Date;
  endsAt: Date;
}

export interface ConsentRequestInput {
  studentUserId: number;
  childName: string;
  postingId: number;
  applicationIds: number[];
  guardian: Guardian;
  sessions: Session[];
  origin: string;
  locale: Locale;
  now?: Date;
}

function span(sessions: Session[]) {
  const sorted = [...sessions].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  const lastEnd = Math.max(...sorted.map((s) => s.endsAt.getTime()));
  return { first: sorted[0], lastEnd: new Date(lastEnd) };
}

/**
 * Asks the guardian: a consent request row (hashed tokens), the applications linked to it, and the email with
 * the consent link (single use, a week at most, never past the first session) and the revoke link (until the
 * last session ends).
 */
export async function createConsentRequest(trx: Executor, input: ConsentRequestInput): Promise<number> {
  const now = input.now ?? new Date();
  const { first, lastEnd } = span(input.sessions);
  const consent = createToken();
  const revoke = createToken();
  const expiresAt = consentLinkExpiry(now, first.startsAt);
  const row = await trx
    .insertInto("guardian_consents")
    .values({
      student_user_id: input.studentUserId,
      posting_id: input.postingId,
      guardian_name: input.guardian.name,
      guardian_relationship: input.guardian.relationship,
      guardian_email: input.guardian.email,
      token_hash: consent.hash,
      revoke_token_hash: revoke.hash,
      expires_at: expiresAt,
      revoke_until: lastEnd,
      created_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await trx.updateTable("applications").set({ guardian_consent_id: row.id }).where("id", "in", input.applicationIds).execute();
  const facts = await postingFacts(trx, input.postingId);
  await sendEmail(trx, {
    template: "guardian-consent-request",
    to: input.guardian.email,
    locale: input.locale,
    props: {
      childName: input.childName,
      guardianName: input.guardian.name,
      postingTitle: facts?.title ?? "",
      organisationName: facts?.organisationName ?? "",
      placeName: facts?.placeName ?? "",
      startsAt: first.startsAt.toISOString(),
      endsAt: first.endsAt.toISOString(),
      sessionCount: input.sessions.length,
      // Every date the consent is for, not the first alone.
      otherSessions: [...input.sessions]
        .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())
        .slice(1)
        .map((s) => ({ startsAt: s.startsAt.toISOString(), endsAt: s.endsAt.toISOString() })),
      expiresAt: expiresAt.toISOString(),
      consentUrl: `${input.origin}/consent/${consent.token}`,
      revokeUrl: `${input.origin}/consent/revoke/${revoke.token}`,
      postingUrl: `${input.origin}/postings/${input.postingId}`,
    },
  });
  return row.id;
}

/** A standing consent of the school year that covers sessions up to `lastStartsAt`, if the guardian gave one. */
export async function findStandingConsent(trx: Executor, studentUserId: number, lastStartsAt: Date) {
  return trx
    .selectFrom("guardian_consents")
    .selectAll()
    .where("student_user_id", "=", studentUserId)
    .where("scope", "=", "school_year")
    .where("status", "=", "given")
    .where("valid_until", ">", lastStartsAt)
    .orderBy("id", "desc")
    .executeTakeFirst();
}

/**
 * Records that a standing consent covers these applications: a consent row of its own (given, pointing at the
 * standing one, with its own revoke link) and a notice to the guardian with that link.
 */
export async function coverWithStandingConsent(
  trx: Executor,
  standing: { id: number; guardian_name: string; guardian_relationship: string; guardian_email: string; emergency_phone: string; answered_name: string; wording_version: string; wording_text: string },
  input: ConsentRequestInput,
): Promise<number> {
  const now = input.now ?? new Date();
  const { first, lastEnd } = span(input.sessions);
  const revoke = createToken();
  const row = await trx
    .insertInto("guardian_consents")
    .values({
      student_user_id: input.studentUserId,
      posting_id: input.postingId,
      guardian_name: standing.guardian_name,
      guardian_relationship: standing.guardian_relationship,
      guardian_email: standing.guardian_email,
      // Never sent: the request is answered already. Random so that it matches nothing.
      token_hash: createToken().hash,
      revoke_token_hash: revoke.hash,
      expires_at: now,
      revoke_until: lastEnd,
      status: "given",
      covered_by_consent_id: standing.id,
      answered_at: now,
      answered_name: standing.answered_name,
      emergency_phone: standing.emergency_phone,
      wording_version: standing.wording_version,
      wording_text: standing.wording_text,
      created_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await trx.updateTable("applications").set({ guardian_consent_id: row.id }).where("id", "in", input.applicationIds).execute();
  const facts = await postingFacts(trx, input.postingId);
  await sendEmail(trx, {
    template: "guardian-consent-notice",
    to: standing.guardian_email,
    locale: input.locale,
    props: {
      childName: input.childName,
      guardianName: standing.guardian_name,
      postingTitle: facts?.title ?? "",
      organisationName: facts?.organisationName ?? "",
      placeName: facts?.placeName ?? "",
      startsAt: first.startsAt.toISOString(),
      endsAt: first.endsAt.toISOString(),
      sessionCount: input.sessions.length,
      revokeUrl: `${input.origin}/consent/revoke/${revoke.token}`,
      postingUrl: `${input.origin}/postings/${input.postingId}`,
    },
  });
  return row.id;
}

/** The consent row a link names (by its hash); undefined for a malformed or unknown token. */
export async function consentByToken(db: Executor, token: string, which: "consent" | "revoke") {
  if (!isWellFormedToken(token)) return undefined;
  return db
    .selectFrom("guardian_consents")
    .selectAll()
    .where(which === "consent" ? "token_hash" : "revoke_token_hash", "=", hashToken(token))
    .executeTakeFirst();
}

export type ConsentRow = NonNullable<Awaited<ReturnType<typeof consentByToken>>>;

/**
 * The state of a consent link, with the applications it is about: an open link whose applications have all ended
 * is "ended". With `lock`, those applications stay locked until the caller's transaction ends, so none can end
 * (or move on) while the answer is recorded.
 */
export async function currentConsentLinkState(db: Executor, row: ConsentRow | undefined, now: Date, options: { lock?: boolean } = {}) {
  const state = consentLinkState(row, now);
  if (!row || state !== "open") return state;
  const query = db.selectFrom("applications").select("status").where("guardian_consent_id", "=", row.id).orderBy("id");
  const applications = await (options.lock ? query.forUpdate() : query).execute();
  return consentRequestEnded(applications.map((a) => a.status)) ? "ended" : state;
}

/** The sessions and student of a consent request (for its page and its wording). */
export async function consentSubject(db: Executor, consentId: number) {
  const sessions = await db
    .selectFrom("applications")
    .select(["id", "status", "shift_starts_at", "shift_ends_at"])
    .where("guardian_consent_id", "=", consentId)
    .orderBy("shift_starts_at")
    .execute();
  const consent = await db
    .selectFrom("guardian_consents as g")
    .innerJoin("users as u", "u.id", "g.student_user_id")
    .select(["u.display_name", "u.deleted_at"])
    .where("g.id", "=", consentId)
    .executeTakeFirst();
  return {
    childName: consent && !consent.deleted_at ? consent.display_name : "",
    sessions: sessions.map((s) => ({ applicationId: s.id, status: s.status, startsAt: new Date(s.shift_starts_at), endsAt: new Date(s.shift_ends_at) })),
  };
}

/** The wording shown for this request in this language (recomputed identically when the answer is recorded). */
export function wordingFor(locale: Locale, facts: Pick<PostingFacts, "title" | "organisationName">, subject: { childName: string; sessions: Session[] }): string {
  const vars: WordingVars = {
    childName: subject.childName,
    postingTitle: facts.title,
    organisationName: facts.organisationName,
    sessions: subject.sessions.map((s) => formatRange(s.startsAt, s.endsAt, locale)).join(locale === "ja" ? "、" : "; "),
  };
  return consentWording(locale, vars);
}

export function standingWordingFor(locale: Locale, childName: string, now: Date): string {
  const until = new Date(schoolYearEnd(now).getTime() - 1);
  const day = tokyoFormatter(locale === "ja" ? "ja-JP" : "en-GB", { year: "numeric", month: "long", day: "numeric" }).format(until);
  return standingConsentWording(locale, { childName, until: day });
}

export { consentLinkState, revokeLinkState, CONSENT_WORDING_VERSION };

/** Writes the guardian's answer on an open request (checked again under a row lock: a second answer finds it used). */
export async function recordConsentAnswer(
  trx: Executor,
  consentId: number,
  answer: { given: boolean; signedName: string; emergencyPhone: string; wordingText: string; standing: boolean; ip: string; now: Date },
): Promise<"ok" | "used" | "expired"> {
  const row = await trx.selectFrom("guardian_consents").select(["status", "expires_at"]).where("id", "=", consentId).forUpdate().executeTakeFirst();
  const state = consentLinkState(row, answer.now);
  if (state === "expired") return "expired";
  if (state !== "open") return "used";
  await trx
    .updateTable("guardian_consents")
    .set({
      status: answer.given ? "given" : "declined",
      answered_at: answer.now,
      answered_name: answer.given ? answer.signedName : "",
      emergency_phone: answer.given ? answer.emergencyPhone : "",
      wording_version: CONSENT_WORDING_VERSION,
      wording_text: answer.given ? answer.wordingText : "",
      answered_ip: answer.ip,
      scope: answer.given && answer.standing ? "school_year" : "posting",
      valid_until: answer.given && answer.standing ? schoolYearEnd(answer.now) : null,
      // A standing consent can be withdrawn until the end of the school year it covers.
      ...(answer.given && answer.standing ? { revoke_until: sql<Date>`greatest(revoke_until, ${schoolYearEnd(answer.now)}::timestamptz)` } : {}),
    })
    .where("id", "=", consentId)
    .execute();
  return "ok";
}

/**
 * Withdraws a consent (and, for a standing consent, those it covered): returns the ids of the consent rows now
 * revoked, for the caller to withdraw their applications.
 */
export async function markConsentRevoked(trx: Executor, consentId: number, ip: string, now: Date): Promise<number[]> {
  const ids = [consentId];
  const covered = await trx.selectFrom("guardian_consents").select("id").where("covered_by_consent_id", "=", consentId).where("status", "=", "given").execute();
  ids.push(...covered.map((c) => c.id));
  await trx
    .updateTable("guardian_consents")
    .set({ status: "revoked", revoked_at: now, revoked_ip: ip, answered_at: sql<Date>`coalesce(answered_at, ${now}::timestamptz)` })
    .where("id", "in", ids)
    .execute();
  return ids;
}

/**
 * Retention: once the sessions a consent covered are due (the cutoff of the retention job), the guardian's
 * details, signature, phone and addresses are cleared; the state, dates and wording version stay, and an
 * anonymous count is kept. Guardians named by accounts since deleted go too. Safe to run twice.
 */
export const purgeGuardianConsents: RetentionStep = async (trx, context) => {
  const due = await sql<{ id: number }>`
    select g.id from guardian_consents g
    where g.retention_purged_at is null
      and g.created_at < ${context.cutoff}::timestamptz
      and not exists (select 1 from applications a where a.guardian_consent_id = g.id and a.shift_ends_at >= ${context.cutoff}::timestamptz)
      and (g.valid_until is null or g.valid_until < ${context.cutoff}::timestamptz)
    order by g.id
    limit 2000
    for update skip locked`.execute(trx);
  const ids = due.rows.map((r) => r.id);
  if (ids.length) {
    await sql`
      insert into retention_counts (counted_at, school_year, subject, status, count)
      select ${context.now}::timestamptz,
        (extract(year from g.created_at at time zone 'Asia/Tokyo') - case when extract(month from g.created_at at time zone 'Asia/Tokyo') < 4 then 1 else 0 end)::int,
        'guardian_consent', g.status, count(*)::int
      from guardian_consents g where g.id = any(${ids}::int[])
      group by 2, 4`.execute(trx);
    await trx
      .updateTable("guardian_consents")
      .set({
        guardian_name: "",
        guardian_relationship: "",
        guardian_email: "",
        answered_name: "",
        emergency_phone: "",
        wording_text: "",
        answered_ip: "",
        revoked_ip: "",
        retention_purged_at: context.now,
      })
      .where("id", "in", ids)
      .execute();
  }
  const gone = await sql`delete from student_guardians sg using users u where u.id = sg.user_id and u.deleted_at is not null`.execute(trx);
  return ids.length + Number(gone.numAffectedRows ?? 0);
};

// Every process that can run the retention job imports this module (through the applications module the
// runtime imports); the step is exported as well, for the retention job's own list.
registerRetentionStep("guardian_consents", purgeGuardianConsents);
