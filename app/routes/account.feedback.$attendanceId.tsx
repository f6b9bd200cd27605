import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { FormErrorSummary, Select, SubmitButton, TextArea } from "~/components/form";
import { PageHeader } from "~/components/ui";
import { FeedbackSchema } from "~/modules/attendance/attendance.schema";
import { answerFeedback, feedbackView } from "~/modules/attendance/feedback.server";
import { requireUser } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { formatRange } from "~/utils/format";
import { parseForm } from "~/utils/form";
import { readFormData } from "~/utils/form-body.server";
import { notFound, requireIdParam } from "~/utils/http.server";
import { redirectWithToast } from "~/utils/toast.server";
import { useT } from "~/utils/use-i18n";

/** The one question after a session (linked from the thank-you email): また参加したい？ and an optional comment. */

export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export const meta: MetaFunction = () => [{ title: "また参加したい？ / Would you take part again? | つなぐ八幡東" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const view = await feedbackView(getDb(), user.id, requireIdParam(params.attendanceId));
  if (view.kind === "not-found") notFound();
  return data(view, { headers: { "Cache-Control": "no-store" } });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const attendanceId = requireIdParam(params.attendanceId);
  const parsed = parseForm(FeedbackSchema, await readFormData(request));
  if (!parsed.success) return data(parsed.failure, { status: 400 });
  const result = await answerFeedback(getDb(), { userId: user.id, attendanceId, again: parsed.data.again === "yes", comment: parsed.data.comment ?? "" });
  if (result === "not-found") notFound();
  return redirectWithToast(request, "/account/hours", { kind: "success", message: "attendance.feedback.thanks" });
}

export default function Feedback() {
  const view = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const t = useT();
  const current = view.again === null ? undefined : view.again ? "yes" : "no";
  return (
    <div className="mx-auto max-w-lg space-y-4">
      <PageHeader title={t("attendance.feedback.title")} lead={`${view.title}（${view.organisationName}） ${formatRange(view.startsAt, view.endsAt, t.locale)}`} />
      {view.kind === "answered" ? <p className="badge bg-green-100 text-green-900">{t("attendance.feedback.answered")}</p> : null}
      <Form method="post" noValidate className="card space-y-3">
        <FormErrorSummary failure={failure} />
        <p className="text-sm">{t("attendance.feedback.privacy")}</p>
        <Select
          name="again"
          label={t("attendance.feedback.again")}
          required
          defaultValue={current}
          options={[
            { value: "yes", label: t("attendance.feedback.yes") },
            { value: "no", label: t("attendance.feedback.no") },
          ]}
          failure={failure}
        />
        <TextArea name="comment" label={t("attendance.feedback.comment")} rows={3} maxLength={1000} defaultValue={view.comment} failure={failure} />
        <div className="flex flex-wrap gap-2">
          <SubmitButton>{t("attendance.feedback.submit")}</SubmitButton>
          <Link to="/account/hours" className="btn-secondary">
            {t("common.cancel")}
          </Link>
        </div>
      </Form>
    </div>
  );
}
