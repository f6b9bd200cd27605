import { describe, expect, it } from "vitest";
import type { DB } from "#db/client.server";
import type { OrganisationStatus } from "#db/schema";
import {
  acceptInvitation,
  findInvitation,
  inviteMember,
  listMembers,
  listOpenInvitations,
  registerOrganisation,
  removeMember,
  revokeInvitation,
  reviewOrganisation,
  updateOrganisation,
} from "~/modules/organisations/organisations.server";
import { hashToken } from "~/utils/tokens.server";
import { testDatabases } from "../support/databases";
import { databaseForSuite } from "../support/suite-database";
import { createCatalogue, createOrganisation, createPosting, createUser, ctx } from "../support/factories";
import { auditRows, emailsTo, latestLinkToken, organisationInput, uniqueEmail, uniqueKey } from "../support/more-factories";

describe.each(testDatabases())("organisations on $name", ({ open }) => {
  let db: DB;
  let staffId: number;

  databaseForSuite(open, async (opened) => {
    db = opened;
    await createCatalogue(db);
    staffId = (await createUser(db, { role: "staff" })).id;
  });

  const organisation = (id: number) => db.selectFrom("organisations").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
  const membership = (organisationId: number, userId: number) =>
    db.selectFrom("memberships").selectAll().where("organisation_id", "=", organisationId).where("user_id", "=", userId).executeTakeFirst();

  describe("registration", () => {
    it("creates a pending organisation with the person as owner, an email and an audit entry", async () => {
      const { districts } = await createCatalogue(db);
      const user = await createUser(db);
      const result = await registerOrganisation(db, user.id, organisationInput({ districtId: districts[1].id, name: "中央町内会" }), ctx);
      expect(result.status).toBe("ok");
      const id = result.status === "ok" ? result.id : -1;

      expect(await organisation(id)).toMatchObject({ name: "中央町内会", status: "pending", district_id: districts[1].id, created_by: user.id });
      expect(await membership(id, user.id)).toMatchObject({ role: "owner" });
      const emails = await emailsTo(db, user.email);
      expect(emails.map((e) => e.template)).toEqual(["organisation-submitted"]);
      expect(emails[0].props).toMatchObject({ organisationName: "中央町内会", dashboardUrl: `http://localhost:3000/orgs/${id}` });
      expect(await auditRows(db, { action: "organisation.registered", subjectId: id })).toHaveLength(1);
    });

    it("the same submission key twice gives one organisation, one membership and one email (R2)", async () => {
      const user = await createUser(db);
      const input = organisationInput({ submissionKey: uniqueKey() });
      const first = await registerOrganisation(db, user.id, input, ctx);
      const second = await registerOrganisation(db, user.id, input, ctx);
      expect(second).toEqual(first);
      expect(await db.selectFrom("organisations").select("id").where("submission_key", "=", input.submissionKey!).execute()).toHaveLength(1);
      expect(await db.selectFrom("memberships").select("organisation_id").where("user_id", "=", user.id).execute()).toHaveLength(1);
      expect(await emailsTo(db, user.email)).toHaveLength(1);
    });

    it("the same submission key sent several times at once gives one organisation and no error (R2)", async () => {
      // A few rounds, so the requests really overlap once the connection pool is warm.
      for (let round = 0; round < 3; round++) {
        const user = await createUser(db);
        const input = organisationInput({ submissionKey: uniqueKey() });
        const results = await Promise.allSettled(Array.from({ length: 4 }, () => registerOrganisation(db, user.id, input, ctx)));
        expect(results.filter((r) => r.status === "rejected")).toEqual([]);
        const ids = new Set(results.map((r) => (r.status === "fulfilled" && r.value.status === "ok" ? r.value.id : null)));
        expect(ids.size).toBe(1);
        expect(await db.selectFrom("organisations").select("id").where("submission_key", "=", input.submissionKey!).execute()).toHaveLength(1);
        expect(await emailsTo(db, user.email)).toHaveLength(1);
      }
    });

    it("without a submission key, each submission is a new organisation", async () => {
      const user = await createUser(db);
      const input = organisationInput();
      const a = await registerOrganisation(db, user.id, input, ctx);
      const b = await registerOrganisation(db, user.id, input, ctx);
      expect(a.status === "ok" && b.status === "ok" && a.id !== b.id).toBe(true);
    });

    it("refuses an unknown district and creates nothing", async () => {
      const user = await createUser(db);
      expect(await registerOrganisation(db, user.id, organisationInput({ districtId: 999_999 }), ctx)).toEqual({ status: "unknown-district" });
      expect(await db.selectFrom("memberships").select("organisation_id").where("user_id", "=", user.id).execute()).toHaveLength(0);
    });
  });

  describe("editing", () => {
    it("keeps the status of a verified organisation and sends a rejected one back to review", async () => {
      const user = await createUser(db);
      const verified = await createOrganisation(db, { ownerId: user.id, status: "verified" });
      const rejected = await createOrganisation(db, { ownerId: user.id, status: "rejected" });

      expect(await updateOrganisation(db, verified.id, user.id, organisationInput({ name: "新しい名前" }), ctx.ip)).toBe("ok");
      expect(await organisation(verified.id)).toMatchObject({ name: "新しい名前", status: "verified" });

      expect(await updateOrganisation(db, rejected.id, user.id, organisationInput(), ctx.ip)).toBe("ok");
      expect((await organisation(rejected.id)).status).toBe("pending");
      expect(await auditRows(db, { action: "organisation.updated", subjectId: rejected.id })).toHaveLength(1);

      expect(await updateOrganisation(db, verified.id, user.id, organisationInput({ districtId: 999_999 }), ctx.ip)).toBe("unknown-district");
      expect((await organisation(verified.id)).name).toBe("新しい名前");
    });
  });

  describe("review", () => {
    async function organisationWithOwners(status: OrganisationStatus) {
      const owner = await createUser(db);
      const coOwner = await createUser(db);
      const editor = await createUser(db);
      const org = await createOrganisation(db, {
        status,
        ownerId: owner.id,
        members: [
          { userId: coOwner.id, role: "owner" },
          { userId: editor.id, role: "editor" },
        ],
      });
      return { org, owner, coOwner, editor };
    }

    it("verifies a pending organisation, emails each owner (not editors) and audits the decision", async () => {
      const { org, owner, coOwner, editor } = await organisationWithOwners("pending");
      expect(await reviewOrganisation(db, staffId, org.id, "verify", "", ctx)).toBe("ok");

      const after = await organisation(org.id);
      expect(after).toMatchObject({ status: "verified", status_changed_by: staffId });
      expect(after.status_changed_at).toBeInstanceOf(Date);
      for (const person of [owner, coOwner]) {
        const emails = await emailsTo(db, person.email);
        expect(emails.map((e) => e.template)).toEqual(["organisation-verified"]);
        expect(emails[0].props).toMatchObject({ organisationName: org.name, dashboardUrl: `http://localhost:3000/orgs/${org.id}` });
      }
      expect(await emailsTo(db, editor.email)).toHaveLength(0);
      const entries = await auditRows(db, { action: "organisation.verify", subjectId: org.id });
      expect(entries).toHaveLength(1);
      expect(entries[0].actor_user_id).toBe(staffId);
    });

    it("does not email an owner whose account is disabled, as it emails no disabled member about applicants", async () => {
      const { org, owner, coOwner } = await organisationWithOwners("pending");
      await db.updateTable("users").set({ disabled_at: new Date() }).where("id", "=", coOwner.id).execute();
      expect(await reviewOrganisation(db, staffId, org.id, "verify", "", ctx)).toBe("ok");
      expect((await emailsTo(db, owner.email)).map((e) => e.template)).toEqual(["organisation-verified"]);
      expect(await emailsTo(db, coOwner.email)).toHaveLength(0);
    });

    it("rejects only a pending organisation, with the reason in the email", async () => {
      const pending = await organisationWithOwners("pending");
      expect(await reviewOrganisation(db, staffId, pending.org.id, "reject", "活動内容が確認できません", ctx)).toBe("ok");
      expect(await organisation(pending.org.id)).toMatchObject({ status: "rejected", status_reason: "活動内容が確認できません" });
      const [email] = await emailsTo(db, pending.owner.email);
      expect(email.template).toBe("organisation-rejected");
      expect(email.props).toMatchObject({ reason: "活動内容が確認できません", editUrl: `http://localhost:3000/orgs/${pending.org.id}/edit` });

      const verified = await organisationWithOwners("verified");
      expect(await reviewOrganisation(db, staffId, verified.org.id, "reject", "理由", ctx)).toBe("not-allowed");
      expect((await organisation(verified.org.id)).status).toBe("verified");
      expect(await emailsTo(db, verified.owner.email)).toHaveLength(0);
      expect(await auditRows(db, { subjectType: "organisation", subjectId: verified.org.id })).toHaveLength(0);
    });

    it("a rejected organisation can still be verified later", async () => {
      const { org } = await organisationWithOwners("rejected");
      expect(await reviewOrganisation(db, staffId, org.id, "verify", "", ctx)).toBe("ok");
      expect((await organisation(org.id)).status).toBe("verified");
    });

    it("suspending closes the organisation's published postings (drafts stay drafts) and tells the owners", async () => {
      const { org, owner, coOwner } = await organisationWithOwners("verified");
      const published = await createPosting(db, org.id, { status: "published" });
      const draft = await createPosting(db, org.id, { status: "draft" });
      const otherOrg = await createOrganisation(db, { status: "verified" });
      const otherPosting = await createPosting(db, otherOrg.id, { status: "published" });

      expect(await reviewOrganisation(db, staffId, org.id, "suspend", "苦情が寄せられています", ctx)).toBe("ok");

      expect((await organisation(org.id)).status).toBe("suspended");
      const postings = await db.selectFrom("postings").select(["id", "status", "status_reason", "closed_at"]).where("id", "in", [published.id, draft.id, otherPosting.id]).execute();
      const byId = new Map(postings.map((p) => [p.id, p]));
      expect(byId.get(published.id)).toMatchObject({ status: "closed", status_reason: "organisation_suspended" });
      expect(byId.get(published.id)!.closed_at).toBeInstanceOf(Date);
      expect(byId.get(draft.id)!.status).toBe("draft");
      expect(byId.get(otherPosting.id)!.status).toBe("published");
      for (const person of [owner, coOwner]) {
        const emails = await emailsTo(db, person.email);
        expect(emails.map((e) => e.template)).toEqual(["organisation-suspended"]);
        expect(emails[0].props).toMatchObject({ reason: "苦情が寄せられています" });
      }
      expect(await auditRows(db, { action: "organisation.suspend", subjectId: org.id })).toHaveLength(1);
    });

    it("reinstates only a suspended organisation", async () => {
      const { org, owner } = await organisationWithOwners("suspended");
      expect(await reviewOrganisation(db, staffId, org.id, "reinstate", "", ctx)).toBe("ok");
      expect((await organisation(org.id)).status).toBe("verified");
      expect((await emailsTo(db, owner.email)).map((e) => e.template)).toEqual(["organisation-verified"]);
      expect(await auditRows(db, { action: "organisation.reinstate", subjectId: org.id })).toHaveLength(1);

      expect(await reviewOrganisation(db, staffId, org.id, "reinstate", "", ctx)).toBe("not-allowed");
      expect(await reviewOrganisation(db, staffId, org.id, "verify", "", ctx)).toBe("not-allowed");
    });

    it("answers not-found for an organisation that does not exist", async () => {
      expect(await reviewOrganisation(db, staffId, 999_999, "verify", "", ctx)).toBe("not-found");
    });
  });

  describe("members and invitations", () => {
    async function ownedOrganisation() {
      const owner = await createUser(db, { displayName: "代表 一郎" });
      const org = await createOrganisation(db, { ownerId: owner.id });
      return { owner, org };
    }

    it("an invitation emails a single-use link that only the invited address can accept", async () => {
      const { owner, org } = await ownedOrganisation();
      const invitee = await createUser(db);
      const stranger = await createUser(db);

      expect(await inviteMember(db, org.id, owner.id, { email: invitee.email, role: "editor" }, ctx)).toBe("ok");
      const [email] = await emailsTo(db, invitee.email);
      expect(email.template).toBe("invitation");
      expect(email.props).toMatchObject({ organisationName: org.name, inviterName: "代表 一郎", role: "editor" });
      expect(email.props.url).toMatch(/^http:\/\/localhost:3000\/invitations\/[A-Za-z0-9_-]{43}$/);
      const token = await latestLinkToken(db, invitee.email, "invitation");
      expect(await db.selectFrom("invitations").select("id").where("token_hash", "=", token).execute()).toHaveLength(0);

      const found = await findInvitation(db, token);
      expect(found).toMatchObject({ organisation_id: org.id, organisation_name: org.name, email: invitee.email, role: "editor" });

      expect(await acceptInvitation(db, token, stranger, ctx.ip)).toEqual({ status: "wrong-account" });
      expect(await membership(org.id, stranger.id)).toBeUndefined();

      expect(await acceptInvitation(db, token, invitee, ctx.ip)).toEqual({ status: "ok", organisationId: org.id });
      expect(await membership(org.id, invitee.id)).toMatchObject({ role: "editor" });
      expect(await auditRows(db, { action: "organisation.member_joined", subjectId: org.id })).toHaveLength(1);

      expect(await acceptInvitation(db, token, invitee, ctx.ip)).toEqual({ status: "invalid" });
      expect(await findInvitation(db, token)).toBeNull();
    });

    it("refuses an expired invitation", async () => {
      const { owner, org } = await ownedOrganisation();
      const invitee = await createUser(db);
      await inviteMember(db, org.id, owner.id, { email: invitee.email, role: "owner" }, ctx);
      const token = await latestLinkToken(db, invitee.email, "invitation");
      await db.updateTable("invitations").set({ expires_at: new Date(Date.now() - 1000) }).where("token_hash", "=", hashToken(token)).execute();

      expect(await findInvitation(db, token)).toBeNull();
      expect(await acceptInvitation(db, token, invitee, ctx.ip)).toEqual({ status: "invalid" });
      expect(await membership(org.id, invitee.id)).toBeUndefined();
      expect(await listOpenInvitations(db, org.id)).toHaveLength(0);
    });

    it("refuses a revoked invitation, and a second invitation replaces the first link", async () => {
      const { owner, org } = await ownedOrganisation();
      const invitee = await createUser(db);
      await inviteMember(db, org.id, owner.id, { email: invitee.email, role: "editor" }, ctx);
      const first = await latestLinkToken(db, invitee.email, "invitation");
      await inviteMember(db, org.id, owner.id, { email: invitee.email, role: "owner" }, ctx);
      const second = await latestLinkToken(db, invitee.email, "invitation");
      expect(second).not.toBe(first);
      expect(await acceptInvitation(db, first, invitee, ctx.ip)).toEqual({ status: "invalid" });

      const open = await listOpenInvitations(db, org.id);
      expect(open).toHaveLength(1);
      expect(open[0]).toMatchObject({ email: invitee.email, role: "owner" });

      const otherOrg = await createOrganisation(db);
      await revokeInvitation(db, otherOrg.id, open[0].id);
      expect(await findInvitation(db, second)).not.toBeNull();

      await revokeInvitation(db, org.id, open[0].id);
      expect(await acceptInvitation(db, second, invitee, ctx.ip)).toEqual({ status: "invalid" });
      expect(await membership(org.id, invitee.id)).toBeUndefined();
    });

    it("does not invite someone who is already a member", async () => {
      const { owner, org } = await ownedOrganisation();
      expect(await inviteMember(db, org.id, owner.id, { email: owner.email, role: "editor" }, ctx)).toBe("already-member");
      expect(await emailsTo(db, owner.email)).toHaveLength(0);
    });

    it("an invitation to an address without an account waits for that address", async () => {
      const { owner, org } = await ownedOrganisation();
      const address = uniqueEmail("newcomer");
      await inviteMember(db, org.id, owner.id, { email: address, role: "editor" }, ctx);
      const token = await latestLinkToken(db, address, "invitation");
      const newcomer = await createUser(db, { email: address });
      expect(await acceptInvitation(db, token, newcomer, ctx.ip)).toMatchObject({ status: "ok" });
    });

    it("refuses malformed tokens", async () => {
      const user = await createUser(db);
      expect(await findInvitation(db, "../../etc")).toBeNull();
      expect(await acceptInvitation(db, "x".repeat(43), user, ctx.ip)).toEqual({ status: "invalid" });
      expect(await acceptInvitation(db, 42, user, ctx.ip)).toEqual({ status: "invalid" });
    });

    it("the last owner cannot be removed; an owner can once another owner exists", async () => {
      const { owner, org } = await ownedOrganisation();
      const editor = await createUser(db);
      await db.insertInto("memberships").values({ organisation_id: org.id, user_id: editor.id, role: "editor" }).execute();

      expect(await removeMember(db, org.id, owner.id, owner.id, ctx.ip)).toBe("last-owner");
      expect(await membership(org.id, owner.id)).toMatchObject({ role: "owner" });

      const second = await createUser(db);
      await db.insertInto("memberships").values({ organisation_id: org.id, user_id: second.id, role: "owner" }).execute();
      expect(await removeMember(db, org.id, owner.id, second.id, ctx.ip)).toBe("ok");
      expect(await membership(org.id, owner.id)).toBeUndefined();
      expect(await removeMember(db, org.id, second.id, second.id, ctx.ip)).toBe("last-owner");

      expect(await removeMember(db, org.id, editor.id, second.id, ctx.ip)).toBe("ok");
      expect((await listMembers(db, org.id)).map((m) => m.id)).toEqual([second.id]);
      expect(await auditRows(db, { action: "organisation.member_removed", subjectId: org.id })).toHaveLength(2);
    });

    it("two owners removing each other at the same time leave one owner", async () => {
      const { owner, org } = await ownedOrganisation();
      const partner = await createUser(db);
      await db.insertInto("memberships").values({ organisation_id: org.id, user_id: partner.id, role: "owner" }).execute();
      const results = await Promise.all([
        removeMember(db, org.id, owner.id, partner.id, ctx.ip),
        removeMember(db, org.id, partner.id, owner.id, ctx.ip),
      ]);
      expect(results.sort()).toEqual(["last-owner", "ok"]);
      expect(await db.selectFrom("memberships").select("user_id").where("organisation_id", "=", org.id).where("role", "=", "owner").execute()).toHaveLength(1);
    });
  });
});
