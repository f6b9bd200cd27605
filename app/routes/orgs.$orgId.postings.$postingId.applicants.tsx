import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ApplicationStatusBadge } from "~/components/application-status";
import { FieldErrors, FormErrorSummary } from "~/components/form";
import { PageHeader } from "~/components/ui";
import { canTransition, shiftRisks } from "~/modules/applications/applications.rules";
import { BulkMessageSchema, DecisionSchema } from "~/modules/applications/applications.schema";
import { decideApplication, viewApplicants } from "~/modules/applications/applications.server";
import { bulkMessage } from "~/modules/messages/messages.server";
import { requireOrganisationMember } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { formatRange } from "~/utils/format";
import { formDataToObject, formFailure, parseForm } from "~/utils/form";
import { notFound, requireIdParam } from "~/utils/http.server";
import { pick } from "~/utils/pick";
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

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;
type Applicant = LoaderData["shifts"][number]["applicants"][number];

function DecisionButtons({ a, started }: { a: Applicant; started: boolean }) {
  const t = useT();
  const can = (to: Parameters<typeof canTransition>[1]) => canTransition(a.status, to, "organisation");
  return (
    <div className="flex flex-wrap gap-2">
      {!started && can("confirmed") ? (
        <Form method="post">
          <input type="hidden" name="applicationId" value={a.id} />
          <button type="submit" name="intent" value="confirm" className="btn">
            {t("applicants.confirm")}
          </button>
        </Form>
      ) : null}
      {!started && can("waitlisted") ? (
        <Form method="post">
          <input type="hidden" name="applicationId" value={a.id} />
          <button type="submit" name="intent" value="waitlist" className="btn-secondary">
            {t("applicants.waitlist")}
          </button>
        </Form>
      ) : null}
      {started && can("no_show") ? (
        <Form method="post">
          <input type="hidden" name="applicationId" value={a.id} />
          <button type="submit" name="intent" value="no_show" className="btn-secondary">
            {t("applicants.noShow")}
          </button>
        </Form>
      ) : null}
      {started && a.status === "no_show" ? (
        <Form method="post">
          <input type="hidden" name="applicationId" value={a.id} />
          <button type="submit" name="intent" value="confirm" className="btn-secondary">
            {t("applicants.undoNoShow")}
          </button>
        </Form>
      ) : null}
      {!started && can("declined") ? (
        <details className="w-full rounded-lg border border-red-200 p-2">
          <summary className="cursor-pointer font-semibold text-red-800">{t("applicants.decline")}</summary>
          <Form method="post" className="mt-2 space-y-2">
            <input type="hidden" name="applicationId" value={a.id} />
            <label htmlFor={`reason-${a.id}`} className="block font-semibold">
              {t("applicants.declineReason")}
            </label>
            <p id={`reason-${a.id}-hint`} className="text-sm text-stone-700">
              {t("applicants.declineReasonHint")}
            </p>
            <textarea id={`reason-${a.id}`} name="reason" rows={2} maxLength={500} className="input" aria-describedby={`reason-${a.id}-hint`} />
            <button type="submit" name="intent" value="decline" className="btn-danger">
              {t("applicants.declineButton")}
            </button>
          </Form>
        </details>
      ) : null}
    </div>
  );
}

/** For a minor: where their application stands, and (once confirmed) the guardian to call on the day. */
function MinorNote({ a }: { a: Applicant }) {
  const t = useT();
  const c = a.emergencyContact;
  return (
    <div className="rounded bg-violet-50 p-2 text-sm text-violet-950">
      {a.status === "pending_consent" ? (
        <p>{a.held_until ? t("minors.applicants.waitingHeld") : t("minors.applicants.waiting")}</p>
      ) : null}
      {c ? (
        <p>
          {t("minors.applicants.emergency")}: {c.name}（{c.relationship}） {c.phone} {c.email}
        </p>
      ) : a.status === "confirmed" || a.status === "no_show" ? (
        <p>{t("minors.applicants.confirmedNoContact")}</p>
      ) : (
        <p>{t("minors.applicants.restricted")}</p>
      )}
    </div>
  );
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
      {shifts.map((s) => {
        const started = new Date(s.starts_at) <= new Date(now);
        const pending = s.applicants.filter((a) => a.status === "pending").length;
        const risks = started ? [] : shiftRisks({ startsAt: new Date(s.starts_at), capacity: s.capacity, confirmed: s.confirmed_count - s.held, pending }, new Date(now));
        const confirmed = s.applicants.filter((a) => a.status === "confirmed").length;
        const bulkFailure = failure && failure.bulk && failure.target === s.id ? failure : null;
        return (
          <section key={s.id} aria-labelledby={`shift-${s.id}`} className="card space-y-3">
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <h2 id={`shift-${s.id}`}>{formatRange(s.starts_at, s.ends_at, t.locale)}</h2>
              <p className="text-sm">
                {t("applicants.counts", { confirmed: s.confirmed_count - s.held, capacity: s.capacity, pending, waitlisted: s.applicants.filter((a) => a.status === "waitlisted").length })}
                {s.held ? ` ${t("minors.applicants.held", { count: s.held })}` : null}
              </p>
            </div>
            {risks.length ? (
              <ul className="rounded-lg border-l-4 border-amber-600 bg-amber-50 p-2 text-amber-950">
                {risks.map((r) => (
                  <li key={r}>{t(r as "applications.risk.underfilled")}</li>
                ))}
              </ul>
            ) : null}
            {s.applicants.length === 0 ? (
              <p className="text-stone-700">{t("applicants.none")}</p>
            ) : (
              <ul className="divide-y divide-stone-200">
                {s.applicants.map((a) => {
                  const mine = failure && !failure.bulk && failure.target === a.id ? failure : null;
                  return (
                    <li key={a.id} className="space-y-1 py-3">
                      <div className="flex flex-wrap items-center gap-2">
                        <span className="font-semibold">{a.displayName || t("applicants.formerUser")}</span>
                        {a.nameKana ? <span className="text-sm text-stone-700">（{a.nameKana}）</span> : null}
                        <ApplicationStatusBadge status={a.status} />
                        {a.minor ? <span className="badge bg-violet-100 text-violet-900">{t("minors.applicants.badge")}</span> : null}
                      </div>
                      <p className="text-sm text-stone-700">
                        {[
                          a.volunteerType ? t(`volunteerType.${a.volunteerType}`) : null,
                          a.schoolYear ? t.message(a.schoolYear) : null,
                          a.schoolName || null,
                          a.districtJa ? pick(t.locale, a.districtJa, a.districtEn) : null,
                          a.skills.length ? a.skills.map((k) => t(`skill.${k}` as "skill.mowing")).join("・") : null,
                        ]
                          .filter(Boolean)
                          .join(" / ")}
                      </p>
                      {a.minor ? <MinorNote a={a} /> : null}
                      {a.message ? <p className="whitespace-pre-line rounded bg-stone-50 p-2 text-sm">{a.message}</p> : null}
                      {a.status === "declined" && a.decision_reason ? (
                        <p className="text-sm">
                          {t("activities.declineReason")}: {a.decision_reason}
                        </p>
                      ) : null}
                      {mine ? <FormErrorSummary failure={mine} /> : null}
                      <DecisionButtons a={a} started={started} />
                      {a.thread_id ? (
                        <p className="text-sm">
                          <Link to={`/orgs/${organisation.id}/messages/${a.thread_id}`}>{t("applicants.thread")}</Link>
                        </p>
                      ) : null}
                    </li>
                  );
                })}
              </ul>
            )}
            <div className="flex flex-wrap gap-3 text-sm">
              <a href={`${base}/roster.csv?shift=${s.id}`} download>
                {t("applicants.roster")}
              </a>
              <Link to={`/orgs/${organisation.id}/sessions/${s.id}/check-in`}>{t("attendance.checkIn.link")}</Link>
            </div>
            {confirmed > 0 ? (
              <details className="rounded-lg border border-stone-300 p-2" open={Boolean(bulkFailure)}>
                <summary className="cursor-pointer font-semibold">{t("applicants.bulk", { count: confirmed })}</summary>
                <Form method="post" className="mt-2 space-y-2" noValidate>
                  <input type="hidden" name="intent" value="bulk-message" />
                  <input type="hidden" name="shiftId" value={s.id} />
                  <label htmlFor={`bulk-${s.id}`} className="block font-semibold">
                    {t("applicants.bulkBody")}
                  </label>
                  <textarea
                    id={`bulk-${s.id}`}
                    name="body"
                    rows={4}
                    maxLength={2000}
                    className="input"
                    aria-invalid={bulkFailure?.errors.body ? true : undefined}
                    aria-describedby={`bulk-${s.id}-error`}
                    defaultValue={typeof bulkFailure?.values.body === "string" ? bulkFailure.values.body : ""}
                  />
                  <FieldErrors id={`bulk-${s.id}-error`} errors={bulkFailure?.errors.body} />
                  <button type="submit" className="btn">
                    {t("applicants.bulkSend")}
                  </button>
                </Form>
              </details>
            ) : null}
          </section>
        );
      })}
    </div>
  );
}
