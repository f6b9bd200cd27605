import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { ApplyPanel, type ApplyEligibility } from "~/components/apply-panel";
import { PostingView } from "~/components/posting-view";
import { ReportConcernLink } from "~/components/report-concern-link";
import { ApplySchema } from "~/modules/applications/applications.schema";
import { applyOnConnection, myApplicationsForPosting } from "~/modules/applications/applications.server";
import { inShiftLine } from "~/modules/applications/shift-line.server";
import { meetingPointFor } from "~/modules/postings/meeting-point.server";
import { getPublicPosting } from "~/modules/postings/postings.server";
import { GuardianSchema } from "~/modules/safeguarding/consent.schema";
import { applicantSafeguarding, eligibilityForShifts } from "~/modules/safeguarding/minors.server";
import { getUser, requireUser } from "~/utils/auth.server";
import { getDb, withConnection } from "~/utils/db.server";
import { combinedFailure, formDataToObject, formFailure, parseForm } from "~/utils/form";
import { notFound, requireIdParam } from "~/utils/http.server";
import { afterCommit, requestContext } from "~/utils/request.server";
import { serverTiming } from "~/utils/server-timing.server";
import { redirectWithToast } from "~/utils/toast.server";
import { useT } from "~/utils/use-i18n";
import { readFormData } from "~/utils/form-body.server";

export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.posting.title} | つなぐ八幡東` : "つなぐ八幡東" },
  { name: "description", content: data?.posting.description.slice(0, 120) ?? "" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = requireIdParam(params.id);
  const db = getDb();
  const posting = await getPublicPosting(db, id);
  if (!posting) notFound();
  const user = await getUser(request);
  const mine = user ? await myApplicationsForPosting(db, user.id, id) : [];
  const eligibility = user ? await applyEligibility(db, user.id, posting) : null;
  // The meeting point only for a confirmed person, the group or staff: always a signed-in, private page.
  const meetingPoint = posting.has_meeting_point ? await meetingPointFor(db, id, user) : null;
  // Signed-in people see their own applications here: such a page must not be cached by a shared cache.
  return data(
    { posting, mine, signedIn: Boolean(user), eligibility, meetingPoint, now: new Date().toISOString() },
    user ? { headers: { "Cache-Control": "private, no-store" } } : undefined,
  );
}

/** What applying means for this person on each shift: only their own data, for their own page. */
async function applyEligibility(db: ReturnType<typeof getDb>, userId: number, posting: NonNullable<Awaited<ReturnType<typeof getPublicPosting>>>): Promise<ApplyEligibility> {
  const who = await applicantSafeguarding(db, userId);
  const upcoming = posting.shifts.filter((s) => new Date(s.starts_at).getTime() > Date.now());
  const each = eligibilityForShifts(who, posting, upcoming);
  const minor = each.some((e) => e.minor);
  return {
    birthDateMissing: !who.birthDate,
    minor,
    needsGuardian: each.some((e) => e.needsGuardianConsent && e.problems.length === 0),
    guardian: who.guardian,
    schoolApprovalBy: minor && who.school?.settings.requiresCoordinatorApproval ? who.school.name : null,
    holdHours: who.settings.consentHoldHours,
    latestEnd: who.settings.minorsLatestEnd,
    problems: Object.fromEntries(each.filter((e) => e.problems.length).map((e) => [e.shiftId, e.problems.map((p) => `minors.problem.${p}`)])),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const timing = serverTiming();
  const postingId = requireIdParam(params.id);
  const formData = await readFormData(request);
  timing.mark("body");
  const ctx = requestContext(request, context);
  const parsed = parseForm(ApplySchema, formData);
  // A minor's guardian comes with the form (prefilled with the one named before); both parts' errors show at once.
  const guardian = formData.has("guardianName") ? parseForm(GuardianSchema, formData) : null;
  // One application per shift at a time in this process, the others waiting in memory holding nothing; then the
  // session and the application on one connection: the request waits for the pool once.
  const outcome = await inShiftLine(parsed.success ? parsed.data.shiftId : [], () => {
    timing.mark("line");
    return withConnection(async (conn) => {
      timing.mark("queue");
      const user = await requireUser(request, conn);
      timing.mark("auth");
      const failed = combinedFailure(parsed, guardian);
      if (failed || !parsed.success) return { failed: failed! };
      const { shiftId, message, acknowledgeOverlap } = parsed.data;
      return {
        result: await applyOnConnection(
          conn,
          { userId: user.id, postingId, shiftIds: shiftId, message, acknowledgeOverlap, guardian: guardian?.success ? guardian.data : undefined },
          { ...ctx, mark: (step, lockWaitMs) => (lockWaitMs === undefined ? timing.mark(step) : timing.split("lock", lockWaitMs, step)) },
        ),
      };
    });
  });
  if (!outcome.result) return data(outcome.failed, { status: 400 });
  const result = outcome.result;
  timing.mark("apply");
  const values = formDataToObject(formData).values;
  switch (result.status) {
    case "not-found":
      notFound();
    case "not-open":
      return data(formFailure({ form: ["applications.error.notOpen"] }, values), { status: 409 });
    case "invalid":
      // A missing birth date is about the account, not a field of this form: said at the top, with the link.
      return data(formFailure(result.field === "birthDate" ? { form: [result.message] } : { [result.field]: [result.message] }, values), { status: 400 });
    case "overlap":
      return data(
        {
          ...formFailure({ acknowledgeOverlap: ["applications.error.overlap"] }, values),
          overlap: result.conflicts.map((c) => ({ shiftId: c.shiftId, withTitle: c.withTitle, startsAt: c.startsAt.toISOString(), endsAt: c.endsAt.toISOString() })),
        },
        { status: 409 },
      );
    case "ok": {
      afterCommit();
      const statuses = new Set(result.outcomes.map((o) => o.status));
      const message = statuses.has("pending_consent")
        ? result.outcomes.some((o) => o.full)
          ? "minors.done.pendingConsentWaitlisted"
          : "minors.done.pendingConsent"
        : statuses.has("pending")
          ? "applications.done.pending"
          : statuses.has("waitlisted")
            ? "applications.done.waitlisted"
            : "applications.done.confirmed";
      return redirectWithToast(request, "/activities", { kind: "success", message }, { "Server-Timing": timing.header() });
    }
  }
}

export default function PostingPage() {
  const { posting, mine, signedIn, eligibility, meetingPoint, now } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const t = useT();
  return (
    <div className="space-y-4">
      <p>
        <Link to="/postings">← {t("posting.back")}</Link>
      </p>
      <PostingView
        posting={posting}
        meetingPoint={meetingPoint}
        now={now}
        apply={
          <ApplyPanel
            postingId={posting.id}
            mode={posting.application_mode}
            open={posting.status === "published"}
            signedIn={signedIn}
            shifts={posting.shifts}
            mine={mine}
            failure={failure ?? null}
            now={now}
            eligibility={eligibility}
          />
        }
      />
      <ReportConcernLink postingId={posting.id} />
    </div>
  );
}
