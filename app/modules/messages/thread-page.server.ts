import { randomBytes } from "node:crypto";
import type { DB } from "#db/client.server";
import type { User } from "#db/schema";
import { givenName } from "~/modules/accounts/names";
import { accessToThread, getThread, markShownRead, type ThreadDetail } from "./thread-reading.server";
import type { ThreadAccess } from "./messages.rules";

/**
 * What a thread page needs, for the volunteer's pages (/messages/:id) and the organisation's
 * (/orgs/:orgId/messages/:id): the thread if the viewer may read it, which messages are new to them, and a
 * fresh submission key for the reply form. Viewing marks the thread read.
 */
export type ThreadPageResult =
  | { status: "not-found" }
  | { status: "organisation"; organisationId: number }
  | { status: "ok"; page: Awaited<ReturnType<typeof pageData>> };

async function pageData(db: DB, viewer: User, threadId: number, access: ThreadAccess) {
  const full = (await getThread(db, threadId))!;
  // The organisation's members read a minor's first name only until the minor has a confirmed place.
  const thread = access.as === "organisation" && full.volunteerNameWithheld ? withholdVolunteerName(full) : full;
  const read = await db.selectFrom("thread_reads").select("last_read_message_id").where("thread_id", "=", threadId).where("user_id", "=", viewer.id).executeTakeFirst();
  const lastRead = read?.last_read_message_id ?? 0;
  await markShownRead(db, thread, viewer.id);
  return {
    viewerId: viewer.id,
    access,
    thread: {
      ...thread,
      messages: thread.messages.map((m) => ({
        ...m,
        createdAt: m.createdAt.toISOString(),
        mine: m.senderUserId === viewer.id,
        isNew: m.id > lastRead && m.senderUserId !== viewer.id,
      })),
    },
    submissionKey: randomBytes(16).toString("base64url"),
  };
}

function withholdVolunteerName(thread: ThreadDetail): ThreadDetail {
  return {
    ...thread,
    volunteerName: givenName(thread.volunteerName),
    messages: thread.messages.map((m) =>
      m.side === "volunteer" && m.senderUserId === thread.volunteerUserId && m.senderName ? { ...m, senderName: givenName(m.senderName) } : m,
    ),
  };
}

export async function loadThreadPage(db: DB, viewer: User, threadId: number, via: "personal" | "organisation", organisationId?: number): Promise<ThreadPageResult> {
  const thread = await db.selectFrom("message_threads").select(["id", "organisation_id", "volunteer_user_id"]).where("id", "=", threadId).executeTakeFirst();
  if (!thread || (organisationId !== undefined && thread.organisation_id !== organisationId)) return { status: "not-found" };
  const access = await accessToThread(db, viewer, { id: thread.id, organisationId: thread.organisation_id, volunteerUserId: thread.volunteer_user_id }, via);
  // Not 403: whether a conversation exists is itself private.
  if (!access.canRead) return { status: "not-found" };
  if (via === "personal" && access.as === "organisation") return { status: "organisation", organisationId: thread.organisation_id };
  return { status: "ok", page: await pageData(db, viewer, threadId, access) };
}
