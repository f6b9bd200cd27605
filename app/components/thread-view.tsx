import { Form, Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { FormErrorSummary, SubmitButton, TextArea } from "./form";
import { EmptyState } from "./ui";
import { formatDateTime } from "~/utils/format";
import type { FormFailure } from "~/utils/form";
import { useT } from "~/utils/use-i18n";
import type { MessageSide } from "~/vocabulary";
import { messageText, preview, senderLabel, type ParticipantRole, type ThreadAccess } from "~/modules/messages/messages.rules";
import { MESSAGE_MAX } from "~/modules/messages/messages.schema";

/** The thread page shared by the volunteer's and the organisation's routes (what differs comes in as props). */

export interface ThreadViewData {
  viewerId: number;
  access: ThreadAccess;
  thread: {
    id: number;
    postingId: number;
    postingTitle: string;
    organisationName: string;
    volunteerUserId: number;
    volunteerName: string;
    volunteerGone: boolean;
    participants: { userId: number; role: ParticipantRole; name: string; gone: boolean }[];
    messages: {
      id: number;
      side: MessageSide;
      body: string;
      createdAt: string;
      senderName: string | null;
      senderGone: boolean;
      mine: boolean;
      isNew: boolean;
    }[];
  };
  submissionKey: string;
}

function volunteerLabel(thread: ThreadViewData["thread"], t: ReturnType<typeof useT>) {
  return thread.volunteerGone ? t("messages.formerUser") : thread.volunteerName || t("messages.noName");
}

function Readers({ data }: { data: ThreadViewData }) {
  const t = useT();
  const { thread, viewerId } = data;
  const volunteer = volunteerLabel(thread, t);
  const people = [
    t("messages.readers.organisation", { organisation: thread.organisationName }),
    thread.volunteerUserId === viewerId ? t("messages.readers.you", { name: volunteer }) : t("messages.readers.volunteer", { name: volunteer }),
    ...thread.participants.map((p) =>
      t("messages.readers.participant", {
        name: p.gone ? t("messages.formerUser") : p.name || t("messages.noName"),
        role: t(`messages.role.${p.role}`),
      }),
    ),
  ];
  return (
    <section aria-labelledby="readers-heading" className="card space-y-1">
      <h2 id="readers-heading" className="text-base font-bold">
        {t("messages.readers.heading")}
      </h2>
      <ul className="list-disc pl-5">
        {people.map((p) => (
          <li key={p}>{p}</li>
        ))}
      </ul>
      {thread.participants.length ? <p className="text-sm text-stone-700">{t("messages.readers.participantsNote")}</p> : null}
      <p className="text-sm text-stone-700">{t("messages.readers.privacy")}</p>
    </section>
  );
}

export function ThreadView({
  data,
  failure,
  postingHref,
  backHref,
  backLabel,
  extraLinks,
}: {
  data: ThreadViewData;
  failure?: FormFailure | null;
  postingHref: string;
  backHref: string;
  backLabel: string;
  extraLinks?: ReactNode;
}) {
  const t = useT();
  const { thread, access } = data;
  const counterpart = access.as === "volunteer" ? thread.organisationName : volunteerLabel(thread, t);
  const newCount = thread.messages.filter((m) => m.isNew).length;
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <p>
        <Link to={backHref}>← {backLabel}</Link>
      </p>
      <div>
        <h1>{t("messages.threadTitle", { name: counterpart })}</h1>
        <p className="mt-1 text-stone-700">
          {t("messages.about")} <Link to={postingHref}>{thread.postingTitle}</Link>
        </p>
        {extraLinks ? <p className="mt-1">{extraLinks}</p> : null}
      </div>

      <Readers data={data} />

      <section aria-labelledby="messages-heading" className="space-y-3">
        <h2 id="messages-heading" className="text-lg font-bold">
          {t("messages.conversation")}
          {newCount ? <span className="ml-2 badge bg-red-100 text-red-800">{t("messages.newCount", { count: newCount })}</span> : null}
        </h2>
        {thread.messages.length === 0 ? (
          <EmptyState title={t("messages.emptyThread")}>{access.canWrite ? t("messages.emptyThreadHint") : null}</EmptyState>
        ) : (
          <ol className="space-y-3">
            {thread.messages.map((m) =>
              m.side === "system" ? (
                <li key={m.id} id={`m-${m.id}`} className="rounded-lg bg-stone-100 px-3 py-2 text-center text-sm text-stone-800">
                  <span className="sr-only">{senderLabel(m, thread.organisationName, t.locale)}: </span>
                  {messageText(m.side, m.body, t.locale)}{" "}
                  <time dateTime={m.createdAt} className="text-stone-700">
                    （{formatDateTime(m.createdAt, t.locale)}）
                  </time>
                  {m.isNew ? <span className="ml-2 badge bg-red-100 text-red-800">{t("messages.new")}</span> : null}
                </li>
              ) : (
                <li
                  key={m.id}
                  id={`m-${m.id}`}
                  className={`card ${m.mine ? "ml-6 border-brand-200 bg-brand-50" : "mr-6"}`}
                >
                  <p className="flex flex-wrap items-baseline gap-x-2 text-sm">
                    <span className="font-semibold">{m.mine ? t("messages.you") : senderLabel(m, thread.organisationName, t.locale)}</span>
                    <time dateTime={m.createdAt} className="text-stone-700">
                      {formatDateTime(m.createdAt, t.locale)}
                    </time>
                    {m.isNew ? <span className="badge bg-red-100 text-red-800">{t("messages.new")}</span> : null}
                  </p>
                  <p className="mt-1 whitespace-pre-wrap break-words">{m.body}</p>
                </li>
              ),
            )}
          </ol>
        )}
      </section>

      {access.canWrite ? (
        // Keyed by the submission key, which is new after every send: the form starts empty again after a
        // client-side redirect instead of keeping the text that was just sent.
        <Form key={data.submissionKey} method="post" className="card space-y-2" noValidate aria-labelledby="reply-heading">
          <h2 id="reply-heading" className="text-base font-bold">
            {t("messages.reply")}
          </h2>
          <FormErrorSummary failure={failure} />
          <input type="hidden" name="submissionKey" value={data.submissionKey} />
          <TextArea
            name="body"
            label={t("messages.body")}
            hint={t("messages.bodyHint", { max: MESSAGE_MAX })}
            required
            maxLength={MESSAGE_MAX}
            rows={5}
            failure={failure}
          />
          <SubmitButton>{t("messages.send")}</SubmitButton>
        </Form>
      ) : (
        <p className="text-stone-700">{t("messages.readOnly")}</p>
      )}
    </div>
  );
}

export interface ThreadListItem {
  id: number;
  href: string;
  title: string;
  subtitle: string;
  lastMessageAt: Date | string;
  unread: number;
  lastSide: MessageSide | null;
  lastBody: string | null;
}

export function ThreadList({ items, emptyTitle, emptyBody }: { items: ThreadListItem[]; emptyTitle: string; emptyBody?: ReactNode }) {
  const t = useT();
  if (!items.length) return <EmptyState title={emptyTitle}>{emptyBody}</EmptyState>;
  return (
    <ul className="space-y-3">
      {items.map((item) => (
        <li key={item.id} className={`card ${item.unread ? "border-l-4 border-l-red-700" : ""}`}>
          <p className="flex flex-wrap items-center gap-2">
            <Link to={item.href} className="font-bold">
              {item.title}
            </Link>
            {item.unread ? <span className="badge bg-red-100 text-red-800">{t("messages.unread", { count: item.unread })}</span> : null}
          </p>
          <p className="text-sm text-stone-700">{item.subtitle}</p>
          <p className="mt-1 text-sm">
            {item.lastBody !== null && item.lastSide ? preview(messageText(item.lastSide, item.lastBody, t.locale)) : t("messages.noMessagesYet")}
          </p>
          <p className="text-xs text-stone-700">
            <time dateTime={new Date(item.lastMessageAt).toISOString()}>{formatDateTime(item.lastMessageAt, t.locale)}</time>
          </p>
        </li>
      ))}
    </ul>
  );
}
