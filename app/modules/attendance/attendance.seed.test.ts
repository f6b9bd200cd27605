import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateToLatest, openDatabase, type DatabaseHandle } from "#db/client.server";
import { seedDemo } from "~/server/seed/seed";
import { DEMO_CERTIFICATE_CODE } from "./attendance.seed";
import { certificateByCode } from "./certificates.server";
import { confirmedHours } from "./hours.server";

describe("the demo data of attendance", () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = openDatabase({ dataDir: "memory://" });
    await migrateToLatest(handle.db);
    await seedDemo(handle.db);
    // Migrating and seeding an in-memory database takes over a minute on a busy machine.
  }, 180_000);
  afterAll(async () => {
    await handle?.close();
  });

  const userId = async (email: string) => (await handle.db.selectFrom("users").select("id").where("email", "=", email).executeTakeFirstOrThrow()).id;

  it("gives the demo student and the high-school student confirmed hours", async () => {
    const student = await confirmedHours(handle.db, [await userId("student@demo.tsunagu.example")]);
    expect(student.map((e) => e.minutes)).toEqual([145, 175, 145]);
    const highSchool = await confirmedHours(handle.db, [await userId("highschool@demo.tsunagu.example")]);
    expect(highSchool.map((e) => e.minutes)).toEqual([150, 150]);
  });

  it("confirms a minor only as the application flow would: with the guardian's consent and the school's approval", async () => {
    const minors = await handle.db
      .selectFrom("applications as a")
      .leftJoin("guardian_consents as g", "g.id", "a.guardian_consent_id")
      .select(["a.id", "a.user_id", "a.guardian_consent_required", "a.school_approval", "g.status as consent", "g.student_user_id", "g.posting_id", "a.posting_id as applied_posting", "g.wording_text", "g.answered_at", "a.shift_starts_at"])
      .where("a.minor", "=", true)
      .where("a.status", "=", "confirmed")
      .execute();
    const highSchool = await userId("highschool@demo.tsunagu.example");
    // Three past sessions and the session of the day.
    expect(minors.filter((m) => m.user_id === highSchool)).toHaveLength(4);
    for (const m of minors) {
      expect(m.guardian_consent_required, `application ${m.id}`).toBe(true);
      expect(m.consent, `application ${m.id}`).toBe("given");
      expect(m.student_user_id).toBe(m.user_id);
      expect(m.posting_id).toBe(m.applied_posting);
      expect(m.wording_text).toContain("佐藤 翔太");
      expect(new Date(m.answered_at!).getTime()).toBeLessThan(new Date(m.shift_starts_at).getTime());
      // The demo student's school asks for its approval.
      expect(m.school_approval).toBe("approved");
    }
  });

  it("has one valid certificate at the code the README lists", async () => {
    const view = await certificateByCode(handle.db, DEMO_CERTIFICATE_CODE);
    expect(view.state).toBe("valid");
    expect(view.data).toMatchObject({ holder: { name: "山田 花子" }, totalMinutes: 465 });
  });
});
