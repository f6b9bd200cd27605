import { sql } from "kysely";
import type { DB, Executor } from "#db/client.server";
import type { AvailabilitySlot, VolunteerType } from "#db/schema";
import { sendEmail } from "#emails/outbox.server";
import { audit } from "~/utils/audit.server";
import type { Locale } from "~/utils/i18n";
import { translate } from "~/utils/translate";
import { ensureThread, postMessage } from "~/modules/messages/messages.server";
import { ACTIVE_STATUSES } from "~/modules/applications/applications.rules";
import { givenName } from "~/modules/accounts/names";
import { isShownToOrganisation, mayBeSuggestedToOrganisations, rankPeople, scoreMatch, type CandidatePerson, type CandidatePosting, type Reason } from "./recommend.rules";
import { reasonTexts } from "./recommend.reasons";
import { clampLimit, districtCentre, districtCentres, fromJson, minorsPolicy, personFrom } from "./recommend.shared.server";
import { postingShifts, postingsWithOrganisation } from "../postings/session-details.server";

/**
 * For organisations: people to invite to a posting, ranked with the same rules as postings for a person
 * (recommend.rules.ts), and inviting one of them.
 */

/** A posting as scoring sees it, with every shift still to come (the rules decide which are open). */
async function postingForMatching(db: Executor, organisationId: number, postingId: number, now: Date) {
  const posting = await postingsWithOrganisation(db)
    .innerJoin("categories as c", "c.id", "p.category_id")
    .select([
      "p.id",
      "p.title",
      "p.status",
      "p.tags",
      "p.welcomes_minors",
      "p.open_to_minors",
      "p.minimum_age",
      "p.latitude",
      "p.longitude",
      "o.name as organisation_name",
      "o.status as organisation_status",
      "c.code as category_code",
      "c.name_ja as category_ja",
      "c.name_en as category_en",
    ])
    .where("p.id", "=", postingId)
    .where("p.organisation_id", "=", organisationId)
    .executeTakeFirst();
  if (!posting) return null;
  const shifts = await postingShifts(db, postingId, { after: now });
  const candidate: CandidatePosting = {
    id: posting.id,
    categoryCode: posting.category_code,
    tags: posting.tags ?? [],
    welcomesMinors: posting.welcomes_minors,
    approvedForMinors: posting.open_to_minors,
    minimumAge: posting.minimum_age,
    latitude: posting.latitude === null ? null : Number(posting.latitude),
    longitude: posting.longitude === null ? null : Number(posting.longitude),
    shifts: shifts.map((s) => ({ id: s.id, startsAt: new Date(s.starts_at), endsAt: new Date(s.ends_at), capacity: s.capacity, confirmed: s.confirmed_count })),
  };
  return { posting, candidate, open: posting.status === "published" && posting.organisation_status === "verified" };
}

export interface SuggestedVolunteer {
  userId: number;
  /** The given name only: the person has not applied, so the organisation sees no more. */
  name: string;
  volunteerType: VolunteerType | null;
  districtJa: string | null;
  districtEn: string | null;
  /** What of the person's profile fits the posting. */
  matching: { interests: string[]; skills: string[]; availability: AvailabilitySlot[] };
  score: number;
  /** Only reasons about the person's stated profile (isShownToOrganisation). */
  reasons: Reason[];
}

export interface VolunteerSuggestions {
  posting: { id: number; title: string; status: string; categoryJa: string; categoryEn: string };
  /** Published by a verified organisation: only then are people suggested and invitations possible. */
  open: boolean;
  people: SuggestedVolunteer[];
}

/**
 * People who allow invitations, are active, are not minors, are not members of the organisation and have not
 * applied to or been invited to the posting. Null when the posting is not the organisation's.
 */
export async function recommendVolunteers(
  db: Executor,
  organisationId: number,
  postingId: number,
  options: { limit?: number; now?: Date } = {},
): Promise<VolunteerSuggestions | null> {
  const now = options.now ?? new Date();
  const limit = clampLimit(options.limit, 20);
  const found = await postingForMatching(db, organisationId, postingId, now);
  if (!found) return null;
  const { posting, candidate, open } = found;
  const summary = { id: posting.id, title: posting.title, status: posting.status, categoryJa: posting.category_ja, categoryEn: posting.category_en };
  if (!open) return { posting: summary, open, people: [] };
  const policy = await minorsPolicy(db);

  // As one JSON value: thousands of rows are slow to carry out of PGlite one by one.
  const query = invitablePeople(db, organisationId, postingId);
  type PersonRow = Awaited<ReturnType<typeof query.execute>>[number];
  const { rows: result } = await sql<{ people: unknown }>`select json_agg(x order by x.id) as people from (${query}) x`.execute(db);
  const rows = fromJson<PersonRow[]>(result[0]?.people, []);
  const centres = await districtCentres(db, [...new Set(rows.map((r) => r.district_id).filter((id): id is number => id !== null))]);
  const centreOf = new Map(centres.map((c) => [c.district_id, { lat: Number(c.latitude), lng: Number(c.longitude) }]));
  const people: (CandidatePerson & { row: (typeof rows)[number] })[] = rows
    .map((row) => ({ id: row.id, row, ...personFrom(row, row.district_id === null ? null : (centreOf.get(row.district_id) ?? null)) }))
    .filter((p) => mayBeSuggestedToOrganisations(p, now, policy.minorAge));

  return {
    posting: summary,
    open,
    people: rankPeople(candidate, people, now, limit, policy).map((r) => {
      const reasons = r.reasons.filter(isShownToOrganisation);
      return {
        userId: r.person.id,
        name: givenName(r.person.row.display_name),
        volunteerType: r.person.volunteerType,
        districtJa: r.person.row.district_ja,
        districtEn: r.person.row.district_en,
        matching: {
          interests: reasons.flatMap((x) => (x.kind === "interest" ? [x.category] : [])),
          skills: reasons.flatMap((x) => (x.kind === "skill" ? [x.skill] : [])),
          availability: reasons.flatMap((x) => (x.kind === "availability" ? [x.slot] : [])),
        },
        score: r.score,
        reasons,
      };
    }),
  };
}

/** Accounts an organisation could invite to a posting (before the age rule, which needs the birth date). */
function invitablePeople(db: Executor, organisationId: number, postingId: number) {
  return db
    .selectFrom("users as u")
    .leftJoin("districts as d", "d.id", "u.district_id")
    .select([
      "u.id",
      "u.display_name",
      "u.volunteer_type",
      "u.district_id",
      "u.interests",
      "u.skills",
      "u.availability",
      "u.birth_date",
      "d.name_ja as district_ja",
      "d.name_en as district_en",
    ])
    .where("u.open_to_invitations", "=", true)
    .where("u.role", "=", "volunteer")
    .where("u.deleted_at", "is", null)
    .where("u.disabled_at", "is", null)
    .where("u.email_verified_at", "is not", null)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("applications as a")
            .select(sql`1`.as("one"))
            .whereRef("a.user_id", "=", "u.id")
            .where("a.posting_id", "=", postingId)
            .where("a.status", "in", [...ACTIVE_STATUSES, "declined"]),
        ),
      ),
    )
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom("volunteer_invitations as i").select(sql`1`.as("one")).whereRef("i.user_id", "=", "u.id").where("i.posting_id", "=", postingId))),
    )
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom("memberships as m").select(sql`1`.as("one")).whereRef("m.user_id", "=", "u.id").where("m.organisation_id", "=", organisationId))),
    )
    .orderBy("u.id");
}

/** The people already invited to a posting, newest first: given name and when. */
export async function postingInvitations(db: Executor, organisationId: number, postingId: number) {
  const rows = await db
    .selectFrom("volunteer_invitations as i")
    .innerJoin("postings as p", "p.id", "i.posting_id")
    .innerJoin("users as u", "u.id", "i.user_id")
    .select(["i.id", "i.user_id", "i.created_at", "u.display_name", "u.deleted_at"])
    .where("i.posting_id", "=", postingId)
    .where("p.organisation_id", "=", organisationId)
    .orderBy("i.created_at", "desc")
    .orderBy("i.id", "desc")
    .execute();
  return rows.map((r) => ({ id: r.id, userId: r.user_id, name: r.deleted_at ? null : givenName(r.display_name), invitedAt: new Date(r.created_at).toISOString() }));
}

// ---------------------------------------------------------------------------------------------------------
// Inviting
// ---------------------------------------------------------------------------------------------------------

export type InviteResult =
  | { status: "ok"; invitationId: number; threadId: number; name: string }
  | { status: "not-found" }
  /** The posting is not published, or its organisation is not verified. */
  | { status: "not-open" }
  /** The person cannot be invited to it: no longer allows invitations, left, a minor, applied, or no shift fits. */
  | { status: "not-eligible" }
  | { status: "already-invited" };

export interface InviteInput {
  organisationId: number;
  postingId: number;
  userId: number;
  /** The member who invites. */
  invitedBy: number;
  /** The site's address, for the links in the email. */
  origin: string;
  ip?: string;
  now?: Date;
}

/**
 * Invites a person to a posting, in one transaction: the invitation (once per person and posting), a notice in
 * their conversation with the organisation, the "volunteer-invitation" email in their language with the reasons
 * the posting suits them, and the audit entry. The person decides; nothing else changes.
 */
export async function inviteVolunteer(db: DB, input: InviteInput): Promise<InviteResult> {
  const now = input.now ?? new Date();
  return db.transaction().execute(async (trx): Promise<InviteResult> => {
    const found = await postingForMatching(trx, input.organisationId, input.postingId, now);
    if (!found) return { status: "not-found" };
    if (!found.open) return { status: "not-open" };
    const { posting, candidate } = found;

    const already = await trx
      .selectFrom("volunteer_invitations")
      .select("id")
      .where("posting_id", "=", input.postingId)
      .where("user_id", "=", input.userId)
      .executeTakeFirst();
    if (already) return { status: "already-invited" };

    const row = await invitablePeople(trx, input.organisationId, input.postingId).where("u.id", "=", input.userId).executeTakeFirst();
    if (!row) {
      // Another member's invitation may have committed since the check above (each statement sees the latest
      // commits): say so rather than "not eligible".
      const now2 = await trx.selectFrom("volunteer_invitations").select("id").where("posting_id", "=", input.postingId).where("user_id", "=", input.userId).executeTakeFirst();
      return { status: now2 ? "already-invited" : "not-eligible" };
    }
    const policy = await minorsPolicy(trx);
    const person = personFrom(row, await districtCentre(trx, row.district_id));
    if (!mayBeSuggestedToOrganisations(person, now, policy.minorAge)) return { status: "not-eligible" };
    const match = scoreMatch(person, candidate, now, policy);
    if (match.excluded !== null) return { status: "not-eligible" };

    const invitation = await trx
      .insertInto("volunteer_invitations")
      .values({ posting_id: input.postingId, user_id: input.userId, invited_by: input.invitedBy })
      .onConflict((oc) => oc.columns(["posting_id", "user_id"]).doNothing())
      .returning("id")
      .executeTakeFirst();
    // Someone else in the organisation invited the same person a moment ago.
    if (!invitation) return { status: "already-invited" };

    const contact = await trx.selectFrom("users").select(["email", "locale"]).where("id", "=", input.userId).executeTakeFirstOrThrow();
    const locale: Locale = contact.locale === "en" ? "en" : "ja";
    const threadId = await ensureThread(trx, { postingId: input.postingId, volunteerUserId: input.userId });
    await postMessage(trx, {
      threadId,
      senderUserId: null,
      side: "system",
      body: translate(locale, "recommendations.invite.message", { organisation: posting.organisation_name, title: posting.title }),
      origin: input.origin,
      notify: false,
      now,
    });
    const categoryName = () => (locale === "ja" ? posting.category_ja : posting.category_en);
    await sendEmail(trx, {
      template: "volunteer-invitation",
      to: contact.email,
      locale,
      props: {
        postingTitle: posting.title,
        organisationName: posting.organisation_name,
        postingUrl: `${input.origin}/postings/${input.postingId}`,
        threadUrl: `${input.origin}/messages/${threadId}`,
        reasons: reasonTexts(match.reasons, locale, "volunteer", categoryName),
        settingsUrl: `${input.origin}/account/profile`,
      },
    });
    await audit(trx, {
      actorUserId: input.invitedBy,
      action: "posting.volunteer_invited",
      subjectType: "posting",
      subjectId: input.postingId,
      ip: input.ip,
      details: { userId: input.userId, invitationId: invitation.id },
    });
    return { status: "ok", invitationId: invitation.id, threadId, name: givenName(row.display_name) };
  });
}
