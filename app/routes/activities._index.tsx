import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ApplicationStatusBadge } from "~/components/application-status";
import { FieldErrors, FormErrorSummary } from "~/components/form";
import { GuardianFields } from "~/components/guardian-fields";
import { MinorSteps } from "~/components/minor-steps";
import { PageHeader } from "~/components/ui";
import { isActive, shiftHours } from "~/modules/applications/applications.rules";
import { WithdrawSchema } from "~/modules/applications/applications.schema";
import { myActivities, withdrawApplication } from "~/modules/applications/applications.server";
import { nameGuardian } from "~/modules/applications/minors.server";
import { getGuardian } from "~/modules/safeguarding/consent.server";
import { GuardianSchema } from "~/modules/safeguarding/consent.schema";
import { ageOn } from "~/modules/safeguarding/minors.rules";
import { getSafeguardingSettings } from "~/modules/safeguarding/settings.server";
import { myAffiliation } from "~/modules/schools/schools.server";
import { requireUser } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { formatDateTime, formatRange } from "~/utils/format";
import { formFailure, parseForm } from "~/utils/form";
import { afterCommit, requestContext } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";
import { useT } from "~/utils/use-i18n";
import { readFormData } from "~/utils/form-body.server";

export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export const meta: MetaFunction = () => [{ title: "わたしの活動 / My activities | つなぐ八幡東" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const db = getDb();
  const [groups, guardian, affiliation, settings] = await Promise.all([myActivities(db, user.id), getGuardian(db, user.id), myAffiliation(db, user.id), getSafeguardingSettings(db)]);
  const age = ageOn(user.birth_date, new Date());
  const consentAsked = [...groups.upcoming, ...groups.waiting, ...groups.past].some((a) => a.guardian_consent_required);
  return data(
    {
      groups,
      guardian,
      affiliation,
      // The guardian's section is for those who need consent now, or needed it before.
      showGuardian: consentAsked || (age !== null && age < settings.guardianConsentUnder),
      now: new Date().toISOString(),
    },
    { headers: { "Cache-Control": "no-store" } },
  );
}

const WITHDRAW_MESSAGES = {
  "not-found": "applications.error.notFound",
  "not-allowed": "applications.error.cannotWithdraw",
  started: "applications.error.shiftStarted",
} as const;

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await readFormData(request);
  if (formData.get("intent") === "guardian") {
    const guardian = parseForm(GuardianSchema, formData);
    if (!guardian.success) return data({ ...guardian.failure, applicationId: 0, guardianForm: true }, { status: 400 });
    const { requested } = await nameGuardian(getDb(), user.id, guardian.data, requestContext(request, context));
    afterCommit();
    return redirectWithToast(request, "/activities", { kind: "success", message: requested ? `minors.done.guardianAsked?count=${requested}` : "minors.done.guardianSaved" });
  }
  const parsed = parseForm(WithdrawSchema, formData);
  const applicationId = Number(formData.get("applicationId")) || 0;
  if (!parsed.success) return data({ ...parsed.failure, applicationId }, { status: 400 });
  const result = await withdrawApplication(getDb(), user.id, parsed.data.applicationId, requestContext(request, context));
  if (result !== "ok") return data({ ...formFailure({ form: [WITHDRAW_MESSAGES[result]] }), applicationId }, { status: 409 });
  afterCommit();
  return redirectWithToast(request, "/activities", { kind: "success", message: "applications.done.withdrawn" });
}

type Activity = ReturnType<typeof useLoaderData<typeof loader>>["groups"]["upcoming"][number];

function ActivityItem({ a, withdrawable, failure }: { a: Activity; withdrawable: boolean; failure: ReturnType<typeof useActionData<typeof action>> }) {
  const t = useT();
  const { now } = useLoaderData<typeof loader>();
  const mine = failure && failure.applicationId === a.id ? failure : null;
  const hours = shiftHours({ startsAt: new Date(a.starts_at), endsAt: new Date(a.ends_at) });
  return (
    <li className="card space-y-2">
      <div className="flex flex-wrap items-center gap-2">
        <ApplicationStatusBadge status={a.status} position={a.waitlist_position} inLine={a.waitlisted_at !== null} />
        <span className="font-semibold">{formatRange(a.starts_at, a.ends_at, t.locale)}</span>
        <span className="text-sm text-stone-700">{t("activities.hours", { hours })}</span>
      </div>
      <h3 className="text-lg font-bold">
        <Link to={`/postings/${a.posting_id}`}>{a.posting_title}</Link>
      </h3>
      <p className="text-stone-700">
        {a.organisation_name}・{a.place_name}
      </p>
      {a.meeting_point ? (
        <p className="whitespace-pre-line text-sm" data-testid="activity-meeting-point">
          <span className="font-semibold">{t("meetingPoint.label")}</span>: {a.meeting_point}
        </p>
      ) : null}
      {a.status === "pending" ? <p className="text-sm">{t("activities.pendingExplain")}</p> : null}
      {a.minor ? <MinorSteps a={a} now={now} /> : null}
      {a.status === "declined" && a.decision_reason ? (
        <p className="text-sm">
          {t("activities.declineReason")}: {a.decision_reason}
        </p>
      ) : null}
      <ul className="flex flex-wrap gap-3 text-sm">
        {a.thread_id ? (
          <li>
            <Link to={`/messages/${a.thread_id}`}>{t("activities.messages")}</Link>
          </li>
        ) : null}
        {a.status === "confirmed" ? (
          <li>
            <a href={`/activities/${a.id}/calendar.ics`} download>
              {t("activities.addToCalendar")}
            </a>
          </li>
        ) : null}
      </ul>
      {withdrawable ? (
        <details className="rounded-lg border border-stone-300 p-2" open={Boolean(mine)}>
          <summary className="cursor-pointer font-semibold">{t("activities.withdraw")}</summary>
          <Form method="post" className="mt-2 space-y-2">
            <FormErrorSummary failure={mine} />
            <input type="hidden" name="intent" value="withdraw" />
            <input type="hidden" name="applicationId" value={a.id} />
            <p>{a.status === "confirmed" ? t("activities.withdrawExplainConfirmed") : t("activities.withdrawExplain")}</p>
            <label className="flex items-start gap-2">
              <input type="checkbox" name="confirm" className="mt-1 h-5 w-5" aria-describedby={`confirm-${a.id}-error`} />
              <span>{t("activities.withdrawConfirm")}</span>
            </label>
            <FieldErrors id={`confirm-${a.id}-error`} errors={mine?.errors.confirm} />
            <button type="submit" className="btn-danger">
              {t("activities.withdrawButton")}
            </button>
          </Form>
        </details>
      ) : null}
    </li>
  );
}

function GuardianSection() {
  const { guardian } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const t = useT();
  const mine = failure && "guardianForm" in failure ? failure : null;
  return (
    <section aria-labelledby="guardian" className="card space-y-2">
      <h2 id="guardian">{t("minors.guardian.sectionTitle")}</h2>
      <p className="text-sm text-stone-700">{t("minors.guardian.sectionLead")}</p>
      <Form method="post" className="space-y-1" noValidate>
        <FormErrorSummary failure={mine} />
        <input type="hidden" name="intent" value="guardian" />
        <GuardianFields failure={mine} guardian={guardian} />
        <button type="submit" className="btn">
          {t("minors.guardian.save")}
        </button>
      </Form>
    </section>
  );
}

function SchoolLine() {
  const { affiliation } = useLoaderData<typeof loader>();
  const t = useT();
  const active = affiliation && (affiliation.status === "pending" || affiliation.status === "approved");
  return (
    <p className="text-sm">
      {active ? t(affiliation.status === "approved" ? "schools.mine.approved" : "schools.mine.pending", { school: affiliation.school_name }) : t("schools.mine.none")}{" "}
      <Link to="/schools/join">{active ? t("schools.mine.manage") : t("schools.mine.join")}</Link>
    </p>
  );
}

export default function Activities() {
  const { groups, showGuardian } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const t = useT();
  const sections = [
    { key: "upcoming", items: groups.upcoming, empty: "activities.emptyUpcoming", withdrawable: true },
    { key: "waiting", items: groups.waiting, empty: "activities.emptyWaiting", withdrawable: true },
    { key: "past", items: groups.past, empty: "activities.emptyPast", withdrawable: false },
  ] as const;
  return (
    <div className="space-y-8">
      <PageHeader
        title={t("activities.title")}
        lead={t("activities.lead")}
        actions={
          <>
            <Link to="/postings" className="btn-secondary">
              {t("activities.find")}
            </Link>
            <Link to="/account/calendar" className="btn-secondary">
              {t("account.calendarLink")}
            </Link>
          </>
        }
      />
      <SchoolLine />
      {sections.map((s) => (
        <section key={s.key} aria-labelledby={`${s.key}-heading`} className="space-y-3">
          <h2 id={`${s.key}-heading`}>
            {t(`activities.${s.key}`)}（{s.items.length}）
          </h2>
          {s.items.length ? (
            <ul className="space-y-3">
              {s.items.map((a) => (
                <ActivityItem key={a.id} a={a} withdrawable={s.withdrawable} failure={failure} />
              ))}
            </ul>
          ) : (
            <p className="text-stone-700">{t(s.empty)}</p>
          )}
        </section>
      ))}
      {showGuardian ? <GuardianSection /> : null}
    </div>
  );
}
