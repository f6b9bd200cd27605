import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { ShiftApplicants } from "~/components/applicants/shift-applicants";
import { FormErrorSummary } from "~/components/form";
import { PageHeader } from "~/components/ui";
import { BulkMessageSchema, DecisionSchema } from "~/modules/applications/applications.schema";
import { decideApplication, viewApplicants } from "~/modules/applications/applications.server";
import { bulkMessage } from "~/modules/messages/messages.server";
import { requireOrganisationMember } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { formDataToObject, formFailure, parseForm } from "~/utils/form";
import { notFound, requireIdParam } from "~/utils/http.server";
import { afterCommit, requestContext } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";
import { useT } from "~/utils/use-i18n";
import { readFormData } from "~/utils/form-body.server";

export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.posting.title ?? ""}: 申し込み / Applicants | つなぐ八幡東` }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const orgId = requireIdParam(params.orgId);
  const { organisation, user } = await requireOrganisationMember(request, orgId, "edit-postings");
  // Showing minors' data (even only a first name and school) is a view of a minor's record: audited there.
  const result = await viewApplicants(getDb(), {
    organisationId: orgId,
    postingId: requireIdParam(params.postingId),
    actorUserId: user.id,
    ip: requestContext(request, context).ip,
    purpose: "applicants",
  });
  if (!result) notFound();
  return data(
    { organisation: { id: organisation.id, name: organisation.name }, ...result, now: new Date().toISOString() },
    { headers: { "Cache-Control": "no-store" } },
  );
}

const DECISION_MESSAGES = {
  "not-found": "applications.error.notFound",
  "not-allowed": "applications.error.notAllowed",
  "needs-consent": "minors.error.needsConsent",
  full: "applications.error.full",
  "not-yet": "applications.error.noShowTooEarly",
  started: "applications.error.shiftStarted",
} as const;

export async function action({ request, params, context }: ActionFunctionArgs) {
  const orgId = requireIdParam(params.orgId);
  const postingId = requireIdParam(params.postingId);
  const { user } = await requireOrganisationMember(request, orgId, "edit-postings");
  const formData = await readFormData(request);
  const here = `/orgs/${orgId}/postings/${postingId}/applicants`;
  const ctx = requestContext(request, context);
  const target = Number(formData.get("applicationId") ?? formData.get("shiftId")) || 0;
  if (formData.get("intent") === "bulk-message") {
    const parsed = parseForm(BulkMessageSchema, formData);
    if (!parsed.success) return data({ ...parsed.failure, target, bulk: true }, { status: 400 });
    const db = getDb();
    const shift = await db.selectFrom("shifts").select("id").where("id", "=", parsed.data.shiftId).where("posting_id", "=", postingId).executeTakeFirst();
    if (!shift) return data({ ...formFailure({ body: ["applications.error.notFound"] }, formDataToObject(formData).values), target, bulk: true }, { status: 400 });
    const sent = await bulkMessage(db, { organisationId: orgId, shiftId: shift.id, senderUserId: user.id, body: parsed.data.body });
    afterCommit();
    return redirectWithToast(request, here, { kind: "success", message: `applications.done.bulk?count=${sent}` });
  }
  const parsed = parseForm(DecisionSchema, formData);
  if (!parsed.success) return data({ ...parsed.failure, target, bulk: false }, { status: 400 });
  const result = await decideApplication(
    getDb(),
    { organisationId: orgId, applicationId: parsed.data.applicationId, decision: parsed.data.intent, reason: parsed.data.reason, actorUserId: user.id },
    ctx,
  );
  if (result !== "ok") return data({ ...formFailure({ form: [DECISION_MESSAGES[result]] }), target, bulk: false }, { status: 409 });
  afterCommit();
  return redirectWithToast(request, here, { kind: "success", message: `applications.done.${parsed.data.intent}` });
}

export default function Applicants() {
  const { organisation, posting, shifts, now } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const t = useT();
  const base = `/orgs/${organisation.id}/postings/${posting.id}`;
  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <p>
        <Link to={base}>← {posting.title}</Link>
      </p>
      <PageHeader
        title={t("applicants.title")}
        lead={`${posting.title}・${posting.application_mode === "auto" ? t("applications.mode.auto") : t("applications.mode.review")}`}
        actions={
          <>
            <a href={`${base}/roster.csv`} className="btn-secondary" download>
              {t("applicants.rosterAll")}
            </a>
            <a href={`${base}/roster.csv?encoding=sjis`} className="btn-secondary" download>
              {t("applicants.rosterSjis")}
            </a>
          </>
        }
      />
      {failure && !failure.target ? <FormErrorSummary failure={failure} /> : null}
      {shifts.length === 0 ? <p>{t("applicants.noShifts")}</p> : null}
      {shifts.map((s) => (
        <ShiftApplicants key={s.id} s={s} organisationId={organisation.id} postingBase={base} now={now} failure={failure} />
      ))}
    </div>
  );
}
