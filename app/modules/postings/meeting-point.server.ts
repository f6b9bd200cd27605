import type { Executor } from "#db/client.server";
import type { UserRole } from "~/vocabulary";

/**
 * Where confirmed people meet on the day (`postings.meeting_point`), told only to those who need it: a person
 * confirmed for one of the posting's sessions, a member of the group that runs it, and ward staff. Nobody else
 * reads it — not anonymous visitors (whose pages a shared cache keeps), not someone still waiting, never the
 * search documents or the public API, which read other columns.
 */
export async function meetingPointFor(db: Executor, postingId: number, viewer: { id: number; role: UserRole } | null): Promise<string | null> {
  if (!viewer) return null;
  const row = await db
    .selectFrom("postings as p")
    .select((eb) => [
      "p.meeting_point",
      eb
        .exists(
          eb
            .selectFrom("applications as a")
            .select("a.id")
            .whereRef("a.posting_id", "=", "p.id")
            .where("a.user_id", "=", viewer.id)
            .where("a.status", "=", "confirmed"),
        )
        .as("confirmed"),
      eb
        .exists(eb.selectFrom("memberships as m").select("m.user_id").whereRef("m.organisation_id", "=", "p.organisation_id").where("m.user_id", "=", viewer.id))
        .as("member"),
    ])
    .where("p.id", "=", postingId)
    .executeTakeFirst();
  if (!row || !row.meeting_point.trim()) return null;
  const staff = viewer.role === "staff" || viewer.role === "admin";
  return row.confirmed || row.member || staff ? row.meeting_point : null;
}
