import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ApplicationStatusBadge } from "~/components/application-status";
import { FormErrorSummary } from "~/components/form";
import { EmptyState, PageHeader } from "~/components/ui";
import { decideAsSchool } from "~/modules/applications/minors.server";
import { requireSchoolCoordinator } from "~/modules/schools/coordinator.server";
import { SchoolDecisionSchema } from "~/modules/schools/schools.schema";
import { studentApplications } from "~/modules/schools/schools.server";
import { audit } from "~/utils/audit.server";
import { getDb } from "~/utils/db.server";
import { formatRange } from "~/utils/format";
import { formFailure, parseForm } from "~/utils/form";
import { requireIdParam } from "~/utils/http.server";
import { afterCommit, requestContext } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";
import { useT } from "~/utils/use-i18n";
import { readFormData } from "~/utils/form-body.server";
import { TeacherReadsNote } from "~/components/teacher-reads-note";
import { schoolThreadsNotes } from "~/modules/schools/threads-note.server";

/**
 * The school's students' applications and activities, with each posting's safeguarding status and each step
 * towards confirmation; approve or decline participation where the school requires it. No messages here: the
 * page says, from the school's setting, whether the coordinators read them on the messages page.
 */

export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export const meta: MetaFunction = () => [{ title: "生徒の申し込み / Students' applications | つなぐ八幡東" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const orgId = requireIdParam(params.orgId);
  const { organisation, user } = await requireSchoolCoordinator(request, orgId);
  const db = getDb();
  const applications = await studentApplications(db, orgId);
  if (applications.length)
    await audit(db, {
      actorUserId: user.id,
      action: "minor.data.viewed",
      subjectType: "organisation",
      subjectId: orgId,
      ip: requestContext(request, context).ip,
      details: { view: "school.applications", applicationIds: applications.map((a) => a.id) },
    });
  const [threads] = await schoolThreadsNotes(db, [orgId]);
  return data({ school: { id: organisation.id, name: organisation.name }, threads, applications, now: new Date().toISOString() }, { headers: { "Cache-Control": "no-store" } });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const orgId = requireIdParam(params.orgId);
  const { user } = await requireSchoolCoordinator(request, orgId);
  const formData = await readFormData(request);
  const parsed = parseForm(SchoolDecisionSchema, formData);
  const target = Number(formData.get("applicationId")) || 0;
  if (!parsed.success) return data({ ...parsed.failure, target }, { status: 400 });
  const result = await decideAsSchool(
    getDb(),
    { schoolId: orgId, applicationId: parsed.data.applicationId, decision: parsed.data.intent, reason: parsed.data.reason, actorUserId: user.id },
    requestContext(request, context),
  );
  if (result !== "ok") return data({ ...formFailure({ form: ["schools.error.notAllowed"] }), target }, { status: result === "not-found" ? 404 : 409 });
  afterCommit();
  return redirectWithToast(request, `/schools/${orgId}/applications`, { kind: "success", message: `schools.done.application.${parsed.data.intent}` });
}

type Row = ReturnType<typeof useLoaderData<typeof loader>>["applications"][number];

function Steps({ a }: { a: Row }) {
  const t = useT();
  const consent = !a.guardian_consent_required ? null : t(`schools.apps.consent.${a.consent_status ?? "missing"}` as "schools.apps.consent.missing");
  const school = a.school_approval ? t(`schools.apps.school.${a.school_approval}`) : null;
  return (
    <p className="text-sm text-stone-700">
      {[consent, school, a.held_until ? t("schools.apps.held") : null, a.signed_up_by ? t("schools.apps.group") : null].filter(Boolean).join(" / ")}
    </p>
  );
}

export default function SchoolApplications() {
  const { school, threads, applications } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const t = useT();
  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <p>
        <Link to={`/schools/${school.id}`}>← {school.name}</Link>
      </p>
      <PageHeader title={t("schools.apps.title")} lead={t("schools.apps.lead")} />
      <TeacherReadsNote school={threads} />
      {failure && !failure.target ? <FormErrorSummary failure={failure} /> : null}
      {applications.length === 0 ? (
        <EmptyState title={t("schools.apps.none")} />
      ) : (
        <ul className="space-y-3">
          {applications.map((a) => (
            <li key={a.id} className="card space-y-1">
              <div className="flex flex-wrap items-center gap-2">
                <span className="font-semibold">{a.display_name || t("applicants.formerUser")}</span>
                <ApplicationStatusBadge status={a.status} />
                <span className={`badge ${a.safeguarding_status === "approved" ? "bg-brand-100 text-brand-800" : "bg-amber-100 text-amber-900"}`}>
                  {t(`schools.apps.review.${a.safeguarding_status}` as "schools.apps.review.approved")}
                </span>
              </div>
              <p>
                <Link to={`/postings/${a.posting_id}`}>{a.posting_title}</Link>（{a.organisation_name}）
              </p>
              <p className="text-sm">{formatRange(a.shift_starts_at, a.shift_ends_at, t.locale)}</p>
              {a.minor ? <Steps a={a} /> : null}
              {failure && failure.target === a.id ? <FormErrorSummary failure={failure} /> : null}
              {a.decidable ? (
                <div className="flex flex-wrap gap-2">
                  <Form method="post">
                    <input type="hidden" name="applicationId" value={a.id} />
                    <button type="submit" name="intent" value="approve" className="btn">
                      {t("schools.apps.approve", { name: a.display_name })}
                    </button>
                  </Form>
                  <details className="w-full rounded-lg border border-red-200 p-2">
                    <summary className="cursor-pointer font-semibold text-red-800">{t("schools.apps.decline", { name: a.display_name })}</summary>
                    <Form method="post" className="mt-2 space-y-2">
                      <input type="hidden" name="applicationId" value={a.id} />
                      <label htmlFor={`reason-${a.id}`} className="block font-semibold">
                        {t("schools.apps.reason")}
                      </label>
                      <textarea id={`reason-${a.id}`} name="reason" rows={2} maxLength={500} className="input" />
                      <button type="submit" name="intent" value="decline" className="btn-danger">
                        {t("schools.apps.declineButton")}
                      </button>
                    </Form>
                  </details>
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
