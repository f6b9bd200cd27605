import { Form, Link } from "@remix-run/react";
import { ApplicationStatusBadge } from "~/components/application-status";
import { FieldErrors, FormErrorSummary } from "~/components/form";
import { shiftRisks } from "~/modules/applications/applications.rules";
import type { viewApplicants } from "~/modules/applications/queries.server";
import { formatRange } from "~/utils/format";
import type { FormFailure } from "~/utils/form";
import { pick } from "~/utils/pick";
import { useT } from "~/utils/use-i18n";
import { DecisionButtons } from "./decision-forms";

/** The parts of a posting's applicants page (routes/orgs.$orgId.postings.$postingId.applicants.tsx): one section per shift. */

type Shift = NonNullable<Awaited<ReturnType<typeof viewApplicants>>>["shifts"][number];
type Applicant = Shift["applicants"][number];
/** A refused form on this page: which application (or, for a message to all, which shift) it was about. */
export type ApplicantsFailure = FormFailure & { target: number; bulk: boolean };

/** For a minor: where their application stands, and (once confirmed) the guardian to call on the day. */
function MinorNote({ a }: { a: Applicant }) {
  const t = useT();
  const c = a.emergencyContact;
  return (
    <div className="rounded bg-violet-50 p-2 text-sm text-violet-950">
      {a.status === "pending_consent" ? <p>{a.held_until ? t("minors.applicants.waitingHeld") : t("minors.applicants.waiting")}</p> : null}
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

function ApplicantItem({ a, organisationId, started, failure }: { a: Applicant; organisationId: number; started: boolean; failure: ApplicantsFailure | null }) {
  const t = useT();
  return (
    <li className="space-y-1 py-3">
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
      {failure ? <FormErrorSummary failure={failure} /> : null}
      <DecisionButtons applicationId={a.id} status={a.status} started={started} />
      {a.thread_id ? (
        <p className="text-sm">
          <Link to={`/orgs/${organisationId}/messages/${a.thread_id}`}>{t("applicants.thread")}</Link>
        </p>
      ) : null}
    </li>
  );
}

/** A message to everyone confirmed for the shift. */
function BulkMessageForm({ shiftId, confirmed, failure }: { shiftId: number; confirmed: number; failure: ApplicantsFailure | null }) {
  const t = useT();
  return (
    <details className="rounded-lg border border-stone-300 p-2" open={Boolean(failure)}>
      <summary className="cursor-pointer font-semibold">{t("applicants.bulk", { count: confirmed })}</summary>
      <Form method="post" className="mt-2 space-y-2" noValidate>
        <input type="hidden" name="intent" value="bulk-message" />
        <input type="hidden" name="shiftId" value={shiftId} />
        <label htmlFor={`bulk-${shiftId}`} className="block font-semibold">
          {t("applicants.bulkBody")}
        </label>
        <textarea
          id={`bulk-${shiftId}`}
          name="body"
          rows={4}
          maxLength={2000}
          className="input"
          aria-invalid={failure?.errors.body ? true : undefined}
          aria-describedby={`bulk-${shiftId}-error`}
          defaultValue={typeof failure?.values.body === "string" ? failure.values.body : ""}
        />
        <FieldErrors id={`bulk-${shiftId}-error`} errors={failure?.errors.body} />
        <button type="submit" className="btn">
          {t("applicants.bulkSend")}
        </button>
      </Form>
    </details>
  );
}

/** One shift: its counts and risks, each applicant with the decisions open now, the roster and check-in links, a message to all. */
export function ShiftApplicants({
  s,
  organisationId,
  postingBase,
  now,
  failure,
}: {
  s: Shift;
  organisationId: number;
  postingBase: string;
  now: string;
  failure: ApplicantsFailure | null | undefined;
}) {
  const t = useT();
  const started = new Date(s.starts_at) <= new Date(now);
  const pending = s.applicants.filter((a) => a.status === "pending").length;
  const risks = started
    ? []
    : shiftRisks(
        {
          startsAt: new Date(s.starts_at),
          capacity: s.capacity,
          confirmed: s.confirmed_count - s.held,
          pending,
        },
        new Date(now),
      );
  const confirmed = s.applicants.filter((a) => a.status === "confirmed").length;
  const bulkFailure = failure && failure.bulk && failure.target === s.id ? failure : null;
  return (
    <section aria-labelledby={`shift-${s.id}`} className="card space-y-3">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id={`shift-${s.id}`}>{formatRange(s.starts_at, s.ends_at, t.locale)}</h2>
        <p className="text-sm">
          {t("applicants.counts", {
            confirmed: s.confirmed_count - s.held,
            capacity: s.capacity,
            pending,
            waitlisted: s.applicants.filter((a) => a.status === "waitlisted").length,
          })}
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
          {s.applicants.map((a) => (
            <ApplicantItem key={a.id} a={a} organisationId={organisationId} started={started} failure={failure && !failure.bulk && failure.target === a.id ? failure : null} />
          ))}
        </ul>
      )}
      <div className="flex flex-wrap gap-3 text-sm">
        <a href={`${postingBase}/roster.csv?shift=${s.id}`} download>
          {t("applicants.roster")}
        </a>
        <Link to={`/orgs/${organisationId}/sessions/${s.id}/check-in`}>{t("attendance.checkIn.link")}</Link>
      </div>
      {confirmed > 0 ? <BulkMessageForm shiftId={s.id} confirmed={confirmed} failure={bulkFailure} /> : null}
    </section>
  );
}
