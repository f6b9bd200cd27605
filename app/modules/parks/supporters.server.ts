import type { DB, Executor } from "#db/client.server";
import { sendEmail } from "#emails/outbox.server";
import { audit } from "~/utils/audit.server";
import type { SupporterInput } from "./parks.schema";

/**
 * 公園応援団: companies and schools offer to support a park; every staff account is emailed (through the outbox, in
 * the same transaction, without the contact); staff approve; approved ones show on the park's page.
 */
export async function registerSupporter(db: DB, parkId: number, input: SupporterInput, ctx: { ip: string; origin: string }): Promise<"ok" | "not-found"> {
  return db.transaction().execute(async (trx) => {
    const park = await trx.selectFrom("parks").select(["id", "name"]).where("id", "=", parkId).executeTakeFirst();
    if (!park) return "not-found" as const;
    const row = await trx
      .insertInto("park_supporters")
      .values({ park_id: parkId, name: input.name, kind: input.kind, offer: input.offer, contact_name: input.contactName, contact_email: input.contactEmail, contact_phone: input.contactPhone })
      .returning("id")
      .executeTakeFirstOrThrow();
    const staff = await trx.selectFrom("users").select(["email", "locale"]).where("role", "in", ["staff", "admin"]).where("disabled_at", "is", null).where("deleted_at", "is", null).execute();
    for (const person of staff) {
      await sendEmail(trx, {
        template: "park-supporter-offered",
        to: person.email,
        locale: person.locale,
        props: { parkName: park.name, supporterName: input.name, kind: input.kind, reviewUrl: `${ctx.origin}/staff/parks/supporters` },
      });
    }
    await audit(trx, { actorUserId: null, action: "parks.supporter.registered", subjectType: "park_supporter", subjectId: row.id, ip: ctx.ip });
    return "ok" as const;
  });
}

/** For staff: every offer, waiting ones first, with its contact. */
export function supportersForStaff(db: Executor) {
  return db
    .selectFrom("park_supporters as s")
    .innerJoin("parks", "parks.id", "s.park_id")
    .select(["s.id", "s.name", "s.kind", "s.offer", "s.contact_name", "s.contact_email", "s.contact_phone", "s.status", "s.created_at", "parks.id as park_id", "parks.name as park_name"])
    .orderBy((eb) => eb.case().when("s.status", "=", "pending").then(0).else(1).end())
    .orderBy("s.created_at", "desc")
    .limit(200)
    .execute();
}

export async function decideSupporter(db: Executor, supporterId: number, decision: "approve" | "decline", actor: { userId: number; ip: string }): Promise<boolean> {
  const result = await db
    .updateTable("park_supporters")
    .set({ status: decision === "approve" ? "approved" : "declined", decided_at: new Date(), decided_by: actor.userId })
    .where("id", "=", supporterId)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) return false;
  await audit(db, { actorUserId: actor.userId, action: `parks.supporter.${decision}d`, subjectType: "park_supporter", subjectId: supporterId, ip: actor.ip });
  return true;
}
