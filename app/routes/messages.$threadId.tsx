import { data, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { ReplySchema } from "~/modules/messages/messages.schema";
import { replyToThread } from "~/modules/messages/messages.server";
import { accessToThread } from "~/modules/messages/thread-reading.server";
import { loadThreadPage } from "~/modules/messages/thread-page.server";
import { ThreadView } from "~/components/thread-view";
import { requireUser } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { parseForm } from "~/utils/form";
import { notFound, requireIdParam } from "~/utils/http.server";
import { afterCommit, requestContext } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";
import { useT } from "~/utils/use-i18n";
import { readFormData } from "~/utils/form-body.server";

export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.thread.postingTitle ?? "メッセージ / Messages"} | つなぐ八幡東` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const threadId = requireIdParam(params.threadId);
  const user = await requireUser(request);
  const result = await loadThreadPage(getDb(), user, threadId, "personal");
  if (result.status === "not-found") notFound();
  // Members of the organisation answer from the organisation's pages (the links in their emails go there too).
  if (result.status === "organisation") throw redirect(`/orgs/${result.organisationId}/messages/${threadId}`);
  return data(result.page, { headers: { "Cache-Control": "no-store" } });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const threadId = requireIdParam(params.threadId);
  const user = await requireUser(request);
  const db = getDb();
  const thread = await db.selectFrom("message_threads").select(["id", "organisation_id", "volunteer_user_id"]).where("id", "=", threadId).executeTakeFirst();
  if (!thread) notFound();
  const access = await accessToThread(db, user, { id: thread.id, organisationId: thread.organisation_id, volunteerUserId: thread.volunteer_user_id });
  if (!access.canRead) notFound();
  if (access.as === "organisation") throw redirect(`/orgs/${thread.organisation_id}/messages/${threadId}`);
  if (!access.canWrite || !access.side) notFound();
  const parsed = parseForm(ReplySchema, await readFormData(request));
  if (!parsed.success) return data(parsed.failure, { status: 400 });
  const { origin } = requestContext(request, context);
  const posted = await replyToThread(db, { threadId, senderUserId: user.id, side: access.side, body: parsed.data.body, submissionKey: parsed.data.submissionKey, origin });
  afterCommit();
  return redirectWithToast(request, `/messages/${threadId}#m-${posted.id}`, { kind: "success", message: "messages.sent" });
}

export default function MessageThread() {
  const page = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const t = useT();
  return <ThreadView data={page} failure={failure} postingHref={`/postings/${page.thread.postingId}`} backHref="/messages" backLabel={t("messages.title")} />;
}
