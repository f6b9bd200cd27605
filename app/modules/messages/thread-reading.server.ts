import { sql } from "kysely";
import type { Executor } from "#db/client.server";
import type { MessageSide, UserRole } from "#db/schema";
import { givenName } from "~/modules/accounts/names";
import { getSafeguardingSettings } from "~/modules/safeguarding/settings.server";
import { threadAccess, type ParticipantRole, type ThreadAccess } from "./messages.rules";
import { markThreadRead, volunteerNameWithheld } from "./messages.server";
import { participantReadsNow } from "./participants.server";

/** Reading threads: the lists of a person's and an organisation's threads, unread counts, and one thread with who may read it. */

export interface ThreadSummary {
  id: number;
  postingId: number;
  postingTitle: string;
  organisationId: number;
  organisationName: string;
  volunteerName: string;
  volunteerGone: boolean;
  lastMessageAt: Date;
  unread: number;
  lastSide: MessageSide | null;
  lastBody: string | null;
}

function threadSummaries(db: Executor, userId: number, readerSides: MessageSide[]) {
  return db
    .selectFrom("message_threads as t")
    .innerJoin("postings as p", "p.id", "t.posting_id")
    .innerJoin("organisations as o", "o.id", "t.organisation_id")
    .innerJoin("users as v", "v.id", "t.volunteer_user_id")
    .leftJoin("thread_reads as r", (join) => join.onRef("r.thread_id", "=", "t.id").on("r.user_id", "=", userId))
    .select((eb) => [
      "t.id",
      "t.posting_id",
      "p.title as posting_title",
      "t.organisation_id",
      "o.name as organisation_name",
      "v.display_name as volunteer_name",
      "v.deleted_at as volunteer_deleted_at",
      "t.last_message_at",
      eb
        .selectFrom("messages as m")
        .select((e) => e.fn.countAll<string | number>().as("n"))
        .whereRef("m.thread_id", "=", "t.id")
        .where(sql<boolean>`m.id > coalesce(r.last_read_message_id, 0)`)
        .$if(readerSides.length > 0, (q) => q.where("m.sender_side", "not in", readerSides))
        .where((e) => e.or([e("m.sender_user_id", "is", null), e("m.sender_user_id", "<>", userId)]))
        .as("unread"),
      eb.selectFrom("messages as m").select("m.sender_side").whereRef("m.thread_id", "=", "t.id").orderBy("m.id", "desc").limit(1).as("last_side"),
      eb.selectFrom("messages as m").select("m.body").whereRef("m.thread_id", "=", "t.id").orderBy("m.id", "desc").limit(1).as("last_body"),
    ])
    .orderBy("t.last_message_at", "desc")
    .orderBy("t.id", "desc");
}

type SummaryRow = {
  id: number;
  posting_id: number;
  posting_title: string;
  organisation_id: number;
  organisation_name: string;
  volunteer_name: string;
  volunteer_deleted_at: Date | string | null;
  last_message_at: Date | string;
  unread: string | number | null;
  last_side: MessageSide | null;
  last_body: string | null;
};

function toSummary(row: SummaryRow): ThreadSummary {
  return {
    id: row.id,
    postingId: row.posting_id,
    postingTitle: row.posting_title,
    organisationId: row.organisation_id,
    organisationName: row.organisation_name,
    volunteerName: row.volunteer_deleted_at ? "" : row.volunteer_name,
    volunteerGone: Boolean(row.volunteer_deleted_at),
    lastMessageAt: new Date(row.last_message_at),
    unread: Number(row.unread ?? 0),
    lastSide: row.last_side,
    lastBody: row.last_body,
  };
}

export const THREAD_LIST_LIMIT = 200;

/** The conversations of a volunteer (and those they follow as a listed participant), newest first. */
export async function volunteerThreads(db: Executor, userId: number): Promise<(ThreadSummary & { as: "volunteer" | ParticipantRole })[]> {
  const own = await threadSummaries(db, userId, ["volunteer"]).where("t.volunteer_user_id", "=", userId).limit(THREAD_LIST_LIMIT).execute();
  const followed = await threadSummaries(db, userId, [])
    .innerJoin("thread_participants as tp", (join) => join.onRef("tp.thread_id", "=", "t.id").on("tp.user_id", "=", userId))
    .select("tp.role as participant_role")
    .where("t.volunteer_user_id", "<>", userId)
    .where(participantReadsNow())
    .limit(THREAD_LIST_LIMIT)
    .execute();
  const all = [
    ...own.map((r) => ({ ...toSummary(r), as: "volunteer" as const })),
    ...followed.map((r) => ({ ...toSummary(r), as: r.participant_role })),
  ];
  return all.sort((a, b) => b.lastMessageAt.getTime() - a.lastMessageAt.getTime() || b.id - a.id).slice(0, THREAD_LIST_LIMIT);
}

/** An organisation's conversations with unread counts for this member, newest first. */
export async function organisationThreads(db: Executor, organisationId: number, memberUserId: number): Promise<ThreadSummary[]> {
  const { minorAge } = await getSafeguardingSettings(db);
  const rows = await threadSummaries(db, memberUserId, ["organisation"])
    .select(volunteerNameWithheld(minorAge).as("withheld"))
    .where("t.organisation_id", "=", organisationId)
    .limit(THREAD_LIST_LIMIT)
    .execute();
  return rows.map((r) => {
    const summary = toSummary(r);
    return r.withheld ? { ...summary, volunteerName: givenName(summary.volunteerName) } : summary;
  });
}

/** Unread messages across everything the user reads (own threads, organisations, participations): for the header. */
export async function unreadMessageCount(db: Executor, userId: number): Promise<number> {
  const row = await sql<{ n: string | number }>`
    select count(*) as n
    from messages m
    join message_threads t on t.id = m.thread_id
    left join thread_reads r on r.thread_id = t.id and r.user_id = ${userId}
    where m.id > coalesce(r.last_read_message_id, 0)
      and (m.sender_user_id is null or m.sender_user_id <> ${userId})
      and (
        (t.volunteer_user_id = ${userId} and m.sender_side <> 'volunteer')
        or (t.volunteer_user_id <> ${userId} and m.sender_side <> 'organisation'
            and exists (select 1 from memberships ms where ms.organisation_id = t.organisation_id and ms.user_id = ${userId}))
        or (t.volunteer_user_id <> ${userId}
            and not exists (select 1 from memberships ms where ms.organisation_id = t.organisation_id and ms.user_id = ${userId})
            and exists (select 1 from thread_participants tp where tp.thread_id = t.id and tp.user_id = ${userId} and ${participantReadsNow()}))
      )`.execute(db);
  return Number(row.rows[0]?.n ?? 0);
}

export interface ThreadMessage {
  id: number;
  side: MessageSide;
  body: string;
  createdAt: Date;
  senderUserId: number | null;
  senderName: string | null;
  senderGone: boolean;
}

export interface ThreadDetail {
  id: number;
  postingId: number;
  postingTitle: string;
  organisationId: number;
  organisationName: string;
  volunteerUserId: number;
  volunteerName: string;
  volunteerGone: boolean;
  /** The volunteer is a minor without a confirmed place: the organisation's members see their first name only. */
  volunteerNameWithheld: boolean;
  participants: { userId: number; role: ParticipantRole; name: string; gone: boolean }[];
  messages: ThreadMessage[];
}

export const THREAD_MESSAGE_LIMIT = 500;

/** A thread with its posting, the people who can read it, and its latest messages (oldest first). */
export async function getThread(db: Executor, threadId: number): Promise<ThreadDetail | null> {
  const thread = await db
    .selectFrom("message_threads as t")
    .innerJoin("postings as p", "p.id", "t.posting_id")
    .innerJoin("organisations as o", "o.id", "t.organisation_id")
    .innerJoin("users as v", "v.id", "t.volunteer_user_id")
    .select(["t.id", "t.posting_id", "p.title", "t.organisation_id", "o.name as organisation_name", "t.volunteer_user_id", "v.display_name", "v.deleted_at"])
    .select(volunteerNameWithheld((await getSafeguardingSettings(db)).minorAge).as("withheld"))
    .where("t.id", "=", threadId)
    .executeTakeFirst();
  if (!thread) return null;
  // Only the participants who read it now are named as its readers.
  const participants = await db
      .selectFrom("thread_participants as tp")
      .innerJoin("message_threads as t", "t.id", "tp.thread_id")
      .innerJoin("users as u", "u.id", "tp.user_id")
      .select(["tp.user_id", "tp.role", "u.display_name", "u.deleted_at"])
      .where("tp.thread_id", "=", threadId)
      .where(participantReadsNow())
      .orderBy("tp.added_at")
      .execute();
  const messages = await db
      .selectFrom("messages as m")
      .leftJoin("users as u", "u.id", "m.sender_user_id")
      .select(["m.id", "m.sender_side", "m.body", "m.created_at", "m.sender_user_id", "u.display_name", "u.deleted_at"])
      .where("m.thread_id", "=", threadId)
      .orderBy("m.id", "desc")
      .limit(THREAD_MESSAGE_LIMIT)
      .execute();
  return {
    id: thread.id,
    postingId: thread.posting_id,
    postingTitle: thread.title,
    organisationId: thread.organisation_id,
    organisationName: thread.organisation_name,
    volunteerUserId: thread.volunteer_user_id,
    volunteerName: thread.deleted_at ? "" : thread.display_name,
    volunteerGone: Boolean(thread.deleted_at),
    volunteerNameWithheld: Boolean(thread.withheld),
    participants: participants.map((p) => ({ userId: p.user_id, role: p.role, name: p.deleted_at ? "" : p.display_name, gone: Boolean(p.deleted_at) })),
    messages: messages.reverse().map((m) => ({
      id: m.id,
      side: m.sender_side,
      body: m.body,
      createdAt: new Date(m.created_at),
      senderUserId: m.sender_user_id,
      senderName: m.deleted_at ? null : m.display_name,
      // A deleted account keeps a tombstone row; a row removed outright leaves the sender null.
      senderGone: m.sender_side !== "system" && (m.sender_user_id === null || Boolean(m.deleted_at)),
    })),
  };
}

/** What the user may do in the thread (reads their membership and participation, then applies the rules). */
export async function accessToThread(
  db: Executor,
  viewer: { id: number; role: UserRole },
  thread: { id: number; volunteerUserId: number; organisationId: number },
  via: "personal" | "organisation" = "personal",
): Promise<ThreadAccess> {
  const membership = await db
    .selectFrom("memberships")
    .select("role")
    .where("organisation_id", "=", thread.organisationId)
    .where("user_id", "=", viewer.id)
    .executeTakeFirst();
  // Listed, and still entitled now (participants.server.ts): decided on every read and every write.
  const participant = await db
    .selectFrom("thread_participants as tp")
    .innerJoin("message_threads as t", "t.id", "tp.thread_id")
    .select("tp.role")
    .where("tp.thread_id", "=", thread.id)
    .where("tp.user_id", "=", viewer.id)
    .where(participantReadsNow())
    .executeTakeFirst();
  return threadAccess({ viewer, thread, memberOfOrganisation: Boolean(membership), participantRole: participant?.role ?? null, via });
}

/** Marks everything shown as read for the viewer. */
export async function markShownRead(db: Executor, thread: ThreadDetail, userId: number): Promise<void> {
  const last = thread.messages[thread.messages.length - 1];
  if (last) await markThreadRead(db, thread.id, userId, last.id);
}
