import type { DB } from "#db/client.server";
import { myOrganisations } from "../organisations/memberships.server";
import { actionCount, homePath } from "./waiting.rules";
import { waitingFor } from "./waiting.server";

/** What every page's header needs about the signed-in person: their groups, their home and what waits there. */
export async function headerFacts(db: DB, user: { id: number; isStaff: boolean }) {
  const organisations = await myOrganisations(db, user.id);
  const waiting = await waitingFor(db, { userId: user.id, isStaff: user.isStaff, organisations });
  return {
    organisations: organisations.map((o) => ({ id: o.id, name: o.name, status: o.status, role: o.role })),
    unreadMessages: waiting.messages,
    waitingCount: actionCount(waiting),
    home: homePath(user),
  };
}
