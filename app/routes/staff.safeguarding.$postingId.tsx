import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { CredentialStates, SafeguardingHistory, SafeguardingStatusBadge } from "~/components/safeguarding-badge";
import { FormErrorSummary, SubmitButton, TextArea } from "~/components/form";
import { ReviewProblems } from "~/components/review-problems";
import { OrganisationStatusBadge, PageHeader, PostingStatusBadge, RichText } from "~/components/ui";
import { paragraphs } from "~/modules/postings/postings.rules";
import { ReviewDecisionSchema } from "~/modules/safeguarding/review.schema";
import { decideReview, getStaffReview } from "~/modules/safeguarding/review.server";
import { requirePermission } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { formatDate, formatRange } from "~/utils/format";
import { formDataToObject, formFailure, parseForm } from "~/utils/form";
import { notFound, requireIdParam } from "~/utils/http.server";
import { pick } from "~/utils/pick";
import { afterCommit, requestContext } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";
import { useT } from "~/utils/use-i18n";
import { readFormData } from "~/utils/form-body.server";

// A personal page: the loader's Cache-Control (no-store) applies to the page itself, not only to data requests.
export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export const meta: MetaFunction = () => [{ title: "安全確認の審査 / Safeguarding review | つなぐ八幡東" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "staff:access");
  const review = await getStaffReview(getDb(), requireIdParam(params.postingId));
  if (!review) notFound();
  return data(review, { headers: { "Cache-Control": "no-store" } });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const staff = await requirePermission(request, "staff:access");
  const postingId = requireIdParam(params.postingId);
  const formData = await readFormData(request);
  const parsed = parseForm(ReviewDecisionSchema, formData);
  if (!parsed.success) return data(parsed.failure, { status: 400 });
  const { decision, comment } = parsed.data;
  const result = await decideReview(getDb(), staff.id, postingId, decision, comment, requestContext(request, context));
  const values = formDataToObject(formData).values;
  switch (result.status) {
    case "not-found":
      notFound();
    case "not-allowed":
      return data(formFailure({ form: ["safeguarding.staff.error.notAllowed"] }, values), { status: 409 });
    case "not-ready":
      return data(formFailure({ form: ["safeguarding.staff.error.notReady"] }, values), { status: 409 });
    case "ok":
      afterCommit();
      return redirectWithToast(request, `/staff/safeguarding/${postingId}`, { kind: "success", message: `safeguarding.staff.done.${decision}` });
  }
}

const dateText = (date: string | null, locale: "ja" | "en") => (date ? formatDate(`${date}T12:00:00+09:00`, locale) : "—");

function Row({ label, children }: { label: ReactNode; children: ReactNode }) {
  return (
    <>
      <dt className="font-semibold">{label}</dt>
      <dd className="whitespace-pre-line">{children}</dd>
    </>
  );
}

export default function StaffSafeguardingReview() {
  const { posting, checklist, adults, shifts, history, problems, canDecide } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const t = useT();
  const yesNo = (v: boolean | null) => (v === null ? t("safeguarding.staff.notAnswered") : v ? `✓ ${t("safeguarding.staff.yes")}` : `✗ ${t("safeguarding.staff.no")}`);
  const hasProblems = Object.keys(problems).length > 0;
  return (
    <div className="space-y-6">
      <p>
        <Link to="/staff/safeguarding">← {t("safeguarding.staff.back")}</Link>
      </p>
      <PageHeader
        title={posting.title}
        lead={
          <span className="flex flex-wrap gap-2">
            <SafeguardingStatusBadge status={posting.safeguarding_status} />
            <PostingStatusBadge status={posting.status} />
          </span>
        }
      />

      <section aria-labelledby="posting-heading" className="card space-y-2">
        <h2 id="posting-heading">{t("safeguarding.checklist.posting")}</h2>
        <p>
          <Link to={`/staff/organisations/${posting.organisation_id}`}>{posting.organisation_name}</Link>{" "}
          <OrganisationStatusBadge status={posting.organisation_status} />
        </p>
        <dl className="grid gap-x-4 gap-y-1 sm:grid-cols-[12rem_1fr]">
          <Row label={t("postingForm.category")}>{pick(t.locale, posting.category_ja, posting.category_en)}</Row>
          <Row label={t("posting.where")}>
            {posting.place_name}
            {posting.place_address ? `\n${posting.place_address}` : ""}
          </Row>
          <Row label={t("meetingPoint.label")}>{posting.meeting_point || "—"}</Row>
          <Row label={t("safeguarding.staff.minimumAge")}>{posting.minimum_age !== null ? t("posting.minimumAge", { age: posting.minimum_age }) : t("posting.anyAge")}</Row>
          <Row label={t("posting.bring")}>{posting.what_to_bring || "—"}</Row>
          <Row label={t("posting.contactPerson")}>{posting.contact_name}</Row>
          <Row label={t("safeguarding.staff.organisationContact")}>
            {posting.organisation_contact_name}
            {posting.organisation_contact_phone ? ` ${posting.organisation_contact_phone}` : ""}
          </Row>
        </dl>
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
        <h3 className="font-bold">{t("posting.what")}</h3>
        <RichText paragraphs={paragraphs(posting.description)} />
      </section>

      <section aria-labelledby="adults-heading" className="card">
        <h2 id="adults-heading">{t("safeguarding.staff.adults")}</h2>
        {adults.length === 0 ? (
          <p className="mt-2">{t("safeguarding.staff.noAdults")}</p>
        ) : (
          <ul className="mt-2 space-y-2">
            {adults.map((a) => (
              <li key={a.userId}>
                <span className="font-semibold">{a.name || "—"}</span>
                <span className="block text-sm">
                  <CredentialStates declaration={a.declaration} check={a.check} />
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="checklist-heading" className="card">
        <h2 id="checklist-heading">{t("safeguarding.staff.checklist")}</h2>
        <dl className="mt-2 grid gap-x-4 gap-y-2 sm:grid-cols-[1fr_1fr]">
          <Row label={t("safeguarding.field.twoAdultsPresent")}>{yesNo(checklist.twoAdultsPresent)}</Row>
          <Row label={t("safeguarding.field.noOneToOne")}>{yesNo(checklist.noOneToOne)}</Row>
          <Row label={t("safeguarding.field.openPlace")}>{yesNo(checklist.openPlace)}</Row>
          <Row label={t("safeguarding.field.placeNote")}>{checklist.placeNote || "—"}</Row>
          <Row label={t("safeguarding.field.insuranceArranged")}>{yesNo(checklist.insuranceArranged)}</Row>
          <Row label={t("safeguarding.field.insuranceHolder")}>{checklist.insuranceHolder || "—"}</Row>
          <Row label={t("safeguarding.field.insuranceValidUntil")}>{dateText(checklist.insuranceValidUntil, t.locale)}</Row>
          <Row label={t("safeguarding.field.tasksSuitable")}>{yesNo(checklist.tasksSuitable)}</Row>
          <Row label={t("safeguarding.field.tasksNote")}>{checklist.tasksNote || "—"}</Row>
          <Row label={t("safeguarding.field.toiletsRest")}>{checklist.toiletsRest || "—"}</Row>
          <Row label={t("safeguarding.field.emergencyContact")}>{checklist.emergencyContact || "—"}</Row>
          <Row label={t("safeguarding.field.firstAid")}>{checklist.firstAid || "—"}</Row>
          <Row label={t("safeguarding.field.closedSettingContact")}>{yesNo(checklist.closedSettingContact)}</Row>
        </dl>
        {canDecide ? <ReviewProblems problems={problems} /> : null}
      </section>

      <Form method="post" className="card space-y-3" aria-labelledby="decision-heading" noValidate>
        <h2 id="decision-heading">{t("safeguarding.staff.decision")}</h2>
        <FormErrorSummary failure={failure} />
        {canDecide ? (
          <>
            <fieldset>
              <legend className="font-semibold">{t("staff.choose")}</legend>
              {(["approve", "return"] as const).map((d) => (
                <label key={d} className="flex min-h-11 items-center gap-2">
                  <input
                    type="radio"
                    name="decision"
                    value={d}
                    defaultChecked={failure ? failure.values.decision === d : d === (hasProblems ? "return" : "approve")}
                    className="size-5"
                  />
                  {t(`safeguarding.staff.decide.${d}`)}
                </label>
              ))}
            </fieldset>
            <TextArea name="comment" label={t("safeguarding.staff.comment")} hint={t("safeguarding.staff.commentHint")} rows={4} maxLength={2000} failure={failure} />
            <SubmitButton>{t("safeguarding.staff.submit")}</SubmitButton>
          </>
        ) : (
          <p>{t("safeguarding.staff.noDecision")}</p>
        )}
      </Form>

      <section aria-labelledby="history-heading" className="card">
        <h2 id="history-heading">{t("safeguarding.history.title")}</h2>
        <SafeguardingHistory history={history} />
      </section>
    </div>
  );
}
