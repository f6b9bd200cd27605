import { randomBytes } from "node:crypto";
import { sql } from "kysely";
import type { DB } from "#db/client.server";
import type { ApplicationStatus, AvailabilitySlot, VolunteerType } from "#db/schema";
import type { CandidatePosting } from "~/modules/recommendations/recommend.rules";
import { createCatalogue, createOrganisation, createPosting, TEST_PASSWORD_HASH } from "./factories";

/** Rows for recommendation tests: people with a volunteer profile, postings with what scoring reads, places. */

const HOUR = 3600_000;
const DAY = 24 * HOUR;

/** An instant `days` from now at a Tokyo wall-clock time, e.g. inDays(5, "09:00"). */
export function inDays(days: number, hhmm: string, now = new Date()): Date {
  const today = new Date(now.getTime() + 9 * HOUR).toISOString().slice(0, 10);
  return new Date(new Date(`${today}T${hhmm}:00+09:00`).getTime() + days * DAY);
}

/** The next Saturday at least `minDays` ahead, at a Tokyo time. */
export function nextSaturday(hhmm: string, minDays = 1, now = new Date()): Date {
  for (let d = minDays; ; d++) {
    const at = inDays(d, hhmm, now);
    if (new Date(at.getTime() + 9 * HOUR).getUTCDay() === 6) return at;
  }
}

export interface VolunteerOptions {
  displayName?: string;
  email?: string;
  interests?: string[];
  skills?: string[];
  availability?: AvailabilitySlot[];
  volunteerType?: VolunteerType | null;
  birthDate?: string | null;
  districtCode?: string | null;
  openToInvitations?: boolean;
  locale?: "ja" | "en";
  verified?: boolean;
}

/** A volunteer with a profile; an adult by default. */
export async function createVolunteer(db: DB, options: VolunteerOptions = {}) {
  const { districts } = await createCatalogue(db);
  const district = options.districtCode ? districts.find((d) => d.code === options.districtCode) : undefined;
  return db
    .insertInto("users")
    .values({
      email: options.email ?? `volunteer-${randomBytes(5).toString("hex")}@example.test`,
      password_hash: TEST_PASSWORD_HASH,
      display_name: options.displayName ?? "八幡 花子",
      email_verified_at: options.verified === false ? null : new Date(),
      interests: options.interests ?? [],
      skills: options.skills ?? [],
      availability: options.availability ?? [],
      volunteer_type: options.volunteerType === undefined ? "university" : options.volunteerType,
      birth_date: options.birthDate === undefined ? "2000-04-01" : options.birthDate,
      district_id: district?.id ?? null,
      open_to_invitations: options.openToInvitations ?? false,
      locale: options.locale ?? "ja",
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A civic centre with a position in a district: where distances from that district are measured. */
export async function createCivicCentre(db: DB, districtCode: string, at: { lat: number; lng: number }, kind: "civic_centre" | "park" = "civic_centre") {
  const { districts } = await createCatalogue(db);
  const district = districts.find((d) => d.code === districtCode)!;
  return db
    .insertInto("places")
    .values({ kind, name_ja: `${kind === "park" ? "公園" : "市民センター"} ${randomBytes(3).toString("hex")}`, district_id: district.id, latitude: at.lat, longitude: at.lng })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export interface RecommendablePostingOptions {
  organisationId?: number;
  title?: string;
  categoryCode?: string;
  tags?: string[];
  welcomesMinors?: boolean;
  /** Passed the safeguarding review (only with welcomesMinors). */
  approvedForMinors?: boolean;
  minimumAge?: number | null;
  at?: { lat: number; lng: number } | null;
  shifts?: { startsAt: Date; endsAt?: Date; capacity?: number; taken?: number }[];
  status?: "published" | "draft" | "closed";
}

/** A published posting of a verified organisation, with tags, position and shifts as given. */
export async function createRecommendablePosting(db: DB, options: RecommendablePostingOptions = {}) {
  const organisationId = options.organisationId ?? (await createOrganisation(db)).id;
  const shifts = (options.shifts ?? [{ startsAt: inDays(7, "09:00") }]).map((s) => ({
    startsAt: s.startsAt,
    endsAt: s.endsAt ?? new Date(s.startsAt.getTime() + 2 * HOUR),
    capacity: s.capacity ?? 5,
  }));
  const posting = await createPosting(db, organisationId, {
    title: options.title,
    categoryCode: options.categoryCode ?? "cleanup",
    welcomesMinors: options.welcomesMinors ?? false,
    status: options.status ?? "published",
    shifts,
  });
  await db
    .updateTable("postings")
    .set({
      tags: options.tags ?? [],
      minimum_age: options.minimumAge ?? null,
      latitude: options.at === undefined ? null : (options.at?.lat ?? null),
      longitude: options.at === undefined ? null : (options.at?.lng ?? null),
      safeguarding_status: options.welcomesMinors ? (options.approvedForMinors === false ? "pending" : "approved") : "not_required",
    })
    .where("id", "=", posting.id)
    .execute();
  const rows = await db.selectFrom("shifts").selectAll().where("posting_id", "=", posting.id).orderBy("starts_at").orderBy("id").execute();
  for (const [i, s] of (options.shifts ?? []).entries())
    if (s.taken) await db.updateTable("shifts").set({ confirmed_count: s.taken }).where("id", "=", rows[i].id).execute();
  return { ...posting, shifts: rows };
}

/** An application row as applying would leave it (a confirmed one holds its place). */
export async function createApplicationRow(db: DB, input: { postingId: number; userId: number; status?: ApplicationStatus }) {
  const status = input.status ?? "pending";
  const shift = await db.selectFrom("shifts").selectAll().where("posting_id", "=", input.postingId).orderBy("starts_at").executeTakeFirstOrThrow();
  await db
    .insertInto("applications")
    .values({
      shift_id: shift.id,
      shift_starts_at: shift.starts_at,
      shift_ends_at: shift.ends_at,
      posting_id: input.postingId,
      user_id: input.userId,
      status,
    })
    .execute();
  if (status === "confirmed") await sql`update shifts set confirmed_count = confirmed_count + 1 where id = ${shift.id}`.execute(db);
}

/**
 * Every candidate posting as the scoring rules see it, read plainly (one row per shift) — what the candidate
 * index and the shortlist must agree with.
 */
export async function allCandidatePostings(db: DB, now: Date): Promise<CandidatePosting[]> {
  const rows = await db
    .selectFrom("postings as p")
    .innerJoin("organisations as o", "o.id", "p.organisation_id")
    .innerJoin("categories as c", "c.id", "p.category_id")
    .innerJoin("shifts as s", "s.posting_id", "p.id")
    .select([
      "p.id",
      "c.code",
      "p.tags",
      "p.welcomes_minors",
      "p.safeguarding_status",
      "p.minimum_age",
      "p.latitude",
      "p.longitude",
      "s.id as shift_id",
      "s.starts_at",
      "s.ends_at",
      "s.capacity",
      "s.confirmed_count",
    ])
    .where("p.status", "=", "published")
    .where("o.status", "=", "verified")
    .where("s.starts_at", ">", now)
    .orderBy("p.id")
    .execute();
  const byId = new Map<number, CandidatePosting & { shifts: CandidatePosting["shifts"][number][] }>();
  for (const r of rows) {
    let posting = byId.get(r.id);
    if (!posting) {
      posting = {
        id: r.id,
        categoryCode: r.code,
        tags: r.tags,
        welcomesMinors: r.welcomes_minors,
        approvedForMinors: r.welcomes_minors && r.safeguarding_status === "approved",
        minimumAge: r.minimum_age,
        latitude: r.latitude === null ? null : Number(r.latitude),
        longitude: r.longitude === null ? null : Number(r.longitude),
        shifts: [],
      };
      byId.set(r.id, posting);
    }
    posting.shifts.push({ id: r.shift_id, startsAt: new Date(r.starts_at), endsAt: new Date(r.ends_at), capacity: r.capacity, confirmed: r.confirmed_count });
  }
  return [...byId.values()];
}

/** Takes every posting off the market, so a test starts from no candidates at all. */
export async function closeAllPostings(db: DB) {
  await db.updateTable("postings").set({ status: "closed" }).where("status", "=", "published").execute();
}
