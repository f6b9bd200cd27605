import { sql } from "kysely";
import type { DB } from "#db/client.server";
import type { ApplicationStatus } from "#db/schema";
import { audit } from "~/utils/audit.server";
import { ensureThread, postMessage } from "../messages/messages.server";
import { canTransition, consentSatisfied, type Actor } from "./applications.rules";
import { tellVolunteer, type Context } from "./notices.server";
import { promoteWaitlisted, releasePlace, takePlace } from "./places.server";

/** The volunteer withdraws; a confirmed place goes to the first on the waiting list. */
export async function withdrawApplication(db: DB, userId: number, applicationId: number, ctx: Context, now = new Date()) {
  return db.transaction().execute(async (trx) => {
    const app = await trx
      .selectFrom("applications as a")
      .innerJoin("shifts as s", "s.id", "a.shift_id")
      .select(["a.id", "a.status", "s.id as shift_id", "a.posting_id", "s.starts_at", "a.held_until"])
      .where("a.id", "=", applicationId)
      .where("a.user_id", "=", userId)
      .forUpdate()
      .executeTakeFirst();
    if (!app) return "not-found" as const;
    if (!canTransition(app.status, "withdrawn", "volunteer")) return "not-allowed" as const;
    if (new Date(app.starts_at).getTime() <= now.getTime()) return "started" as const;
    // A held place goes back with the status change (the applications_release_hold trigger).
    await trx.updateTable("applications").set({ status: "withdrawn", waitlisted_at: null, updated_at: new Date() }).where("id", "=", app.id).execute();
    if (app.status === "confirmed") await releasePlace(trx, app.shift_id);
    if (app.status === "confirmed" || app.held_until) await promoteWaitlisted(trx, app.shift_id, ctx.origin);
    const threadId = await ensureThread(trx, { postingId: app.posting_id, volunteerUserId: userId });
    await postMessage(trx, { threadId, senderUserId: null, side: "system", body: `applications.system.withdrawn?when=${new Date(app.starts_at).toISOString()}` });
    return "ok" as const;
  });
}

export type Decision = "confirm" | "decline" | "waitlist" | "no_show";
const DECISION_TARGET: Record<Decision, ApplicationStatus> = { confirm: "confirmed", decline: "declined", waitlist: "waitlisted", no_show: "no_show" };

/** The organisation decides on an application to one of its shifts. */
export async function decideApplication(
  db: DB,
  input: { organisationId: number; applicationId: number; decision: Decision; reason: string; actorUserId: number },
  ctx: Context,
  now = new Date(),
): Promise<"ok" | "not-found" | "not-allowed" | "needs-consent" | "full" | "not-yet" | "started"> {
  return db.transaction().execute(async (trx) => {
    const app = await trx
      .selectFrom("applications as a")
      .innerJoin("shifts as s", "s.id", "a.shift_id")
      .innerJoin("postings as p", "p.id", "a.posting_id")
      .leftJoin("guardian_consents as g", "g.id", "a.guardian_consent_id")
      .select([
        "a.id",
        "a.status",
        "s.id as shift_id",
        "a.posting_id",
        "a.user_id",
        "s.starts_at",
        "a.minor",
        "a.guardian_consent_required",
        "a.school_approval",
        "a.held_until",
        "g.status as consent_status",
      ])
      .where("a.id", "=", input.applicationId)
      .where("p.organisation_id", "=", input.organisationId)
      .forUpdate(["a", "s", "p"])
      .executeTakeFirst();
    if (!app) return "not-found";
    const target = DECISION_TARGET[input.decision];
    const actor: Actor = "organisation";
    // A minor is confirmed only with the guardian's consent (and the school's approval where required): never
    // straight from the organisation's action, whatever the form posted.
    if ((target === "confirmed" || target === "waitlisted") && (app.status === "pending_consent" || !consentSatisfied(app))) return "needs-consent";
    if (!canTransition(app.status, target, actor)) return "not-allowed";
    const started = new Date(app.starts_at).getTime() <= now.getTime();
    if (input.decision === "no_show" && !started) return "not-yet";
    if (input.decision !== "no_show" && !(app.status === "no_show" && target === "confirmed") && started) return "started";

    if (target === "confirmed" && app.status !== "no_show") {
      if (!(await takePlace(trx, app.shift_id))) return "full";
    }
    await trx
      .updateTable("applications")
      .set({
        status: target,
        decision_reason: input.decision === "decline" ? input.reason : "",
        // Stamped after the shift's row lock above: the waiting list's order (waitlist.server.ts).
        waitlisted_at: target === "waitlisted" ? sql<Date>`clock_timestamp()` : null,
        decided_at: new Date(),
        decided_by: input.actorUserId,
        updated_at: new Date(),
      })
      .where("id", "=", app.id)
      .execute();
    if (app.status === "confirmed" && (target === "declined" || target === "waitlisted")) {
      await releasePlace(trx, app.shift_id);
      await promoteWaitlisted(trx, app.shift_id, ctx.origin);
    }
    // Declining a minor's held place gives it back (the trigger did); the first in line gets it.
    if (app.held_until) await promoteWaitlisted(trx, app.shift_id, ctx.origin);
    if (target !== "no_show" && !(app.status === "no_show" && target === "confirmed"))
      await tellVolunteer(trx, app.id, target, ctx.origin, { reason: input.reason });
    await audit(trx, {
      actorUserId: input.actorUserId,
      action: `application.${input.decision}`,
      subjectType: "application",
      subjectId: app.id,
      ip: ctx.ip,
      details: { from: app.status, to: target },
    });
    return "ok";
  });
}
