import { refreshSearchDocuments } from "#search/document.server";
import type { Kysely } from "kysely";
import type { Database } from "#db/schema";
import { hashPassword } from "~/modules/accounts/password.server";
import { approveDemoPostings } from "~/modules/safeguarding/review.seed";
import { reviewOtherDemoPostings } from "./safeguarding";
import { seedAttendanceDemo } from "~/modules/attendance/attendance.seed";
import { seedRecruitmentDemo } from "./recruitment";
import { seedParksDemo } from "./parks";
import {
  CATEGORIES,
  DEMO_ACCOUNTS,
  DEMO_VOLUNTEER_PROFILES,
  DEMO_PASSWORD,
  DEMO_SCHOOLS,
  DEMO_TOTP_SECRET,
  DISTRICTS,
  ORGANISATIONS,
  PLACES,
  POSTING_TEMPLATES,
  type PostingSeed,
} from "./data";

export interface SeedSummary {
  users: number;
  organisations: number;
  postings: number;
  shifts: number;
}

/** Thrown when the database already holds reference data: demo data goes only into an empty database. */
export class AlreadySeededError extends Error {
  constructor() {
    super("The database is already seeded (the districts table has rows); demo data was not inserted.");
    this.name = "AlreadySeededError";
  }
}

const TOKYO_OFFSET_MS = 9 * 60 * 60 * 1000;
const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/**
 * The instant of wall-clock time `hhmm` in Asia/Tokyo, `dayOffset` calendar days after the Tokyo date of `now`.
 * Japan has no daylight saving time, so a fixed +09:00 offset is exact.
 */
export function tokyoDateTime(now: Date, dayOffset: number, hhmm: string): Date {
  if (!HHMM.test(hhmm)) throw new Error(`Invalid time "${hhmm}": expected HH:MM`);
  if (!Number.isInteger(dayOffset)) throw new Error(`Invalid day offset ${dayOffset}: expected an integer`);
  const tokyoNow = new Date(now.getTime() + TOKYO_OFFSET_MS);
  const day = new Date(
    Date.UTC(tokyoNow.getUTCFullYear(), tokyoNow.getUTCMonth(), tokyoNow.getUTCDate() + dayOffset),
  );
  const ymd = day.toISOString().slice(0, 10);
  return new Date(`${ymd}T${hhmm}:00+09:00`);
}

function minutes(hhmm: string): number {
  const match = HHMM.exec(hhmm);
  if (!match) throw new Error(`Invalid time "${hhmm}": expected HH:MM`);
  return Number(match[1]) * 60 + Number(match[2]);
}

function lookup<T>(map: Map<string, T>, key: string, what: string): T {
  const value = map.get(key);
  if (value === undefined) throw new Error(`Seed data refers to an unknown ${what}: "${key}"`);
  return value;
}

function uniqueBy<T>(rows: readonly T[], key: (row: T) => string, what: string): void {
  const seen = new Set<string>();
  for (const row of rows) {
    const k = key(row);
    if (seen.has(k)) throw new Error(`Seed data has a duplicate ${what}: "${k}"`);
    seen.add(k);
  }
}

/** Checks the demo data against the rules it must keep, so bad data fails before anything is written. */
function validatePostings(postings: readonly PostingSeed[]): void {
  uniqueBy(postings, (p) => p.title, "posting title");
  for (const p of postings) {
    const where = `posting "${p.title}"`;
    if (p.title.length > 60) throw new Error(`${where}: the title is longer than 60 characters`);
    if (p.shifts.length === 0) throw new Error(`${where}: has no shifts`);
    if (p.welcomes_minors && p.minimum_age !== null && p.minimum_age >= 18) {
      throw new Error(`${where}: welcomes minors but has a minimum age of ${p.minimum_age}`);
    }
    if (!p.place && (!p.place_name || p.latitude === undefined || p.longitude === undefined)) {
      throw new Error(`${where}: needs a place key or a place name with a position`);
    }
    for (const s of p.shifts) {
      const start = minutes(s.start);
      const end = minutes(s.end);
      if (s.dayOffset < 1 || s.dayOffset > 56) throw new Error(`${where}: day offset ${s.dayOffset} is outside 1..56`);
      if (end <= start) throw new Error(`${where}: a shift ends before it starts`);
      // Nothing between 23:00 and 04:00 (福岡県青少年健全育成条例); minors' activities end by 21:00.
      if (start < 4 * 60 || end > 23 * 60) throw new Error(`${where}: a shift falls between 23:00 and 04:00`);
      if (p.welcomes_minors && end > 21 * 60) throw new Error(`${where}: welcomes minors but ends after 21:00`);
      if (!(s.capacity > 0)) throw new Error(`${where}: a shift has no capacity`);
    }
  }
}

/**
 * Inserts the demo data (categories, districts, places, demo accounts, demo organisations, postings and shifts)
 * in one transaction. Refuses to run when the districts table already has rows.
 */
export async function seedDemo(db: Kysely<Database>, options: { now?: Date } = {}): Promise<SeedSummary> {
  const now = options.now ?? new Date();

  uniqueBy(CATEGORIES, (c) => c.code, "category code");
  uniqueBy(DISTRICTS, (d) => d.code, "district code");
  uniqueBy(PLACES, (p) => p.key, "place key");
  uniqueBy(PLACES, (p) => p.name_ja, "place name");
  uniqueBy(ORGANISATIONS, (o) => o.key, "organisation key");
  uniqueBy(ORGANISATIONS, (o) => o.name, "organisation name");
  uniqueBy(DEMO_ACCOUNTS, (a) => a.email, "account email");
  validatePostings(POSTING_TEMPLATES);

  // Argon2 is slow on purpose: hash once and share the hash among the demo accounts.
  const passwordHash = await hashPassword(DEMO_PASSWORD);

  return db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom("districts").select("id").limit(1).executeTakeFirst();
    if (existing) throw new AlreadySeededError();

    const categoryRows = await trx
      .insertInto("categories")
      .values(CATEGORIES.map((c, i) => ({ code: c.code, name_ja: c.name_ja, name_en: c.name_en, sort_order: (i + 1) * 10 })))
      .returning(["id", "code"])
      .execute();
    const categoryIds = new Map(categoryRows.map((r) => [r.code, r.id]));

    const districtRows = await trx
      .insertInto("districts")
      .values(DISTRICTS.map((d) => ({ code: d.code, name_ja: d.name_ja, name_en: d.name_en, sort_order: d.sort_order })))
      .returning(["id", "code"])
      .execute();
    const districtIds = new Map(districtRows.map((r) => [r.code, r.id]));
    const districtId = (code: string | null) => (code === null ? null : lookup(districtIds, code, "district"));

    const placeRows = await trx
      .insertInto("places")
      .values(
        PLACES.map((p) => ({
          kind: p.kind,
          name_ja: p.name_ja,
          name_en: p.name_en,
          address: p.address,
          district_id: districtId(p.district),
          latitude: p.latitude,
          longitude: p.longitude,
          note: p.note,
        })),
      )
      .returning(["id", "name_ja"])
      .execute();
    const placeIdsByName = new Map(placeRows.map((r) => [r.name_ja, r.id]));
    const places = new Map(PLACES.map((p) => [p.key, { ...p, id: lookup(placeIdsByName, p.name_ja, "place") }]));

    const userRows = await trx
      .insertInto("users")
      .values(
        DEMO_ACCOUNTS.map((a) => ({
          email: a.email,
          email_verified_at: now,
          password_hash: passwordHash,
          role: a.role,
          display_name: a.display_name,
          name_kana: a.name_kana,
          district_id: districtId(a.district),
          birth_date: a.birth_date,
          interests: a.interests,
          locale: "ja" as const,
          totp_secret: a.totp ? DEMO_TOTP_SECRET : null,
          totp_enabled_at: a.totp ? now : null,
          created_at: now,
          updated_at: now,
        })),
      )
      .returning(["id", "email", "role"])
      .execute();
    const userIds = new Map(userRows.map((r) => [r.email, r.id]));
    // Volunteer profiles, so recommendations and the organisation's applicant lists have something to show.
    for (const [email, profile] of Object.entries(DEMO_VOLUNTEER_PROFILES))
      await trx.updateTable("users").set(profile).where("id", "=", lookup(userIds, email, "account")).execute();
    const staffUser = userRows.find((r) => r.role === "staff") ?? userRows.find((r) => r.role === "admin");
    if (!staffUser) throw new Error("Seed data has no staff account to record organisation verification");

    // The first owner of each organisation, used as the creator of the organisation and of its postings.
    const ownerByOrg = new Map<string, number>();
    for (const account of DEMO_ACCOUNTS) {
      for (const m of account.memberships) {
        if (m.role === "owner" && !ownerByOrg.has(m.org)) ownerByOrg.set(m.org, lookup(userIds, account.email, "account"));
      }
    }

    const orgRows = await trx
      .insertInto("organisations")
      .values(
        ORGANISATIONS.map((o) => ({
          name: o.name,
          name_kana: o.name_kana,
          kind: o.kind,
          district_id: districtId(o.district),
          description: o.description,
          contact_name: o.contact_name,
          contact_email: o.contact_email,
          contact_phone: o.contact_phone,
          website: o.website ?? "",
          status: o.status,
          status_changed_at: o.status === "verified" ? now : null,
          status_changed_by: o.status === "verified" ? staffUser.id : null,
          is_demo: true,
          created_by: ownerByOrg.get(o.key) ?? null,
          created_at: now,
          updated_at: now,
        })),
      )
      .returning(["id", "name"])
      .execute();
    const orgIdsByName = new Map(orgRows.map((r) => [r.name, r.id]));
    const orgs = new Map(ORGANISATIONS.map((o) => [o.key, { ...o, id: lookup(orgIdsByName, o.name, "organisation") }]));

    const memberships = DEMO_ACCOUNTS.flatMap((a) =>
      a.memberships.map((m) => ({
        organisation_id: lookup(orgs, m.org, "organisation").id,
        user_id: lookup(userIds, a.email, "account"),
        role: m.role,
        created_at: now,
      })),
    );
    if (memberships.length > 0) await trx.insertInto("memberships").values(memberships).execute();

    // Schools: their settings, and their students (approved by a coordinator) with the guardian each named.
    for (const school of DEMO_SCHOOLS) {
      const schoolId = lookup(orgs, school.org, "organisation").id;
      await trx
        .insertInto("school_settings")
        .values({ organisation_id: schoolId, requires_coordinator_approval: school.requiresCoordinatorApproval, coordinator_reads_minor_threads: school.coordinatorReadsMinorThreads })
        .execute();
      for (const student of school.students) {
        const userId = lookup(userIds, student.email, "account");
        await trx.insertInto("school_affiliations").values({ organisation_id: schoolId, user_id: userId, status: "approved", requested_at: now, decided_at: now }).execute();
        await trx.updateTable("users").set({ school_organisation_id: schoolId, school_name: "" }).where("id", "=", userId).execute();
        await trx.insertInto("student_guardians").values({ user_id: userId, ...student.guardian, updated_at: now }).execute();
      }
    }

    const postingValues = POSTING_TEMPLATES.map((p) => {
      const org = lookup(orgs, p.org, "organisation");
      if (org.status !== "verified") throw new Error(`posting "${p.title}": its organisation is not verified`);
      const place = p.place ? lookup(places, p.place, "place") : null;
      const status = p.status ?? "published";
      return {
        organisation_id: org.id,
        title: p.title,
        description: p.description,
        category_id: lookup(categoryIds, p.category, "category"),
        tags: p.tags,
        district_id: districtId(p.district),
        place_id: place?.id ?? null,
        place_name: place ? place.name_ja : (p.place_name ?? ""),
        place_address: place ? place.address : (p.place_address ?? ""),
        latitude: place ? place.latitude : (p.latitude ?? null),
        longitude: place ? place.longitude : (p.longitude ?? null),
        minimum_age: p.minimum_age,
        welcomes_minors: p.welcomes_minors,
        what_to_bring: p.what_to_bring,
        meeting_point: p.meeting_point ?? "",
        contact_name: p.contact_name,
        status,
        application_mode: p.application_mode ?? "auto",
        published_at: status === "draft" ? null : now,
        closed_at: status === "closed" ? now : null,
        is_demo: true,
        created_by: ownerByOrg.get(p.org) ?? null,
        created_at: now,
        updated_at: now,
      };
    });
    const postingRows = await trx.insertInto("postings").values(postingValues).returning(["id", "title"]).execute();
    const postingIds = new Map(postingRows.map((r) => [r.title, r.id]));

    const shiftValues = POSTING_TEMPLATES.flatMap((p) =>
      p.shifts.map((s) => ({
        posting_id: lookup(postingIds, p.title, "posting"),
        starts_at: tokyoDateTime(now, s.dayOffset, s.start),
        ends_at: tokyoDateTime(now, s.dayOffset, s.end),
        capacity: s.capacity,
        created_at: now,
      })),
    );
    await trx.insertInto("shifts").values(shiftValues).execute();
    // The demo owner is a vetted responsible adult and their postings that welcome minors passed the safeguarding
    // review, so minors have somewhere to apply; most of the other groups' such postings passed it too.
    const demoOwner = lookup(userIds, "owner@demo.tsunagu.example", "account");
    const ownedOrgs = memberships.filter((m) => m.user_id === demoOwner && m.role === "owner").map((m) => m.organisation_id);
    await approveDemoPostings(trx, { ownerUserId: demoOwner, staffUserId: staffUser.id, organisationIds: ownedOrgs, now });
    const reviewed = await reviewOtherDemoPostings(trx, { staffUserId: staffUser.id, passwordHash, now });
    const pastShifts = await seedAttendanceDemo(trx, {
      now,
      origin: process.env.APP_URL,
      // Only the browser tests set this: they check people in at whatever hour they run.
      sessionAtAnyHour: process.env.DEMO_SESSION_AT_ANY_HOUR === "true",
    });
    const recruitment = await seedRecruitmentDemo(trx, { now, passwordHash });
    await seedParksDemo(trx, { now });
    await refreshSearchDocuments(
      trx,
      postingRows.map((r) => r.id),
    );

    return {
      users: userRows.length + reviewed.accounts + recruitment.users,
      organisations: orgRows.length + recruitment.organisations,
      postings: postingRows.length,
      shifts: shiftValues.length + pastShifts,
    };
  });
}
