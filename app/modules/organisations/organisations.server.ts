import type { DB, Executor } from "#db/client.server";
import type { MemberRole, OrganisationStatus } from "#db/schema";
import { sendEmail } from "#emails/outbox.server";
import { refreshOrganisationSearchDocuments } from "#search/document.server";
import { enqueueSearchSync } from "#search/sync.server";
import { audit } from "~/utils/audit.server";
import { createToken, hashToken, isWellFormedToken } from "~/utils/tokens.server";
import type { RequestContext } from "../accounts/accounts.server";
import { cancelPostingApplications } from "../applications/applications.server";
import type { OrganisationInput } from "./organisations.schema";
import { statusAfterDecision, type ReviewDecision } from "./organisations.rules";
import { organisationMemberRecipients } from "./memberships.server";
import { destroyAllSessions } from "~/utils/session.server";

export const INVITATION_TTL_DAYS = 14;

async function enqueueOrganisationSearchSync(trx: Executor, organisationId: number) {
  const rows = await trx.selectFrom("postings").select("id").where("organisation_id", "=", organisationId).execute();
  await enqueueSearchSync(
    trx,
    rows.map((r) => r.id),
  );
}

function columns(input: OrganisationInput) {
  return {
    name: input.name,
    name_kana: input.nameKana ?? "",
    kind: input.kind,
    district_id: input.districtId ?? null,
    description: input.description,
    contact_name: input.contactName,
    contact_email: input.contactEmail,
    contact_phone: input.contactPhone ?? "",
    website: input.website ?? "",
  };
}

async function checkDistrict(db: DB, districtId: number | undefined) {
  if (!districtId) return true;
  return Boolean(await db.selectFrom("districts").select("id").where("id", "=", districtId).executeTakeFirst());
}

/**
 * Registers an organisation, pending verification, with the person as its owner. Sending the same form twice
 * (same submission key) returns the first one instead of creating another.
 */
export async function registerOrganisation(
  db: DB,
  userId: number,
  input: OrganisationInput,
  ctx: RequestContext,
): Promise<{ status: "ok"; id: number } | { status: "unknown-district" }> {
  if (!(await checkDistrict(db, input.districtId))) return { status: "unknown-district" };
  const submitted = (trx: Executor, key: string) =>
    trx.selectFrom("organisations").select("id").where("submission_key", "=", key).where("created_by", "=", userId).executeTakeFirst();
  return db.transaction().execute(async (trx) => {
    if (input.submissionKey) {
      const existing = await submitted(trx, input.submissionKey);
      if (existing) return { status: "ok" as const, id: existing.id };
    }
    const org = await trx
      .insertInto("organisations")
      .values({ ...columns(input), status: "pending", submission_key: input.submissionKey ?? null, created_by: userId })
      .onConflict((oc) => oc.column("submission_key").doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!org) {
      // The same form sent again while the first copy was being saved: that copy committed first.
      const first = input.submissionKey ? await submitted(trx, input.submissionKey) : undefined;
      if (!first) throw new Error("submission key already used by someone else");
      return { status: "ok" as const, id: first.id };
    }
    await trx.insertInto("memberships").values({ organisation_id: org.id, user_id: userId, role: "owner" }).execute();
    const user = await trx.selectFrom("users").select(["email", "locale"]).where("id", "=", userId).executeTakeFirstOrThrow();
    await sendEmail(trx, {
      template: "organisation-submitted",
      to: user.email,
      locale: user.locale,
      props: { organisationName: input.name, dashboardUrl: `${ctx.origin}/orgs/${org.id}` },
    });
    await audit(trx, { actorUserId: userId, action: "organisation.registered", subjectType: "organisation", subjectId: org.id, ip: ctx.ip });
    return { status: "ok" as const, id: org.id };
  });
}

/** Edits details; a rejected organisation that is edited goes back to the verification queue. */
export async function updateOrganisation(db: DB, organisationId: number, userId: number, input: OrganisationInput, ip: string) {
  if (!(await checkDistrict(db, input.districtId))) return "unknown-district" as const;
  await db.transaction().execute(async (trx) => {
    const current = await trx.selectFrom("organisations").select("status").where("id", "=", organisationId).forUpdate().executeTakeFirstOrThrow();
    await trx
      .updateTable("organisations")
      .set({ ...columns(input), status: current.status === "rejected" ? "pending" : current.status, updated_at: new Date() })
      .where("id", "=", organisationId)
      .execute();
    await refreshOrganisationSearchDocuments(trx, organisationId);
    await enqueueOrganisationSearchSync(trx, organisationId);
    await audit(trx, { actorUserId: userId, action: "organisation.updated", subjectType: "organisation", subjectId: organisationId, ip });
  });
  return "ok" as const;
}

export function listOrganisationsForReview(db: DB, status: OrganisationStatus | "all") {
  let q = db
    .selectFrom("organisations")
    .leftJoin("districts", "districts.id", "organisations.district_id")
    .select([
      "organisations.id",
      "organisations.name",
      "organisations.kind",
      "organisations.status",
      "organisations.created_at",
      "organisations.is_demo",
      "districts.name_ja as district_ja",
      "districts.name_en as district_en",
    ])
    .orderBy("organisations.created_at", "asc");
  if (status !== "all") q = q.where("organisations.status", "=", status);
  return q.execute();
}

export async function getOrganisation(db: DB, id: number) {
  return db
    .selectFrom("organisations")
    .leftJoin("districts", "districts.id", "organisations.district_id")
    .selectAll("organisations")
    .select(["districts.name_ja as district_ja", "districts.name_en as district_en"])
    .where("organisations.id", "=", id)
    .executeTakeFirst();
}


/**
 * A staff decision on an organisation, with the reason emailed to its owners. Suspending also closes its
 * published postings so they vanish from the site at once.
 */
export async function reviewOrganisation(
  db: DB,
  staffUserId: number,
  organisationId: number,
  decision: ReviewDecision,
  reason: string,
  ctx: RequestContext,
): Promise<"ok" | "not-found" | "not-allowed"> {
  return db.transaction().execute(async (trx) => {
    const org = await trx.selectFrom("organisations").select(["id", "name", "status"]).where("id", "=", organisationId).forUpdate().executeTakeFirst();
    if (!org) return "not-found";
    const next = statusAfterDecision(org.status, decision);
    if (!next) return "not-allowed";
    await trx
      .updateTable("organisations")
      .set({ status: next, status_reason: reason, status_changed_at: new Date(), status_changed_by: staffUserId, updated_at: new Date() })
      .where("id", "=", organisationId)
      .execute();
    if (decision === "suspend") {
      const closed = await trx
        .updateTable("postings")
        .set({ status: "closed", closed_at: new Date(), status_reason: "organisation_suspended", updated_at: new Date() })
        .where("organisation_id", "=", organisationId)
        .where("status", "=", "published")
        .returning("id")
        .execute();
      // The people who applied to their coming shifts are told once per posting, in both languages (one text goes
      // to every reader); what staff wrote to the group stays with the group.
      const notice = "区の職員の判断により、この団体の募集は停止されました。 / Ward staff have suspended this organisation's postings.";
      for (const posting of closed) await cancelPostingApplications(trx, posting.id, ctx.origin, notice, new Date(), "staff");
    }
    // Verifying, suspending or reinstating changes which of its postings search may show.
    await enqueueOrganisationSearchSync(trx, organisationId);
    const owners = await organisationMemberRecipients(trx, organisationId, { ownersOnly: true });
    for (const owner of owners) {
      const base = { to: owner.email, locale: owner.locale };
      if (decision === "verify" || decision === "reinstate") {
        await sendEmail(trx, { ...base, template: "organisation-verified", props: { organisationName: org.name, dashboardUrl: `${ctx.origin}/orgs/${org.id}` } });
      } else if (decision === "reject") {
        await sendEmail(trx, { ...base, template: "organisation-rejected", props: { organisationName: org.name, reason, editUrl: `${ctx.origin}/orgs/${org.id}/edit` } });
      } else {
        await sendEmail(trx, { ...base, template: "organisation-suspended", props: { organisationName: org.name, reason } });
      }
    }
    await audit(trx, {
      actorUserId: staffUserId,
      action: `organisation.${decision}`,
      subjectType: "organisation",
      subjectId: organisationId,
      ip: ctx.ip,
      details: { from: org.status, to: next },
    });
    return "ok";
  });
}

export function listMembers(db: DB, organisationId: number) {
  return db
    .selectFrom("memberships")
    .innerJoin("users", "users.id", "memberships.user_id")
    .select(["users.id", "users.display_name", "users.email", "memberships.role", "memberships.created_at"])
    .where("memberships.organisation_id", "=", organisationId)
    .orderBy("memberships.created_at")
    .execute();
}

export function listOpenInvitations(db: DB, organisationId: number) {
  return db
    .selectFrom("invitations")
    .select(["id", "email", "role", "expires_at", "created_at"])
    .where("organisation_id", "=", organisationId)
    .where("accepted_at", "is", null)
    .where("revoked_at", "is", null)
    .where("expires_at", ">", new Date())
    .orderBy("created_at", "desc")
    .execute();
}

export async function inviteMember(
  db: DB,
  organisationId: number,
  inviterId: number,
  input: { email: string; role: MemberRole },
  ctx: RequestContext,
): Promise<"ok" | "already-member"> {
  return db.transaction().execute(async (trx) => {
    const member = await trx
      .selectFrom("memberships")
      .innerJoin("users", "users.id", "memberships.user_id")
      .select("users.id")
      .where("memberships.organisation_id", "=", organisationId)
      .where("users.email", "=", input.email)
      .executeTakeFirst();
    if (member) return "already-member" as const;
    // A repeated invitation to the same address replaces the earlier link.
    await trx
      .updateTable("invitations")
      .set({ revoked_at: new Date() })
      .where("organisation_id", "=", organisationId)
      .where("email", "=", input.email)
      .where("accepted_at", "is", null)
      .where("revoked_at", "is", null)
      .execute();
    const { token, hash } = createToken();
    await trx
      .insertInto("invitations")
      .values({
        organisation_id: organisationId,
        email: input.email,
        role: input.role,
        token_hash: hash,
        invited_by: inviterId,
        expires_at: new Date(Date.now() + INVITATION_TTL_DAYS * 86400_000),
      })
      .execute();
    const org = await trx.selectFrom("organisations").select("name").where("id", "=", organisationId).executeTakeFirstOrThrow();
    const inviter = await trx.selectFrom("users").select(["display_name", "email"]).where("id", "=", inviterId).executeTakeFirstOrThrow();
    const invitee = await trx.selectFrom("users").select("locale").where("email", "=", input.email).executeTakeFirst();
    await sendEmail(trx, {
      template: "invitation",
      to: input.email,
      locale: invitee?.locale ?? ctx.locale,
      props: {
        organisationName: org.name,
        inviterName: inviter.display_name || inviter.email,
        role: input.role,
        url: `${ctx.origin}/invitations/${token}`,
        expiresDays: INVITATION_TTL_DAYS,
      },
    });
    await audit(trx, { actorUserId: inviterId, action: "organisation.member_invited", subjectType: "organisation", subjectId: organisationId, ip: ctx.ip, details: { role: input.role } });
    return "ok" as const;
  });
}

export async function findInvitation(db: DB, token: unknown) {
  if (!isWellFormedToken(token)) return null;
  const row = await db
    .selectFrom("invitations")
    .innerJoin("organisations", "organisations.id", "invitations.organisation_id")
    .select(["invitations.id", "invitations.email", "invitations.role", "invitations.expires_at", "invitations.accepted_at", "invitations.revoked_at", "organisations.id as organisation_id", "organisations.name as organisation_name"])
    .where("invitations.token_hash", "=", hashToken(token))
    .executeTakeFirst();
  if (!row || row.accepted_at || row.revoked_at || row.expires_at.getTime() <= Date.now()) return null;
  return row;
}

/** Accepting needs the invited address: a forwarded link does not make someone else a member. */
export async function acceptInvitation(db: DB, token: unknown, user: { id: number; email: string }, ip: string) {
  return db.transaction().execute(async (trx) => {
    if (!isWellFormedToken(token)) return { status: "invalid" as const };
    const inv = await trx
      .selectFrom("invitations")
      .selectAll()
      .where("token_hash", "=", hashToken(token))
      .forUpdate()
      .executeTakeFirst();
    if (!inv || inv.accepted_at || inv.revoked_at || inv.expires_at.getTime() <= Date.now()) return { status: "invalid" as const };
    if (inv.email !== user.email) return { status: "wrong-account" as const };
    await trx
      .insertInto("memberships")
      .values({ organisation_id: inv.organisation_id, user_id: user.id, role: inv.role })
      .onConflict((oc) => oc.columns(["organisation_id", "user_id"]).doUpdateSet({ role: inv.role }))
      .execute();
    await trx.updateTable("invitations").set({ accepted_at: new Date() }).where("id", "=", inv.id).execute();
    await audit(trx, { actorUserId: user.id, action: "organisation.member_joined", subjectType: "organisation", subjectId: inv.organisation_id, ip });
    return { status: "ok" as const, organisationId: inv.organisation_id };
  });
}

export async function revokeInvitation(db: DB, organisationId: number, invitationId: number) {
  await db
    .updateTable("invitations")
    .set({ revoked_at: new Date() })
    .where("id", "=", invitationId)
    .where("organisation_id", "=", organisationId)
    .where("accepted_at", "is", null)
    .execute();
}

/** Removes a member; the last owner cannot be removed (someone must remain able to manage the organisation). */
export async function removeMember(db: DB, organisationId: number, memberUserId: number, actorId: number, ip: string): Promise<"ok" | "last-owner"> {
  return db.transaction().execute(async (trx) => {
    const owners = await trx
      .selectFrom("memberships")
      .select("user_id")
      .where("organisation_id", "=", organisationId)
      .where("role", "=", "owner")
      .forUpdate()
      .execute();
    if (owners.length === 1 && owners[0].user_id === memberUserId) return "last-owner" as const;
    await trx.deleteFrom("memberships").where("organisation_id", "=", organisationId).where("user_id", "=", memberUserId).execute();
    // A change of role signs the person out everywhere: whatever a page or device kept from before ends now.
    await destroyAllSessions(trx, memberUserId);
    await audit(trx, { actorUserId: actorId, action: "organisation.member_removed", subjectType: "organisation", subjectId: organisationId, ip, details: { userId: memberUserId } });
    return "ok" as const;
  });
}
