import type { Executor } from "#db/client.server";
import type { SafeguardingStatus } from "#db/schema";
import { getGuardian, type Guardian } from "./consent.server";
import { shiftEligibility, needsGuardianConsent, type EligibilityProblem } from "./minors.rules";
import { openToMinors } from "./review.rules";
import { getSafeguardingSettings, getSchoolSettings } from "./settings.server";
import type { SafeguardingSettings, SchoolSettings } from "./settings.rules";

/**
 * What applying means for a person, given their age: the settings that apply, the guardian they named, and the
 * school they belong to (an approved affiliation) with that school's settings.
 */
export interface ApplicantSafeguarding {
  birthDate: string | null;
  settings: SafeguardingSettings;
  guardian: Guardian | null;
  school: { organisationId: number; name: string; settings: SchoolSettings } | null;
}

export async function applicantSafeguarding(db: Executor, userId: number): Promise<ApplicantSafeguarding> {
  const [user, settings, guardian, school] = await Promise.all([
    db.selectFrom("users").select(["birth_date"]).where("id", "=", userId).executeTakeFirst(),
    getSafeguardingSettings(db),
    getGuardian(db, userId),
    affiliatedSchool(db, userId),
  ]);
  return {
    birthDate: user?.birth_date ?? null,
    settings,
    guardian,
    school: school ? { organisationId: school.organisation_id, name: school.name, settings: await getSchoolSettings(db, school.organisation_id) } : null,
  };
}

/** The school a student belongs to (approved by its coordinator), if any. */
export async function affiliatedSchool(db: Executor, userId: number) {
  return db
    .selectFrom("school_affiliations as a")
    .innerJoin("organisations as o", "o.id", "a.organisation_id")
    .select(["a.organisation_id", "o.name"])
    .where("a.user_id", "=", userId)
    .where("a.status", "=", "approved")
    .executeTakeFirst();
}

export interface PostingForEligibility {
  minimum_age: number | null;
  welcomes_minors: boolean;
  safeguarding_status: SafeguardingStatus;
}

export interface ShiftEligibility {
  shiftId: number;
  age: number | null;
  minor: boolean;
  problems: EligibilityProblem[];
  needsGuardianConsent: boolean;
}

/** Eligibility of each shift of a posting for this person (the apply panel shows it; applying checks it again). */
export function eligibilityForShifts(
  who: Pick<ApplicantSafeguarding, "birthDate" | "settings">,
  posting: PostingForEligibility,
  shifts: { id: number; starts_at: Date | string; ends_at: Date | string }[],
): ShiftEligibility[] {
  return shifts.map((s) => {
    const e = shiftEligibility({
      birthDate: who.birthDate,
      shift: { startsAt: new Date(s.starts_at), endsAt: new Date(s.ends_at) },
      posting: {
        minimumAge: posting.minimum_age,
        welcomesMinors: posting.welcomes_minors,
        approvedForMinors: openToMinors({ welcomesMinors: posting.welcomes_minors, safeguardingStatus: posting.safeguarding_status }),
      },
      settings: who.settings,
    });
    return { shiftId: s.id, ...e, needsGuardianConsent: e.minor && needsGuardianConsent(e.age, who.settings.guardianConsentUnder) };
  });
}

/**
 * Threads that involve a minor are read by ward staff (every active staff account, so no single person is a gap)
 * and, where the school's setting allows, the school's coordinators. Each is listed in thread_participants, so
 * the thread page says who they are. Adding twice does nothing.
 */
export async function addSafeguardingReaders(trx: Executor, threadId: number, school: ApplicantSafeguarding["school"]): Promise<void> {
  const staff = await trx.selectFrom("users").select("id").where("role", "=", "staff").where("disabled_at", "is", null).where("deleted_at", "is", null).execute();
  const rows: { thread_id: number; user_id: number; role: "staff" | "coordinator" }[] = staff.map((s) => ({ thread_id: threadId, user_id: s.id, role: "staff" }));
  if (school?.settings.coordinatorReadsMinorThreads) {
    const coordinators = await trx
      .selectFrom("memberships as m")
      .innerJoin("users as u", "u.id", "m.user_id")
      .select("u.id")
      .where("m.organisation_id", "=", school.organisationId)
      .where("u.deleted_at", "is", null)
      .where("u.disabled_at", "is", null)
      .execute();
    for (const c of coordinators) if (!rows.some((r) => r.user_id === c.id)) rows.push({ thread_id: threadId, user_id: c.id, role: "coordinator" });
  }
  if (rows.length) await trx.insertInto("thread_participants").values(rows).onConflict((oc) => oc.columns(["thread_id", "user_id"]).doNothing()).execute();
}
