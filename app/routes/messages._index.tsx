import { data, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { PageHeader } from "~/components/ui";
import { volunteerThreads } from "~/modules/messages/thread-reading.server";
import { myOrganisations } from "~/modules/organisations/memberships.server";
import { ThreadList } from "~/components/thread-view";
import { requireUser } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { useT } from "~/utils/use-i18n";
import { TeacherReadsNote } from "~/components/teacher-reads-note";
import { coordinatedSchoolsThreadsNotes } from "~/modules/schools/threads-note.server";

export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export const meta: MetaFunction = () => [{ title: "メッセージ / Messages | つなぐ八幡東" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const db = getDb();
  const threads = await volunteerThreads(db, user.id);
  const [organisations, schools] = await Promise.all([myOrganisations(db, user.id), coordinatedSchoolsThreadsNotes(db, user.id)]);
  return data({ threads, organisations, schools }, { headers: { "Cache-Control": "no-store" } });
}

export default function Messages() {
  const { threads, organisations, schools } = useLoaderData<typeof loader>();
  const t = useT();
  const formerUser = t("messages.formerUser");
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <PageHeader title={t("messages.title")} lead={t("messages.lead")} />
      {schools.map((s) => (
        <TeacherReadsNote key={s.id} school={s} withName />
      ))}
      <ThreadList
        items={threads.map((th) => ({
          id: th.id,
          href: `/messages/${th.id}`,
          title: th.as === "volunteer" ? th.organisationName : `${th.volunteerGone ? formerUser : th.volunteerName} — ${th.organisationName}`,
          subtitle: th.as === "volunteer" ? t("messages.aboutPosting", { title: th.postingTitle }) : `${t(`messages.role.${th.as}`)} · ${t("messages.aboutPosting", { title: th.postingTitle })}`,
          lastMessageAt: th.lastMessageAt,
          unread: th.unread,
          lastSide: th.lastSide,
          lastBody: th.lastBody,
        }))}
        emptyTitle={t("messages.empty")}
        emptyBody={
          <p>
            {t("messages.emptyHint")} <Link to="/postings">{t("messages.findPostings")}</Link>
          </p>
        }
      />
      {organisations.length ? (
        <section aria-labelledby="org-messages" className="card">
          <h2 id="org-messages" className="text-base font-bold">
            {t("messages.organisationInboxes")}
          </h2>
          <ul className="mt-2 space-y-1">
            {organisations.map((o) => (
              <li key={o.id}>
                <Link to={`/orgs/${o.id}/messages`}>{t("messages.organisationInbox", { organisation: o.name })}</Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
