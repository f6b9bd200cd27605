import { sql } from "kysely";
import type { DB, Executor } from "#db/client.server";
import type { AvailabilitySlot, VolunteerType } from "#db/schema";
import { sendEmail } from "#emails/outbox.server";
import { audit } from "~/utils/audit.server";
import type { Locale } from "~/utils/i18n";
import { pick } from "~/utils/pick";
import { translate } from "~/utils/translate";
import { ensureThread, postMessage } from "~/modules/messages/messages.server";
import { ACTIVE_STATUSES } from "~/modules/applications/applications.rules";
import { minorShiftProblems } from "~/modules/safeguarding/minors.rules";
import { getSafeguardingSettings } from "~/modules/safeguarding/settings.server";
import { givenName } from "~/modules/accounts/names";
import {
  isShownToOrganisation,
  mayBeSuggestedToOrganisations,
  postingSkills,
  rankPeople,
  rankPostings,
  scoreMatch,
  type CandidatePerson,
  type CandidatePosting,
  type CandidateShift,
  type MinorsPolicy,
  type Person,
  type Point,
  type Reason,
} from "./recommend.rules";
import { reasonTexts } from "./recommend.reasons";

/**
 * Recommendations from the database.
 *
 * For a person, every published posting with a place still free is a candidate, so a recommendation looks at all
 * of them (10,000 in the benchmark). Measured on PGlite, reading 10,000 candidate rows out of the database takes
 * hundreds of milliseconds, and scoring them inside SQL took about as long (trigonometry, time zones and pattern
 * matching per row), against a target of 50 ms. So each process keeps a *candidate index*: the scoring fields of
 * every candidate posting and its shifts still to come, read in one statement and rebuilt in the background once it
 * is older than INDEX_TTL_MS. A request reads the person's profile and applications fresh, ranks the whole index
 * with the pure rules (recommend.rules.ts) to a shortlist, then reads the shortlisted postings again — status,
 * organisation, shifts and places as they are now — and ranks those with the same rules. What is shown is therefore
 * always current (a posting closed or filled a second ago is not shown); only a change for the better within the
 * last minute (a posting just published, a place just freed) may be missed until the next read. PostgreSQL stays
 * the only source of truth; the index is a copy that is never written to.
 */

export const DEFAULT_LIMIT = 6;
export const MAX_LIMIT = 50;
/** How old the candidate index may be before a request rebuilds it in the background. */
export const INDEX_TTL_MS = 60_000;
/** How many postings of the index are re-read fresh and ranked again: twice the limit, so that some may drop out. */
const SHORTLIST_FACTOR = 2;
const SHORTLIST_MIN = 12;

const clampLimit = (limit: number | undefined, fallback: number) => Math.min(MAX_LIMIT, Math.max(1, Math.floor(limit ?? fallback)));

/**
 * Where a district "is": its civic centre, else another centre of the district (a park) — the same place the
 * search page measures `near=district:CODE` from (active places with a position, civic centres first, then by
 * name).
 */
function districtCentres(db: Executor, districtIds: number[]) {
  return db
    .selectFrom("places")
    .select(["district_id", "latitude", "longitude"])
    .distinctOn("district_id")
    .where("active", "=", true)
    .where("kind", "in", ["civic_centre", "park"])
    .where("latitude", "is not", null)
    .where("longitude", "is not", null)
    .where("district_id", "in", districtIds.length ? districtIds : [-1])
    .orderBy("district_id")
    .orderBy("kind")
    .orderBy("name_ja")
    .execute();
}

export async function districtCentre(db: Executor, districtId: number | null): Promise<Point | null> {
  if (districtId === null) return null;
  const [row] = await districtCentres(db, [districtId]);
  return row ? { lat: Number(row.latitude), lng: Number(row.longitude) } : null;
}

interface ProfileRow {
  interests: string[];
  skills: string[];
  availability: string[];
  volunteer_type: VolunteerType | null;
  birth_date: string | null;
  district_id: number | null;
}

function personFrom(row: ProfileRow, home: Point | null): Person {
  return {
    interests: row.interests ?? [],
    skills: row.skills ?? [],
    availability: row.availability ?? [],
    volunteerType: row.volunteer_type,
    birthDate: row.birth_date,
    home,
  };
}

/** Whether the profile says enough for recommendations to be about the person (not only about time and need). */
export function profileIsEmpty(person: Pick<Person, "interests" | "skills" | "availability" | "home">): boolean {
  return !person.interests.length && !person.skills.length && !person.availability.length && !person.home;
}

/** JSON arrays travel as text from some drivers and as values from others. */
function fromJson<T>(value: unknown, fallback: T): T {
  if (value === null || value === undefined) return fallback;
  return (typeof value === "string" ? JSON.parse(value) : value) as T;
}

type ShiftTuple = [id: number, startsMs: number, endsMs: number, capacity: number, confirmed: number];

const toShift = ([id, starts, ends, capacity, confirmed]: ShiftTuple): CandidateShift => ({
  id,
  startsAt: new Date(Number(starts)),
  endsAt: new Date(Number(ends)),
  capacity: Number(capacity),
  confirmed: Number(confirmed),
});

/** The ward's current rules for minors (safeguarding settings). */
async function minorsPolicy(db: Executor): Promise<MinorsPolicy> {
  const { minorAge, minorsLatestEnd } = await getSafeguardingSettings(db);
  return { minorAge, minorsLatestEnd };
}

// ---------------------------------------------------------------------------------------------------------
// The candidate index
// ---------------------------------------------------------------------------------------------------------

interface CandidateIndex {
  /** When it was read (the process clock), for its age. */
  builtAt: number;
  /** The latest end of a minor's shift its shifts' minorTimesOk were worked out for. */
  minorsLatestEnd: string;
  /** It holds the shifts that start after this instant (the `now` it was read for). */
  since: number;
  postings: CandidatePosting[];
}

interface IndexSlot {
  index: CandidateIndex | null;
  loading: Promise<CandidateIndex> | null;
}

const indexes = new WeakMap<object, IndexSlot>();

/**
 * One statement: the scoring fields of every published posting of a verified organisation, and every shift still
 * to come, as two JSON texts (one value each is far quicker to carry out of PGlite than thousands of rows).
 */
async function readCandidateIndex(db: Executor, now: Date, policy: MinorsPolicy): Promise<CandidateIndex> {
  const { rows } = await sql<{ postings: unknown; shifts: unknown }>`
    select
      (select json_agg(json_build_array(p.id, c.code, p.tags, p.welcomes_minors, p.open_to_minors,
          p.minimum_age, p.latitude, p.longitude))
        from postings p
        join organisations o on o.id = p.organisation_id
        join categories c on c.id = p.category_id
        where p.status = 'published' and o.status = 'verified') as postings,
      (select json_agg(json_build_array(s.posting_id, s.id, (extract(epoch from s.starts_at) * 1000)::bigint,
          (extract(epoch from s.ends_at) * 1000)::bigint, s.capacity, s.confirmed_count) order by s.posting_id, s.starts_at, s.id)
        from shifts s
        where s.starts_at > ${now}) as shifts`.execute(db);
  const postingRows = fromJson<[number, string, string[] | null, boolean, boolean, number | null, number | null, number | null][]>(rows[0]?.postings, []);
  const shiftRows = fromJson<[number, ...ShiftTuple][]>(rows[0]?.shifts, []);
  const shiftsOf = new Map<number, CandidateShift[]>();
  for (const [postingId, ...tuple] of shiftRows) {
    const shift = toShift(tuple);
    shift.minorTimesOk = minorShiftProblems(shift, policy.minorsLatestEnd).length === 0;
    const list = shiftsOf.get(postingId);
    if (list) list.push(shift);
    else shiftsOf.set(postingId, [shift]);
  }
  const postings: CandidatePosting[] = [];
  for (const [id, categoryCode, tags, welcomesMinors, approvedForMinors, minimumAge, latitude, longitude] of postingRows) {
    const shifts = shiftsOf.get(id);
    if (!shifts) continue;
    const posting: CandidatePosting = { id, categoryCode, tags: tags ?? [], welcomesMinors, approvedForMinors, minimumAge, latitude, longitude, shifts };
    posting.skillMatches = postingSkills(posting);
    postings.push(posting);
  }
  return { builtAt: Date.now(), minorsLatestEnd: policy.minorsLatestEnd, since: now.getTime(), postings };
}

/**
 * The candidate index of this database: read on first use; once older than INDEX_TTL_MS, still used while a
 * fresh one is read in the background. Read again at once when asked about a moment before it was read.
 */
async function candidateIndex(db: Executor, now: Date, policy: MinorsPolicy): Promise<CandidateIndex> {
  let slot = indexes.get(db);
  if (!slot) indexes.set(db, (slot = { index: null, loading: null }));
  const current = slot.index;
  const usable = current !== null && now.getTime() >= current.since && current.minorsLatestEnd === policy.minorsLatestEnd;
  if (usable && Date.now() - current.builtAt < INDEX_TTL_MS) return current;
  const entry = slot;
  const loading = (entry.loading ??= readCandidateIndex(db, now, policy)
    .then((index) => (entry.index = index))
    .finally(() => {
      entry.loading = null;
    }));
  if (!usable) {
    const index = await loading;
    // A read already under way for a later moment lacks shifts this question needs.
    return now.getTime() >= index.since && index.minorsLatestEnd === policy.minorsLatestEnd ? index : readCandidateIndex(db, now, policy);
  }
  // Serve the one we have while the new one is read; a failed read is tried again by a later request.
  loading.catch(() => {});
  return current;
}

/** Drops the candidate index of a database: the next recommendation reads it again (after a bulk import, say). */
export function forgetCandidateIndex(db: Executor): void {
  indexes.delete(db);
}

// ---------------------------------------------------------------------------------------------------------
// For a person: postings
// ---------------------------------------------------------------------------------------------------------

interface FreshRow {
  id: number;
  category_code: string;
  tags: string[] | null;
  welcomes_minors: boolean;
  approved_for_minors: boolean;
  minimum_age: number | null;
  latitude: number | null;
  longitude: number | null;
  title: string;
  place_name: string;
  is_demo: boolean;
  organisation_name: string;
  category_ja: string;
  category_en: string;
  district_ja: string | null;
  district_en: string | null;
  shifts: unknown;
}

/** The shortlisted postings as they are now: still published by a verified organisation, with their shifts to come. */
async function readShortlist(db: Executor, ids: number[], now: Date) {
  if (!ids.length) return [];
  const { rows } = await sql<FreshRow>`
    select p.id, c.code as category_code, p.tags, p.welcomes_minors, p.open_to_minors as approved_for_minors,
      p.minimum_age, p.latitude, p.longitude, p.title, p.place_name, p.is_demo, o.name as organisation_name, c.name_ja as category_ja, c.name_en as category_en,
      d.name_ja as district_ja, d.name_en as district_en,
      (select json_agg(json_build_array(s.id, (extract(epoch from s.starts_at) * 1000)::bigint, (extract(epoch from s.ends_at) * 1000)::bigint,
          s.capacity, s.confirmed_count) order by s.starts_at, s.id)
        from shifts s where s.posting_id = p.id and s.starts_at > ${now}) as shifts
    from postings p
    join organisations o on o.id = p.organisation_id
    join categories c on c.id = p.category_id
    left join districts d on d.id = p.district_id
    where p.id = any(${ids}::int[]) and p.status = 'published' and o.status = 'verified'`.execute(db);
  return rows.map((row) => {
    const posting: CandidatePosting & { row: FreshRow } = {
      id: row.id,
      categoryCode: row.category_code,
      tags: row.tags ?? [],
      welcomesMinors: row.welcomes_minors,
      approvedForMinors: row.approved_for_minors,
      minimumAge: row.minimum_age,
      latitude: row.latitude === null ? null : Number(row.latitude),
      longitude: row.longitude === null ? null : Number(row.longitude),
      shifts: fromJson<ShiftTuple[]>(row.shifts, []).map(toShift),
      row,
    };
    return posting;
  });
}

export interface RecommendedPosting {
  posting: {
    id: number;
    title: string;
    organisationName: string;
    categoryCode: string;
    categoryJa: string;
    categoryEn: string;
    districtJa: string | null;
    districtEn: string | null;
    placeName: string;
    welcomesMinors: boolean;
    isDemo: boolean;
    /** The shift the recommendation is about (ISO instants). */
    nextStartsAt: string;
    nextEndsAt: string;
    placesLeft: number;
    distanceKm: number | null;
  };
  score: number;
  /** Most points first. */
  reasons: Reason[];
}

export interface Recommendations {
  items: RecommendedPosting[];
  /** The person has given no interests, skills, free time or district: the list is only about time and need. */
  profileEmpty: boolean;
}

/**
 * Postings ranked for a person, with reasons: published by a verified organisation, with a shift still to come
 * that has a free place and that the person is old enough for, not applied to already (an application that still
 * stands). An unknown or deleted person gets none.
 */
export async function recommendPostings(db: Executor, userId: number, options: { limit?: number; now?: Date } = {}): Promise<Recommendations> {
  const now = options.now ?? new Date();
  const limit = clampLimit(options.limit, DEFAULT_LIMIT);
  const policy = await minorsPolicy(db);
  const [profile, index] = await Promise.all([
    db
      .selectFrom("users as u")
      .select(["u.interests", "u.skills", "u.availability", "u.volunteer_type", "u.birth_date", "u.district_id"])
      .select((eb) =>
        eb
          .fn<number[]>("array", [
            eb
              .selectFrom("applications as a")
              .select("a.posting_id")
              .whereRef("a.user_id", "=", "u.id")
              .where("a.status", "in", [...ACTIVE_STATUSES]),
          ])
          .as("applied"),
      )
      .where("u.id", "=", userId)
      .where("u.deleted_at", "is", null)
      .executeTakeFirst(),
    candidateIndex(db, now, policy),
  ]);
  if (!profile) return { items: [], profileEmpty: true };
  const person = personFrom(profile, await districtCentre(db, profile.district_id));
  const applied = new Set(profile.applied ?? []);

  const candidates = applied.size ? index.postings.filter((p) => !applied.has(p.id)) : index.postings;
  const shortlist = rankPostings(person, candidates, now, Math.max(SHORTLIST_MIN, limit * SHORTLIST_FACTOR), policy).map((r) => r.posting.id);
  const fresh = await readShortlist(db, shortlist, now);
  const items: RecommendedPosting[] = rankPostings(person, fresh, now, limit, policy).map((r) => {
    const d = r.posting.row;
    return {
      posting: {
        id: d.id,
        title: d.title,
        organisationName: d.organisation_name,
        categoryCode: d.category_code,
        categoryJa: d.category_ja,
        categoryEn: d.category_en,
        districtJa: d.district_ja,
        districtEn: d.district_en,
        placeName: d.place_name,
        // The badge promises that an under-18 can apply now: only after the safeguarding review.
        welcomesMinors: d.approved_for_minors,
        isDemo: d.is_demo,
        nextStartsAt: r.shift.startsAt.toISOString(),
        nextEndsAt: r.shift.endsAt.toISOString(),
        placesLeft: r.shift.capacity - r.shift.confirmed,
        distanceKm: r.distanceKm === null ? null : Math.round(r.distanceKm * 10) / 10,
      },
      score: r.score,
      reasons: r.reasons,
    };
  });
  return { items, profileEmpty: profileIsEmpty(person) };
}

// ---------------------------------------------------------------------------------------------------------
// For organisations: people to invite
// ---------------------------------------------------------------------------------------------------------

/** A posting as scoring sees it, with every shift still to come (the rules decide which are open). */
async function postingForMatching(db: Executor, organisationId: number, postingId: number, now: Date) {
  const posting = await db
    .selectFrom("postings as p")
    .innerJoin("organisations as o", "o.id", "p.organisation_id")
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
  const shifts = await db
    .selectFrom("shifts")
    .select(["id", "starts_at", "ends_at", "capacity", "confirmed_count"])
    .where("posting_id", "=", postingId)
    .where("starts_at", ">", now)
    .orderBy("starts_at")
    .orderBy("id")
    .execute();
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

// ---------------------------------------------------------------------------------------------------------
// For pages
// ---------------------------------------------------------------------------------------------------------

/** One recommended posting as a page shows it: everything in the reader's language, dates as ISO text. */
export interface RecommendationCard {
  id: number;
  title: string;
  organisationName: string;
  categoryName: string;
  districtName: string | null;
  placeName: string;
  welcomesMinors: boolean;
  startsAt: string;
  endsAt: string;
  placesLeft: number;
  distanceKm: number | null;
  /** The reasons in words, best first (at most four). */
  reasons: string[];
}

export interface RecommendationsSection {
  items: RecommendationCard[];
  profileEmpty: boolean;
}

/**
 * What the おすすめ section of a page needs (components/recommendations.tsx), for a signed-in volunteer; null for
 * staff and admins, who are not matched to postings. For loaders: the home page, My activities.
 */
export async function loadRecommendationsSection(
  db: Executor,
  user: { id: number; role: string },
  locale: Locale,
  options: { limit?: number; now?: Date } = {},
): Promise<RecommendationsSection | null> {
  if (user.role !== "volunteer") return null;
  const { items, profileEmpty } = await recommendPostings(db, user.id, options);
  return {
    profileEmpty,
    items: items.map(({ posting, reasons }) => {
      const categoryName = pick(locale, posting.categoryJa, posting.categoryEn);
      return {
        id: posting.id,
        title: posting.title,
        organisationName: posting.organisationName,
        categoryName,
        districtName: posting.districtJa === null ? null : pick(locale, posting.districtJa, posting.districtEn),
        placeName: posting.placeName,
        welcomesMinors: posting.welcomesMinors,
        startsAt: posting.nextStartsAt,
        endsAt: posting.nextEndsAt,
        placesLeft: posting.placesLeft,
        distanceKm: posting.distanceKm,
        reasons: reasonTexts(reasons, locale, "volunteer", () => categoryName),
      };
    }),
  };
}
