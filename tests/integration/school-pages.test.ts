import { describe, expect, it } from "vitest";
import type { DB } from "#db/client.server";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { createSession } from "~/utils/session.server";
import { loader as schoolPage } from "~/routes/schools.$orgId._index";
import { loader as schoolApplications } from "~/routes/schools.$orgId.applications";
import { loader as schoolHours } from "~/routes/schools.$orgId.hours";
import { loader as groupSignup } from "~/routes/schools.$orgId.group-signup";
import { loader as messagesPage } from "~/routes/messages._index";
import { testDatabases } from "../support/databases";
import { databaseForSuite } from "../support/suite-database";
import { createOrganisation, createUser, ctx } from "../support/factories";
import { requestWithSession } from "../support/more-factories";

/** The route loaders read the process's database: here, the suite's. */
function useDatabase(db: DB) {
  const store = globalThis as unknown as { __tsunaguSingletons?: Map<string, unknown> };
  store.__tsunaguSingletons ??= new Map();
  store.__tsunaguSingletons.set("database", { db });
}

async function status(call: () => Promise<unknown>): Promise<number> {
  try {
    const result = await call();
    if (result instanceof Response) return result.status;
    return (result as { init?: { status?: number } | null })?.init?.status ?? 200;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status;
    const init = (thrown as { init?: { status?: number } } | null)?.init;
    if (init?.status) return init.status;
    throw thrown;
  }
}

describe.each(testDatabases())("a school's own pages on $name", ({ open }) => {
  let db: DB;
  databaseForSuite(open, (opened) => {
    db = opened;
    useDatabase(opened);
  });

  it("close to its coordinators once the ward suspends the school, and open again when it is reinstated", async () => {
    const coordinator = await createUser(db);
    const school = await createOrganisation(db, { kind: "high_school", ownerId: coordinator.id });
    const token = await createSession(db, coordinator, { ip: ctx.ip, userAgent: "test", secondFactor: false });
    const pages = [schoolPage, schoolApplications, schoolHours, groupSignup];
    const statuses = () =>
      Promise.all(
        pages.map((loader) =>
          status(() => loader({ request: requestWithSession(token, `http://localhost/schools/${school.id}`), params: { orgId: String(school.id) }, context: { nonce: "", clientIp: ctx.ip, socketIp: ctx.ip } } as unknown as LoaderFunctionArgs)),
        ),
      );
    expect(await statuses()).toEqual([200, 200, 200, 200]);
    await db.updateTable("organisations").set({ status: "suspended" }).where("id", "=", school.id).execute();
    expect(await statuses()).toEqual([403, 403, 403, 403]);
    await db.updateTable("organisations").set({ status: "verified" }).where("id", "=", school.id).execute();
    expect(await statuses()).toEqual([200, 200, 200, 200]);
  });

  it("say one and the same thing, from the school's setting, about whether its teachers read students' messages", async () => {
    const coordinator = await createUser(db);
    const school = await createOrganisation(db, { kind: "high_school", ownerId: coordinator.id });
    const token = await createSession(db, coordinator, { ip: ctx.ip, userAgent: "test", secondFactor: false });
    const args = (url: string) => ({ request: requestWithSession(token, url), params: { orgId: String(school.id) }, context: { nonce: "", clientIp: ctx.ip, socketIp: ctx.ip } }) as unknown as LoaderFunctionArgs;
    type Loaded = { data: { threads?: { readsMinorThreads: boolean }; schools?: { id: number; readsMinorThreads: boolean }[] } };
    const said = async () => {
      const home = (await schoolPage(args(`http://localhost/schools/${school.id}`))) as unknown as Loaded;
      const applications = (await schoolApplications(args(`http://localhost/schools/${school.id}/applications`))) as unknown as Loaded;
      const messages = (await messagesPage(args("http://localhost/messages"))) as unknown as Loaded;
      return [home.data.threads?.readsMinorThreads, applications.data.threads?.readsMinorThreads, messages.data.schools?.find((s) => s.id === school.id)?.readsMinorThreads];
    };
    expect(await said()).toEqual([false, false, false]);
    await db.insertInto("school_settings").values({ organisation_id: school.id, requires_coordinator_approval: false, coordinator_reads_minor_threads: true }).execute();
    expect(await said()).toEqual([true, true, true]);
  });
});
