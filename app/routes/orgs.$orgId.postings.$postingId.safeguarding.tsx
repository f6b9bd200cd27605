import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { ChecklistForm } from "~/components/safeguarding-checklist";
import { SafeguardingHistory, SafeguardingStatusBadge } from "~/components/safeguarding-badge";
import { PageHeader, PostingStatusBadge } from "~/components/ui";
import { ChecklistSchema } from "~/modules/safeguarding/review.schema";
import { getChecklistPage, saveChecklist } from "~/modules/safeguarding/review.server";
import { requireOrganisationMember } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { formatDateTime, formatRange } from "~/utils/format";
import { formDataToObject, formFailure, parseForm } from "~/utils/form";
import { notFound, requireIdParam } from "~/utils/http.server";
import { afterCommit, requestContext } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";
import { useT } from "~/utils/use-i18n";
import { readFormData } from "~/utils/form-body.server";

// A personal page: the loader's Cache-Control (no-store) applies to the page itself, not only to data requests.
export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export const meta: MetaFunction = () => [{ title: "安全確認チェックリスト / Safeguarding checklist | つなぐ八幡東" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const orgId = requireIdParam(params.orgId);
  const postingId = requireIdParam(params.postingId);
  const { organisation } = await requireOrganisationMember(request, orgId, "edit-postings");
  const page = await getChecklistPage(getDb(), orgId, postingId);
  if (!page) notFound();
  return data({ organisation: { id: organisation.id, name: organisation.name }, ...page }, { headers: { "Cache-Control": "no-store" } });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const orgId = requireIdParam(params.orgId);
  const postingId = requireIdParam(params.postingId);
  const { user } = await requireOrganisationMember(request, orgId, "edit-postings");
  const formData = await readFormData(request);
  const parsed = parseForm(ChecklistSchema, formData);
  if (!parsed.success) return data(parsed.failure, { status: 400 });
  const result = await saveChecklist(getDb(), orgId, postingId, user.id, parsed.data, requestContext(request, context));
  const { values } = formDataToObject(formData);
  switch (result.status) {
    case "not-found":
      notFound();
    case "invalid":
      return data(formFailure(result.errors, values), { status: 400 });
    case "incomplete":
      return data(formFailure({ form: ["safeguarding.error.incomplete"], ...result.errors }, values), { status: 400 });
    case "ok":
      afterCommit();
      return redirectWithToast(request, `/orgs/${orgId}/postings/${postingId}/safeguarding`, { kind: "success", message: `safeguarding.done.${result.outcome}` });
  }
}

export default function SafeguardingChecklist() {
  const { organisation, posting, shifts, checklist, people, history, problems, canSubmit } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const t = useT();
  const back = `/orgs/${organisation.id}/postings/${posting.id}`;
  const lastReturn = history.find((h) => h.event === "returned");
  const stillNeeded = Object.entries(problems).flatMap(([, messages]) => messages);
  const statusKey = posting.safeguarding_status === "pending" && posting.status !== "draft" ? "pendingPublic" : posting.safeguarding_status;
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <p>
        <Link to={back}>← {t("safeguarding.checklist.back")}</Link>
      </p>
      <PageHeader title={t("safeguarding.checklist.title")} lead={t("safeguarding.checklist.lead")} />

      <section aria-labelledby="posting-heading" className="card space-y-2">
        <h2 id="posting-heading">{t("safeguarding.checklist.posting")}</h2>
        <p className="text-lg font-bold">
          <Link to={back}>{posting.title}</Link>
        </p>
        <p className="flex flex-wrap gap-2">
          <PostingStatusBadge status={posting.status} />
          {posting.welcomes_minors ? <SafeguardingStatusBadge status={posting.safeguarding_status} /> : null}
        </p>
        {posting.welcomes_minors ? <p>{t(`safeguarding.statusExplain.${statusKey}`)}</p> : null}
        <h3 className="font-bold">{t("safeguarding.checklist.shifts")}</h3>
        {shifts.length ? (
          <ul className="list-disc pl-5">
            {shifts.map((s) => (
              <li key={s.id}>{formatRange(s.startsAt, s.endsAt, t.locale)}</li>
            ))}
          </ul>
        ) : (
          <p>{t("safeguarding.checklist.noShifts")}</p>
        )}
      </section>

      {!posting.welcomes_minors ? (
        <p role="note" className="card">
          {t("safeguarding.checklist.notMinors")}
        </p>
      ) : posting.status === "cancelled" ? (
        <p role="note" className="card">
          {t("safeguarding.checklist.cancelled")}
        </p>
      ) : (
        <>
          {posting.safeguarding_status === "returned" && lastReturn ? (
            <section aria-labelledby="comment-heading" className="rounded-lg border-l-4 border-amber-600 bg-amber-50 p-3">
              <h2 id="comment-heading" className="text-base">
                {t("safeguarding.checklist.staffComment")}（{formatDateTime(lastReturn.created_at, t.locale)}）
              </h2>
              <p className="mt-1 whitespace-pre-line">{lastReturn.comment}</p>
            </section>
          ) : null}

          {canSubmit && !failure ? (
            stillNeeded.length ? (
              <section aria-labelledby="needed-heading" className="card">
                <h2 id="needed-heading" className="text-base">
                  {t("safeguarding.checklist.stillNeeded")}
                </h2>
                <ul className="mt-1 list-disc pl-5">
                  {[...new Set(stillNeeded)]
                    .filter((m) => !m.startsWith("v."))
                    .map((m) => (
                      <li key={m}>{t.message(m)}</li>
                    ))}
                </ul>
              </section>
            ) : (
              <p className="card">{t("safeguarding.checklist.ready")}</p>
            )
          ) : null}

          <ChecklistForm organisationId={organisation.id} checklist={checklist} people={people} canSubmit={canSubmit} failure={failure} />
        </>
      )}

      <section aria-labelledby="history-heading" className="card">
        <h2 id="history-heading">{t("safeguarding.history.title")}</h2>
        <SafeguardingHistory history={history} />
      </section>
    </div>
  );
}
