import type { DB } from "#db/client.server";

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
