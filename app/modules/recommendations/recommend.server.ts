import { sql } from "kysely";
import type { Executor } from "#db/client.server";
import type { Locale } from "~/utils/i18n";
import { pick } from "~/utils/pick";
import { ACTIVE_STATUSES } from "~/modules/applications/applications.rules";
import { minorShiftProblems } from "~/modules/safeguarding/minors.rules";
import { postingSkills, rankPostings, type CandidatePosting, type CandidateShift, type MinorsPolicy, type Reason } from "./recommend.rules";
import { reasonTexts } from "./recommend.reasons";
import { clampLimit, DEFAULT_LIMIT, districtCentre, fromJson, minorsPolicy, personFrom, profileIsEmpty, toShift, type ShiftTuple } from "./recommend.shared.server";

/**
 * Recommendations of postings for a person, from the database (the other direction, people for a posting, is
 * volunteers.server.ts).
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

/** How old the candidate index may be before a request rebuilds it in the background. */
export const INDEX_TTL_MS = 60_000;
/** How many postings of the index are re-read fresh and ranked again: twice the limit, so that some may drop out. */
const SHORTLIST_FACTOR = 2;
const SHORTLIST_MIN = 12;

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
