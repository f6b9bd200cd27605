import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { ReplySchema } from "~/modules/messages/messages.schema";
import { replyToThread } from "~/modules/messages/messages.server";
import { loadThreadPage } from "~/modules/messages/thread-page.server";
import { ThreadView } from "~/components/thread-view";
import { requireOrganisationMember } from "~/utils/auth.server";
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
  const orgId = requireIdParam(params.orgId);
  const threadId = requireIdParam(params.threadId);
  const { user, organisation } = await requireOrganisationMember(request, orgId, "view-dashboard");
  const result = await loadThreadPage(getDb(), user, threadId, "organisation", orgId);
  if (result.status !== "ok") notFound();
  return data({ ...result.page, organisationId: organisation.id }, { headers: { "Cache-Control": "no-store" } });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const orgId = requireIdParam(params.orgId);
  const threadId = requireIdParam(params.threadId);
  const { user } = await requireOrganisationMember(request, orgId, "view-dashboard");
  const db = getDb();
  const thread = await db.selectFrom("message_threads").select("id").where("id", "=", threadId).where("organisation_id", "=", orgId).executeTakeFirst();
  if (!thread) notFound();
  const parsed = parseForm(ReplySchema, await readFormData(request));
  if (!parsed.success) return data(parsed.failure, { status: 400 });
  const { origin } = requestContext(request, context);
  const posted = await replyToThread(db, { threadId, senderUserId: user.id, side: "organisation", body: parsed.data.body, submissionKey: parsed.data.submissionKey, origin });
  afterCommit();
  return redirectWithToast(request, `/orgs/${orgId}/messages/${threadId}#m-${posted.id}`, { kind: "success", message: "messages.sent" });
}

export default function OrganisationThread() {
  const page = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const t = useT();
  const base = `/orgs/${page.organisationId}`;
  return (
    <ThreadView
      data={page}
      failure={failure}
      postingHref={`${base}/postings/${page.thread.postingId}`}
      backHref={`${base}/messages`}
      backLabel={t("messages.organisationTitle", { organisation: page.thread.organisationName })}
      extraLinks={<Link to={`${base}/postings/${page.thread.postingId}/applicants`}>{t("messages.applicantsLink")}</Link>}
    />
  );
}
