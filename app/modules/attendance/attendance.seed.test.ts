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

  it("has one valid certificate at the code the README lists", async () => {
    const view = await certificateByCode(handle.db, DEMO_CERTIFICATE_CODE);
    expect(view.state).toBe("valid");
    expect(view.data).toMatchObject({ holder: { name: "山田 花子" }, totalMinutes: 465 });
  });
});
