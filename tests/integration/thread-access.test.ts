import { describe, expect, it, vi } from "vitest";
import type { DB } from "#db/client.server";
import { postMessage } from "~/modules/messages/messages.server";
import { accessToThread, getThread, unreadMessageCount, volunteerThreads } from "~/modules/messages/thread-reading.server";
import { loadThreadPage } from "~/modules/messages/thread-page.server";
import { testDatabases } from "../support/databases";
import { affiliate, applyAsMinor, createPerson, createSchool, minorsPosting } from "../support/minor-factories";
import { uniqueEmail } from "../support/more-factories";
import { databaseForSuite } from "../support/suite-database";

/**
 * A school coordinator reads a minor student's thread only while that is true now: a member of the school, the
 * school verified (not suspended), its setting on, the student still its student. Being listed on the thread
 * once is not enough; every read, write, list and unread count decides again.
 */
// Each test sets up a scene of its own (a posting, people, applications): slow on a busy machine, PGlite first of all.
vi.setConfig({ testTimeout: 90_000 });

describe.each(testDatabases())("a coordinator's access to minors' threads on $name", ({ open }) => {
  let db: DB;
  databaseForSuite(open, (opened) => {
    db = opened;
  });

  async function sceneWithThread() {
    const { school, coordinator } = await createSchool(db, { coordinatorReadsMinorThreads: true });
    const scene = await minorsPosting(db);
    const student = await createPerson(db, { age: 16 });
    await affiliate(db, school.id, student.id);
    const applied = await applyAsMinor(db, student.id, scene.posting.id, [scene.shifts[0].id], uniqueEmail("g"));
    expect(applied.status).toBe("ok");
    const thread = await db.selectFrom("message_threads").select(["id", "organisation_id", "volunteer_user_id"]).where("volunteer_user_id", "=", student.id).executeTakeFirstOrThrow();
    const ref = { id: thread.id, organisationId: thread.organisation_id, volunteerUserId: thread.volunteer_user_id };
    return { school, coordinator, student, ref };
  }

  async function reads(coordinator: { id: number; role: "volunteer" | "staff" | "admin" }, ref: { id: number; organisationId: number; volunteerUserId: number }) {
    const user = await db.selectFrom("users").selectAll().where("id", "=", coordinator.id).executeTakeFirstOrThrow();
    // Something new from the student, so that there is something unread.
    await postMessage(db, { threadId: ref.id, senderUserId: ref.volunteerUserId, side: "volunteer", body: "よろしくお願いします", notify: false });
    const unread = await unreadMessageCount(db, user.id);
    const access = await accessToThread(db, user, ref);
    const page = await loadThreadPage(db, user, ref.id, "personal");
    const listed = (await volunteerThreads(db, user.id)).some((t) => t.id === ref.id);
    const named = (await getThread(db, ref.id))!.participants.some((p) => p.userId === user.id);
    return { canRead: access.canRead, canWrite: access.canWrite, page: page.status, listed, named, unread: unread > 0 };
  }

  const open_ = { canRead: true, canWrite: true, page: "ok", listed: true, named: true, unread: true };
  const closed = { canRead: false, canWrite: false, page: "not-found", listed: false, named: false, unread: false };

  it("a coordinator who leaves the school loses the thread at once", async () => {
    const { school, coordinator, ref } = await sceneWithThread();
    expect(await reads(coordinator, ref)).toEqual(open_);
    await db.deleteFrom("memberships").where("organisation_id", "=", school.id).where("user_id", "=", coordinator.id).execute();
    expect(await reads(coordinator, ref)).toEqual(closed);
  });

  it("a suspended school's coordinator loses the thread, and has it again when the school is reinstated", async () => {
    const { school, coordinator, ref } = await sceneWithThread();
    await db.updateTable("organisations").set({ status: "suspended" }).where("id", "=", school.id).execute();
    expect(await reads(coordinator, ref)).toEqual(closed);
    await db.updateTable("organisations").set({ status: "verified" }).where("id", "=", school.id).execute();
    expect((await reads(coordinator, ref)).canRead).toBe(true);
  });

  it("turning the school's setting off closes the thread to its coordinators", async () => {
    const { school, coordinator, ref } = await sceneWithThread();
    await db.updateTable("school_settings").set({ coordinator_reads_minor_threads: false }).where("organisation_id", "=", school.id).execute();
    expect(await reads(coordinator, ref)).toEqual(closed);
  });

  it("a student who leaves the school: its coordinator no longer reads their thread", async () => {
    const { school, coordinator, student, ref } = await sceneWithThread();
    await db.updateTable("school_affiliations").set({ status: "ended" }).where("organisation_id", "=", school.id).where("user_id", "=", student.id).execute();
    expect(await reads(coordinator, ref)).toEqual(closed);
  });
});
