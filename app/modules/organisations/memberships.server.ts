import type { DB, Executor } from "#db/client.server";

/** The organisations this person belongs to, by name: the navigation, their account page and their messages list. */
export function myOrganisations(db: DB, userId: number) {
  return db
    .selectFrom("memberships")
    .innerJoin("organisations", "organisations.id", "memberships.organisation_id")
    .select(["organisations.id", "organisations.name", "organisations.kind", "organisations.status", "memberships.role"])
    .where("memberships.user_id", "=", userId)
    .orderBy("organisations.name")
    .execute();
}

/**
 * The members of an organisation who can still be emailed (not deleted, not disabled): who hears of its applicants;
 * with `ownersOnly`, its owners, who are told of decisions about the organisation and its reviews.
 */
export function organisationMemberRecipients(db: Executor, organisationId: number, options: { ownersOnly?: boolean } = {}) {
  let query = db
    .selectFrom("memberships as m")
    .innerJoin("users as u", "u.id", "m.user_id")
    .select(["u.email", "u.locale"])
    .where("m.organisation_id", "=", organisationId)
    .where("u.deleted_at", "is", null)
    .where("u.disabled_at", "is", null);
  if (options.ownersOnly) query = query.where("m.role", "=", "owner");
  return query.execute();
}
