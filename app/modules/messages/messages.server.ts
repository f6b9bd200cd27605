import { sql } from "kysely";
import { inOrder } from "#db/pipeline.server";
import type { DB, Executor } from "#db/client.server";
import { enqueueJob } from "#db/jobs.server";
import type { MessageSide, UserRole } from "#db/schema";
import type { EmailMessage } from "#emails/render";
import { appOrigin } from "~/utils/env.server";
import type { Locale } from "~/utils/i18n";
import { translate } from "~/utils/translate";
import { givenName } from "~/modules/accounts/names";
import { underAgeOn } from "~/modules/safeguarding/age.server";
import { getSafeguardingSettings } from "~/modules/safeguarding/settings.server";
import {
  NOTICE_WINDOW_MINUTES,
  noticeBucket,
  noticeDedupeKey,
  notifiedParties,
  threadAccess,
  type ParticipantRole,
  type ThreadAccess,
} from "./messages.rules";
import { participantReadsNow } from "./participants.server";

/**
 * Message threads: one conversation per volunteer per posting (all their shifts of it), between the volunteer
 * and the organisation's members, open to listed participants (docs/decisions/009-message-threads.md).
 *
 * `ensureThread` and `postMessage` run inside their callers' transactions (applying, withdrawing, reminders):
 * they take an Executor and never open a transaction of their own.
 */

/** The site's address for links in emails when the caller has no request at hand. */
function siteOrigin(origin?: string): string {
  return (origin ?? appOrigin()).replace(/\/$/, "");
}

/** The thread of this volunteer about this posting, made on first use. Throws if the posting does not exist. */
export async function ensureThread(db: Executor, input: { postingId: number; volunteerUserId: number }): Promise<number> {
  // In order; in a transaction on a connection that pipelines (db/pipeline.server.ts), in one round trip.
  const [, row] = await inOrder(db, [
    () =>
      db
        .insertInto("message_threads")
        .columns(["posting_id", "organisation_id", "volunteer_user_id"])
        .expression((eb) =>
          eb
            .selectFrom("postings")
            .select(["postings.id", "postings.organisation_id", eb.val(input.volunteerUserId).as("volunteer_user_id")])
            .where("postings.id", "=", input.postingId),
        )
        .onConflict((oc) => oc.columns(["posting_id", "volunteer_user_id"]).doNothing())
        .execute(),
    () => db.selectFrom("message_threads").select("id").where("posting_id", "=", input.postingId).where("volunteer_user_id", "=", input.volunteerUserId).executeTakeFirst(),
  ]);
  if (!row) throw new Error(`ensureThread: posting ${input.postingId} does not exist`);
  return row.id;
}

export interface PostMessageInput {
  threadId: number;
  /** Null for system notices. */
  senderUserId: number | null;
  side: MessageSide;
  body: string;
  /** From the form: the same key twice posts one message. */
  submissionKey?: string;
  /** The site's address for the emailed link; APP_URL (or localhost) when not given. */
  origin?: string;
  /** False to post without emailing anyone (system notices never email). */
  notify?: boolean;
  now?: Date;
}

/**
 * A system notice's statements, unsent (what postMessage runs for one, without a submission key): for a caller
 * that sends them with others, in its transaction.
 */
export function systemNoticeStatements(db: Executor, threadId: number, body: string) {
  return [
    db.insertInto("messages").values({ thread_id: threadId, sender_user_id: null, sender_side: "system", body, submission_key: null }),
    db.updateTable("message_threads").set({ last_message_at: sql`greatest(last_message_at, now())` }).where("id", "=", threadId),
  ];
}

/**
 * Posts a message: inserts it (once per submission key), moves the thread to the top, marks it read for the
 * sender, and queues a "new message" email to the other side — at most one per recipient per thread per
 * 15 minutes, never to the sender, only to people who keep message emails on.
 */
export async function postMessage(db: Executor, input: PostMessageInput): Promise<{ id: number; duplicate: boolean }> {
  const touchThread = () =>
    db
      .updateTable("message_threads")
      .set({ last_message_at: sql`greatest(last_message_at, now())` })
      .where("id", "=", input.threadId)
      .execute();
  // Without a submission key the insert cannot be a duplicate: the thread's time goes with it (in a transaction on
  // a connection that pipelines, db/pipeline.server.ts, in one round trip).
  const [inserted] = await inOrder(db, [
    () =>
      db
        .insertInto("messages")
        .values({
          thread_id: input.threadId,
          sender_user_id: input.senderUserId,
          sender_side: input.side,
          body: input.body,
          submission_key: input.submissionKey ?? null,
        })
        .onConflict((oc) => oc.column("submission_key").doNothing())
        .returning("id")
        .executeTakeFirst(),
    async () => (input.submissionKey ? null : touchThread()),
  ]);
  if (!inserted) {
    const existing = await db
      .selectFrom("messages")
      .select(["id", "thread_id", "sender_user_id"])
      .where("submission_key", "=", input.submissionKey!)
      .executeTakeFirstOrThrow();
    if (existing.thread_id !== input.threadId || existing.sender_user_id !== input.senderUserId) throw new Error("postMessage: submission key reused");
    return { id: existing.id, duplicate: true };
  }
  if (input.submissionKey) await touchThread();
  if (input.senderUserId !== null) await markThreadRead(db, input.threadId, input.senderUserId, inserted.id);
  if (input.side !== "system" && input.notify !== false) await queueNotices(db, input, input.now ?? new Date());
  return { id: inserted.id, duplicate: false };
}

/**
 * True while the thread's volunteer is a minor (applied as one to the posting, or under the minor age today) and
 * holds no confirmed place on the posting: until then the organisation sees their first name only, as on the
 * applicants page. Reads t (message_threads) and v (the volunteer's users row) of the surrounding query.
 */
export function volunteerNameWithheld(minorAge: number) {
  return sql<boolean>`(
    (exists (select 1 from applications wa where wa.user_id = t.volunteer_user_id and wa.posting_id = t.posting_id and wa.minor)
      or ${underAgeOn(sql.ref("v.birth_date"), sql`now()`, minorAge)})
    and not exists (select 1 from applications wc where wc.user_id = t.volunteer_user_id and wc.posting_id = t.posting_id
                    and wc.status in ('confirmed', 'no_show')))`;
}

/** Whether the organisation sees only the first name of this thread's volunteer (see volunteerNameWithheld). */
export async function nameWithheld(db: Executor, threadId: number): Promise<boolean> {
  const { minorAge } = await getSafeguardingSettings(db);
  const row = await db
    .selectFrom("message_threads as t")
    .innerJoin("users as v", "v.id", "t.volunteer_user_id")
    .select(volunteerNameWithheld(minorAge).as("withheld"))
    .where("t.id", "=", threadId)
    .executeTakeFirst();
  return Boolean(row?.withheld);
}

interface NoticeRecipient {
  id: number;
  email: string;
  locale: Locale;
  side: "volunteer" | "organisation";
}

async function queueNotices(db: Executor, input: PostMessageInput, now: Date): Promise<void> {
  const thread = await db
    .selectFrom("message_threads as t")
    .innerJoin("postings as p", "p.id", "t.posting_id")
    .innerJoin("organisations as o", "o.id", "t.organisation_id")
    .select(["t.id", "t.organisation_id", "t.volunteer_user_id", "p.title", "o.name as organisation_name"])
    .where("t.id", "=", input.threadId)
    .executeTakeFirstOrThrow();
  // What the organisation's members read in the email is what the thread shows them: a minor's first name only.
  const withheld = input.side === "volunteer" && (await nameWithheld(db, input.threadId));
  const parties = notifiedParties(input.side);
  const candidates = db
    .selectFrom("users")
    .where("users.deleted_at", "is", null)
    .where("users.disabled_at", "is", null)
    .where("users.notify_messages", "=", true);
  const recipients: NoticeRecipient[] = [];
  if (parties.volunteer) {
    const volunteer = await candidates.select(["users.id", "users.email", "users.locale"]).where("users.id", "=", thread.volunteer_user_id).executeTakeFirst();
    if (volunteer) recipients.push({ ...volunteer, side: "volunteer" });
  }
  if (parties.organisation) {
    const members = await candidates
      .innerJoin("memberships as m", "m.user_id", "users.id")
      .select(["users.id", "users.email", "users.locale"])
      .where("m.organisation_id", "=", thread.organisation_id)
      .orderBy("users.id")
      .execute();
    for (const m of members) if (m.id !== thread.volunteer_user_id) recipients.push({ ...m, side: "organisation" });
  }
  const sender =
    input.senderUserId === null
      ? undefined
      : await db.selectFrom("users").select(["display_name", "deleted_at"]).where("id", "=", input.senderUserId).executeTakeFirst();
  const origin = siteOrigin(input.origin);
  const bucket = noticeBucket(now);
  for (const r of recipients) {
    if (r.id === input.senderUserId) continue;
    // Told within the window already: the earlier email still points at this thread.
    const recent = await db
      .selectFrom("jobs")
      .select("id")
      .where("dedupe_key", "in", [noticeDedupeKey(thread.id, r.id, bucket), noticeDedupeKey(thread.id, r.id, bucket - 1)])
      .where("created_at", ">", new Date(now.getTime() - NOTICE_WINDOW_MINUTES * 60_000))
      .executeTakeFirst();
    if (recent) continue;
    const senderLabel =
      input.side === "organisation"
        ? thread.organisation_name
        : input.side === "staff"
          ? translate(r.locale, "messages.email.staffSender")
          : !sender || sender.deleted_at
            ? translate(r.locale, "messages.formerUser")
            : (withheld ? givenName(sender.display_name) : sender.display_name) || translate(r.locale, "messages.noName");
    const threadUrl = r.side === "volunteer" ? `${origin}/messages/${thread.id}` : `${origin}/orgs/${thread.organisation_id}/messages/${thread.id}`;
    const email: EmailMessage = {
      template: "new-message",
      to: r.email,
      locale: r.locale,
      props: { postingTitle: thread.title, senderLabel, threadUrl, settingsUrl: `${origin}/account#notifications` },
    };
    // Queued like sendEmail does, with a dedupe key: two messages racing in one quarter hour give one email.
    await enqueueJob(db, "email", email, { dedupeKey: noticeDedupeKey(thread.id, r.id, bucket) });
  }
}

/** Remembers that the user has read the thread up to this message (never moves backwards). */
export async function markThreadRead(db: Executor, threadId: number, userId: number, messageId: number): Promise<void> {
  await db
    .insertInto("thread_reads")
    .values({ thread_id: threadId, user_id: userId, last_read_message_id: messageId })
    .onConflict((oc) =>
      oc.columns(["thread_id", "user_id"]).doUpdateSet({
        last_read_message_id: sql`greatest(thread_reads.last_read_message_id, excluded.last_read_message_id)`,
      }),
    )
    .execute();
}

/** Posts a reply from a thread page, in its own transaction. */
export async function replyToThread(
  db: DB,
  input: { threadId: number; senderUserId: number; side: Exclude<MessageSide, "system">; body: string; submissionKey?: string; origin: string },
): Promise<{ id: number; duplicate: boolean }> {
  return db.transaction().execute((trx) => postMessage(trx, input));
}

/**
 * Posts the same message into the thread of every person confirmed on a shift of the organisation, in one
 * transaction; returns how many were written to (0 when the shift is not the organisation's).
 */
export async function bulkMessage(
  db: DB,
  input: { organisationId: number; shiftId: number; senderUserId: number; body: string; origin?: string },
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const confirmed = await trx
      .selectFrom("applications as a")
      .innerJoin("shifts as s", "s.id", "a.shift_id")
      .innerJoin("postings as p", "p.id", "s.posting_id")
      .select(["a.user_id", "p.id as posting_id"])
      .where("a.shift_id", "=", input.shiftId)
      .where("a.status", "=", "confirmed")
      .where("p.organisation_id", "=", input.organisationId)
      .orderBy("a.id")
      .execute();
    for (const row of confirmed) {
      const threadId = await ensureThread(trx, { postingId: row.posting_id, volunteerUserId: row.user_id });
      await postMessage(trx, { threadId, senderUserId: input.senderUserId, side: "organisation", body: input.body, origin: input.origin });
    }
    return confirmed.length;
  });
}
