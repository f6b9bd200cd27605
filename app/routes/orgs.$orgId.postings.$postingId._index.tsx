import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type HeadersFunction, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { FieldErrors, FormErrorSummary } from "~/components/form";
import { PostingForm } from "~/components/posting-form";
import { PublishOrReview } from "~/components/publish-or-review";
import { PageHeader, PostingStatusBadge } from "~/components/ui";
import { canPublish } from "~/modules/organisations/organisations.rules";
import { addRowsResponse, postingFormLists } from "~/modules/postings/posting-form.server";
import { allowedTransitions } from "~/modules/postings/postings.rules";
import { postingSchema, PostingStatusSchema } from "~/modules/postings/postings.schema";
import { changePostingStatus, getOrganisationPosting, updatePosting } from "~/modules/postings/postings.server";
import { requireOrganisationMember } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { formatRange, tokyoDateString, tokyoTimeString } from "~/utils/format";
import { formDataToObject, formFailure, parseForm } from "~/utils/form";
import { notFound, requireIdParam } from "~/utils/http.server";
import { requestContext } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";
import { useT } from "~/utils/use-i18n";
import { readFormData } from "~/utils/form-body.server";

// A personal page: the loader's Cache-Control (no-store) applies to the page itself, not only to data requests.
export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.posting.title ?? ""} | つなぐ八幡東` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const orgId = requireIdParam(params.orgId);
  const { organisation } = await requireOrganisationMember(request, orgId, "edit-postings");
  const posting = await getOrganisationPosting(getDb(), orgId, requireIdParam(params.postingId));
  if (!posting) notFound();
  const now = new Date();
  return data(
    {
      organisation: { id: organisation.id, name: organisation.name, status: organisation.status },
      posting,
      upcoming: posting.shifts.filter((s) => s.starts_at > now),
      past: posting.shifts.filter((s) => s.starts_at <= now),
      lists: await postingFormLists(getDb()),
    },
    { headers: { "Cache-Control": "no-store" } },
  );
}

const STATUS_MESSAGES = {
  "not-allowed": "postingStatus.error.notAllowed",
  "organisation-not-verified": "postingStatus.error.unverified",
  "no-upcoming-shift": "postingStatus.error.noShift",
  "needs-review": "postingStatus.error.needsReview",
  "suspended-by-staff": "postingStatus.error.suspendedByStaff",
} as const;

export async function action({ request, params, context }: ActionFunctionArgs) {
  const orgId = requireIdParam(params.orgId);
  const postingId = requireIdParam(params.postingId);
  const { user } = await requireOrganisationMember(request, orgId, "edit-postings");
  const db = getDb();
  const { ip, origin } = requestContext(request, context);
  const formData = await readFormData(request);
  const intent = formData.get("intent");
  const here = `/orgs/${orgId}/postings/${postingId}`;
  if (intent === "add-rows") return addRowsResponse(formData);
  if (intent === "save") {
    const parsed = parseForm(postingSchema(new Date()), formData);
    if (!parsed.success) return data(parsed.failure, { status: 400 });
    const result = await updatePosting(db, orgId, postingId, user.id, parsed.data, ip, origin);
    if (result.status === "not-found") notFound();
    if (result.status === "invalid") return data(formFailure({ [result.field]: [result.message] }, formDataToObject(formData).values), { status: 400 });
    return redirectWithToast(request, here, { kind: "success", message: "postingForm.saved" });
  }
  const parsed = parseForm(PostingStatusSchema, formData);
  if (!parsed.success) return data({ ...parsed.failure, statusForm: true }, { status: 400 });
  if (parsed.data.intent === "cancel" && formData.get("confirm") !== "on")
    return data({ ...formFailure({ confirm: ["v.mustConfirm"] }), statusForm: true }, { status: 400 });
  const result = await changePostingStatus(db, orgId, postingId, parsed.data.intent, parsed.data.reason ?? "", user.id, ip, origin);
  if (result === "not-found") notFound();
  if (result !== "ok") return data({ ...formFailure({ form: [STATUS_MESSAGES[result]] }), statusForm: true }, { status: 400 });
  return redirectWithToast(request, here, { kind: "success", message: `postingStatus.done.${parsed.data.intent}` });
}

export default function ManagePosting() {
  const { organisation, posting, upcoming, past, lists } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const statusFailure = result && "statusForm" in result ? result : null;
  const formFailureData = result && !("statusForm" in result) ? result : null;
  const next = allowedTransitions(posting.status);
  const verified = canPublish(organisation.status);
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <p>
        <Link to={`/orgs/${organisation.id}`}>← {organisation.name}</Link>
      </p>
      <PageHeader
        title={posting.title}
        lead={<PostingStatusBadge status={posting.status} />}
        actions={
          <>
            <Link to={`/orgs/${organisation.id}/postings/${posting.id}/preview`} className="btn-secondary">
              {t("manage.preview")}
            </Link>
            {posting.status !== "draft" ? (
              <>
                <Link to={`/orgs/${organisation.id}/postings/${posting.id}/applicants`} className="btn">
                  {t("applicants.manage")}
                </Link>
                <Link to={`/postings/${posting.id}`} className="btn-secondary">
                  {t("manage.publicPage")}
                </Link>
              </>
            ) : null}
            {posting.status === "published" ? (
              <Link to={`/orgs/${organisation.id}/postings/${posting.id}/candidates`} className="btn-secondary">
                {t("recommendations.candidates.title")}
              </Link>
            ) : null}
            {posting.welcomes_minors ? (
              <Link to={`/orgs/${organisation.id}/postings/${posting.id}/safeguarding`} className="btn-secondary">
                {t("safeguarding.checklist.title")}
              </Link>
            ) : null}
          </>
        }
      />

      <section aria-labelledby="status-heading" className="card space-y-3">
        <h2 id="status-heading">{t("manage.status")}</h2>
        <FormErrorSummary failure={statusFailure} />
        <p>{t(`manage.statusExplain.${posting.status}`)}</p>
        <div className="flex flex-wrap gap-2">
          {posting.status === "draft" ? <PublishOrReview organisationId={organisation.id} posting={posting} verified={verified} /> : null}
          {posting.status === "published" ? (
            <Form method="post">
              <input type="hidden" name="intent" value="close" />
              <button type="submit" className="btn-secondary">
                {t("manage.close")}
              </button>
            </Form>
          ) : null}
          {posting.status === "closed" ? (
            <Form method="post">
              <input type="hidden" name="intent" value="reopen" />
              <button type="submit" className="btn-secondary" disabled={!verified}>
                {t("manage.reopen")}
              </button>
            </Form>
          ) : null}
        </div>
        {!verified && (posting.status === "draft" || posting.status === "closed") ? (
          <p id="publish-blocked" className="text-sm text-amber-900">
            {t("postingStatus.error.unverified")}
          </p>
        ) : null}
        {next.includes("cancelled") ? (
          <details className="rounded-lg border border-red-200 p-3">
            <summary className="cursor-pointer font-semibold text-red-800">{t("manage.cancel")}</summary>
            <Form method="post" className="mt-2 space-y-2">
              <input type="hidden" name="intent" value="cancel" />
              <p>{t("manage.cancelExplain")}</p>
              <label htmlFor="reason" className="block font-semibold">
                {t("manage.cancelReason")}
              </label>
              <textarea id="reason" name="reason" rows={3} maxLength={500} className="input" />
              <label className="flex min-h-11 items-center gap-2">
                <input type="checkbox" name="confirm" value="on" className="size-5" aria-describedby="f-confirm-error" />
                {t("manage.cancelConfirm")}
              </label>
              <FieldErrors id="f-confirm-error" errors={statusFailure?.errors.confirm} />
              <button type="submit" className="btn-danger">
                {t("manage.cancelSubmit")}
              </button>
            </Form>
          </details>
        ) : null}
      </section>

      {past.length ? (
        <section aria-labelledby="past-heading" className="card">
          <h2 id="past-heading">{t("manage.pastShifts")}</h2>
          <ul className="mt-2 list-disc pl-5">
            {past.map((s) => (
              <li key={s.id}>
                {formatRange(s.starts_at, s.ends_at, t.locale)}（{t("posting.capacity", { count: s.capacity })}）
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {posting.status === "cancelled" ? (
        <p className="card">{t("posting.error.cancelledLocked")}</p>
      ) : (
        <section aria-labelledby="edit-heading">
          <h2 id="edit-heading" className="mb-3">
            {t("manage.edit")}
          </h2>
          <PostingForm
            failure={formFailureData}
            lists={lists}
            submitLabel={t("common.save")}
            extraRows={formFailureData && "extraRows" in formFailureData ? formFailureData.extraRows : 1}
            defaults={{
              title: posting.title,
              description: posting.description,
              categoryId: posting.category_id,
              tags: posting.tags.join("、"),
              districtId: posting.district_id,
              placeId: posting.place_id,
              placeName: posting.place_id ? "" : posting.place_name,
              placeAddress: posting.place_id ? "" : posting.place_address,
              latitude: posting.place_id ? null : posting.latitude,
              longitude: posting.place_id ? null : posting.longitude,
              minimumAge: posting.minimum_age,
              welcomesMinors: posting.welcomes_minors,
              applicationMode: posting.application_mode,
              whatToBring: posting.what_to_bring,
              meetingPoint: posting.meeting_point,
              contactName: posting.contact_name,
              shifts: upcoming.map((s) => ({
                id: String(s.id),
                date: tokyoDateString(new Date(s.starts_at)),
                start: tokyoTimeString(new Date(s.starts_at)),
                end: tokyoTimeString(new Date(s.ends_at)),
                capacity: String(s.capacity),
              })),
            }}
          />
        </section>
      )}
    </div>
  );
}
