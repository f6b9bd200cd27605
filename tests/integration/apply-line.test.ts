import type { ActionFunctionArgs } from "@remix-run/node";
import { describe, expect, it } from "vitest";
import type { DB } from "#db/client.server";
import { action as applyAction } from "~/routes/postings.$id";
import { LINE_WIDTH } from "~/modules/applications/shift-line.server";
import { createSession } from "~/utils/session.server";
import { testDatabases } from "../support/databases";
import { ctx } from "../support/factories";
import { createPerson, minorsPosting, tokyoAt } from "../support/minor-factories";
import { databaseForSuite } from "../support/suite-database";

/**
 * The apply action lets one application per shift at a time take a connection and apply; the others wait for
 * their turn holding nothing (docs/decisions/038-a-line-for-each-shift.md). Here the action reads the suite's
 * database through a view of it that counts the connections the action holds at once.
 */
describe.each(testDatabases())("applying at once through the action, on $name", ({ open }) => {
  let db: DB;
  const held = { now: 0, most: 0 };
  databaseForSuite(open, (opened) => {
    db = opened;
    const counted = new Proxy(opened, {
      get(target, property, receiver) {
        if (property !== "connection") return Reflect.get(target, property, receiver);
        return () => {
          const connection = target.connection();
          return {
            execute: async <T>(fn: Parameters<typeof connection.execute<T>>[0]) => {
              held.now++;
              held.most = Math.max(held.most, held.now);
              try {
                return await connection.execute(fn);
              } finally {
                held.now--;
              }
            },
          };
        };
      },
    });
    const store = globalThis as unknown as { __tsunaguSingletons?: Map<string, unknown> };
    store.__tsunaguSingletons ??= new Map();
    store.__tsunaguSingletons.set("database", { db: counted });
  });

  async function post(postingId: number, shiftId: number, age = 30) {
    const person = await createPerson(db, { age, name: "同時 申込" });
    const token = await createSession(db, person as never, { ip: ctx.ip, userAgent: "test", secondFactor: false });
    return async () => {
      const request = new Request(`http://localhost/postings/${postingId}`, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: `tsunagu_session=${token}` },
        body: new URLSearchParams({ shiftId: String(shiftId), message: "" }),
      });
      const response = (await applyAction({ request, params: { id: String(postingId) }, context: { nonce: "", clientIp: ctx.ip, socketIp: ctx.ip } } as unknown as ActionFunctionArgs)) as Response;
      return { status: response.status, timing: response.headers.get("Server-Timing") ?? "" };
    };
  }

  it("lets as many applications to a shift hold a connection at once as its line is wide, the others waiting their turn, and decides as before", async () => {
    const { posting, shifts } = await minorsPosting(db, { capacity: 3 });
    const applicants = await Promise.all(Array.from({ length: 8 }, () => post(posting.id, shifts[0].id)));
    held.most = 0;
    const responses = await Promise.all(applicants.map((apply) => apply()));
    expect(responses.map((r) => r.status)).toEqual(Array(8).fill(302));
    expect(held.most).toBe(LINE_WIDTH);
    // The wait for the turn is reported as waiting, apart from the action's own work.
    for (const r of responses) expect(r.timing).toMatch(/(^|, )line;dur=[\d.]+/);

    const rows = await db.selectFrom("applications").select("status").where("shift_id", "=", shifts[0].id).execute();
    expect(rows.filter((r) => r.status === "confirmed")).toHaveLength(3);
    expect(rows.filter((r) => r.status === "waitlisted")).toHaveLength(5);
  });

  it("does not make applications to different shifts wait for each other", async () => {
    const { posting, shifts } = await minorsPosting(db, {
      shifts: [
        { startsAt: tokyoAt(7, "09:00"), endsAt: tokyoAt(7, "11:00"), capacity: 2 },
        { startsAt: tokyoAt(8, "09:00"), endsAt: tokyoAt(8, "11:00"), capacity: 2 },
      ],
    });
    const applicants = await Promise.all(shifts.flatMap((s) => [post(posting.id, s.id), post(posting.id, s.id), post(posting.id, s.id)]));
    held.most = 0;
    const responses = await Promise.all(applicants.map((apply) => apply()));
    expect(responses.map((r) => r.status)).toEqual(Array(6).fill(302));
    expect(held.most).toBe(2 * LINE_WIDTH);
  });
});
