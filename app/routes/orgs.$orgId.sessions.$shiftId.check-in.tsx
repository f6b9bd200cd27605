import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { CheckInList, CorrectionForms } from "~/components/attendance/check-in-list";
import { FeedbackSummary } from "~/components/attendance/feedback-summary";
import { TapQueue } from "~/components/attendance/tap-queue";
import { TAP_MESSAGES } from "~/components/attendance/tap-refusals";
import { Field, FormErrorSummary, SubmitButton } from "~/components/form";
import { addWalkIn, checkInCode, checkInSheet, recordGroupTap } from "~/modules/attendance/attendance.server";
import { confirmSession, correctAttendance } from "~/modules/attendance/confirmation.server";
import { sessionFeedback } from "~/modules/attendance/feedback.server";
import { CorrectionSchema, TapSchema, WalkInSchema } from "~/modules/attendance/attendance.schema";
import { getDb } from "~/utils/db.server";
import { formatRange } from "~/utils/format";
import { formFailure, parseForm } from "~/utils/form";
import { requireAttendanceRecorder } from "~/utils/group-access.server";
import { notFound, requireIdParam } from "~/utils/http.server";
import { requestContext } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";
import { useT } from "~/utils/use-i18n";
import { readFormData } from "~/utils/form-body.server";

export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.sheet.session.title ?? ""}: 出欠 / Check-in | つなぐ八幡東` }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const orgId = requireIdParam(params.orgId);
  const shiftId = requireIdParam(params.shiftId);
  await requireAttendanceRecorder(request, orgId);
  const db = getDb();
  const sheet = await checkInSheet(db, orgId, shiftId);
  if (!sheet) notFound();
  const selfCheckInUrl = `${requestContext(request, context).origin}/check-in/${await checkInCode(db, shiftId)}`;
  const { default: QRCode } = await import("qrcode");
  const qr = await QRCode.toDataURL(selfCheckInUrl, { margin: 1, width: 240 });
  // A fresh id per button per page view: pressing the same button twice (or resending the form) is one tap.
  const tapIds = Object.fromEntries(
    [...sheet.people.map((p) => `a${p.applicationId}`), ...sheet.walkIns.map((w) => `w${w.attendanceId}`)].map((k) => [k, crypto.randomUUID()]),
  );
  const feedback = sheet.confirmedAt ? await sessionFeedback(db, shiftId) : null;
  return data({ orgId, sheet, selfCheckInUrl, qr, tapIds, feedback, now: new Date().toISOString() }, { headers: { "Cache-Control": "no-store" } });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const orgId = requireIdParam(params.orgId);
  const shiftId = requireIdParam(params.shiftId);
  const { user } = await requireAttendanceRecorder(request, orgId);
  const formData = await readFormData(request);
  const here = `/orgs/${orgId}/sessions/${shiftId}/check-in`;
  const { ip, origin } = requestContext(request, context);
  const db = getDb();
  const intent = formData.get("intent");
  if (intent === "walk-in") {
    const parsed = parseForm(WalkInSchema, formData);
    if (!parsed.success) return data({ ...parsed.failure, intent }, { status: 400 });
    const result = await addWalkIn(db, { organisationId: orgId, shiftId, name: parsed.data.name, email: parsed.data.email ?? null, actorUserId: user.id, ip });
    if (result.status !== "ok") return data({ ...formFailure({ form: [TAP_MESSAGES[result.status]] }), intent }, { status: 409 });
    return redirectWithToast(request, here, { kind: "success", message: "attendance.done.walkIn" });
  }
  if (intent === "confirm") {
    const result = await confirmSession(db, { organisationId: orgId, shiftId, actorUserId: user.id, ip, origin });
    if (result.status === "not-found") notFound();
    if (result.status !== "ok") return data({ ...formFailure({ form: [`attendance.error.confirm.${result.status}`] }), intent }, { status: 409 });
    return redirectWithToast(request, here, { kind: "success", message: "attendance.done.confirmed" });
  }
  if (intent === "correct") {
    const parsed = parseForm(CorrectionSchema, formData);
    if (!parsed.success) return data({ ...parsed.failure, intent }, { status: 400 });
    const v = parsed.data;
    const result = await correctAttendance(db, {
      organisationId: orgId,
      shiftId,
      attendanceId: v.attendanceId,
      status: v.status,
      checkedInAt: v.checkedInAt ?? null,
      checkedOutAt: v.checkedOutAt ?? null,
      reason: v.reason,
      actorUserId: user.id,
      ip,
    });
    if (result !== "ok") return data({ ...formFailure({ form: [`attendance.error.correct.${result}`] }), intent }, { status: 409 });
    return redirectWithToast(request, here, { kind: "success", message: "attendance.done.corrected" });
  }
  const parsed = parseForm(TapSchema, formData);
  if (!parsed.success) return data({ ...parsed.failure, intent: "tap" }, { status: 400 });
  const result = await recordGroupTap(db, { organisationId: orgId, shiftId, form: parsed.data, actorUserId: user.id, ip });
  if (result === "ok" || result === "duplicate") return redirectWithToast(request, here, { kind: "success", message: "attendance.done.tap" });
  return data({ ...formFailure({ form: [TAP_MESSAGES[result]] }), intent: "tap" }, { status: 409 });
}

export default function CheckIn() {
  const { orgId, sheet, selfCheckInUrl, qr, tapIds, feedback, now } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const t = useT();
  const { session } = sheet;
  const base = `/orgs/${orgId}/sessions/${session.id}`;
  const started = new Date(session.starts_at) <= new Date(now);
  const counts = { present: 0, late: 0, absent: 0, none: 0 };
  for (const p of [...sheet.people, ...sheet.walkIns]) counts[(p.status ?? "none") as keyof typeof counts]++;
  return (
    <div className="mx-auto max-w-xl space-y-4">
      <p>
        <Link to={`/orgs/${orgId}/postings/${session.posting_id}/applicants`}>← {session.title}</Link>
      </p>
      <header className="space-y-1">
        <h1 className="text-2xl font-bold">{t("attendance.checkIn.title")}</h1>
        <p>{formatRange(session.starts_at, session.ends_at, t.locale)}</p>
        <p className="font-semibold" data-testid="attendance-counts">
          {t("attendance.checkIn.counts", counts)}
        </p>
        {sheet.confirmedAt ? <p className="badge bg-green-100 text-green-900">{t("attendance.checkIn.locked")}</p> : null}
      </header>
      {sheet.responsibleAdults.length ? (
        <p className="rounded bg-violet-50 p-2 text-sm text-violet-950">{t("attendance.checkIn.responsibleAdults", { names: sheet.responsibleAdults.join("、") })}</p>
      ) : null}
      {failure ? <FormErrorSummary failure={failure} /> : null}
      {sheet.confirmedAt ? null : <TapQueue endpoint={`${base}/taps`} />}
      <CheckInList people={sheet.people} walkIns={sheet.walkIns} tapIds={tapIds} locked={Boolean(sheet.confirmedAt)} />
      {sheet.confirmedAt ? (
        <>
          {feedback ? <FeedbackSummary feedback={feedback} /> : null}
          <CorrectionForms entries={[...sheet.people, ...sheet.walkIns]} failure={failure && failure.intent === "correct" ? failure : null} />
        </>
      ) : (
        <>
          <details className="card">
            <summary className="cursor-pointer font-semibold">{t("attendance.walkIn.title")}</summary>
            <Form method="post" className="mt-2 space-y-2">
              <input type="hidden" name="intent" value="walk-in" />
              <Field name="name" label={t("attendance.walkIn.name")} required failure={failure?.intent === "walk-in" ? failure : null} maxLength={80} />
              <Field name="email" type="email" label={t("attendance.walkIn.email")} hint={t("attendance.walkIn.emailHint")} failure={failure?.intent === "walk-in" ? failure : null} />
              <SubmitButton>{t("attendance.walkIn.add")}</SubmitButton>
            </Form>
          </details>
          {started ? (
            <Form method="post" className="card space-y-2">
              <p>{t("attendance.confirm.lead")}</p>
              <button type="submit" name="intent" value="confirm" className="btn w-full py-3 text-lg">
                {t("attendance.confirm.button")}
              </button>
            </Form>
          ) : null}
        </>
      )}
      <section className="card space-y-2 text-center" aria-labelledby="self-check-in">
        <h2 id="self-check-in">{t("attendance.qr.title")}</h2>
        <img src={qr} alt={t("attendance.qr.alt")} width={240} height={240} className="mx-auto" />
        <p className="break-all text-sm">
          <a href={selfCheckInUrl} data-testid="self-check-in-url">
            {selfCheckInUrl}
          </a>
        </p>
        <p>
          <a href={`${base}/poster.pdf`} className="btn-secondary" download>
            {t("attendance.qr.poster")}
          </a>
        </p>
      </section>
    </div>
  );
}
