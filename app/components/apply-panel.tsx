import { Form, Link } from "@remix-run/react";
import type { ApplicationMode, ApplicationStatus } from "~/vocabulary";
import { formatRange } from "~/utils/format";
import type { FormFailure } from "~/utils/form";
import { useT } from "~/utils/use-i18n";
import { FieldErrors, FormErrorSummary, TextArea } from "./form";
import { GuardianFields } from "./guardian-fields";
import { ApplicationStatusBadge } from "./application-status";

export interface ApplyShift {
  id: number;
  starts_at: Date | string;
  ends_at: Date | string;
  capacity: number;
  confirmed_count: number;
}

/** What applying means for the signed-in person (from their birth date, on each shift's date). */
export interface ApplyEligibility {
  birthDateMissing: boolean;
  /** A minor on at least one of the shifts. */
  minor: boolean;
  needsGuardian: boolean;
  guardian: { name: string; relationship: string; email: string } | null;
  /** The school the student belongs to, when it approves participation. */
  schoolApprovalBy: string | null;
  holdHours: number;
  latestEnd: string;
  /** Why a shift is not open to this person (message keys), by shift id; absent when it is. */
  problems: Record<number, string[]>;
}

export interface ApplyPanelProps {
  postingId: number;
  mode: ApplicationMode;
  open: boolean;
  signedIn: boolean;
  shifts: ApplyShift[];
  mine: { id: number; shift_id: number | null; status: ApplicationStatus }[];
  failure?: (FormFailure & { overlap?: { shiftId: number; withTitle: string; startsAt: string; endsAt: string }[] }) | null;
  now: string;
  eligibility?: ApplyEligibility | null;
}

/**
 * How to take part: choose shifts (one is chosen already when there is only one, so applying is two clicks),
 * an optional message, and apply. Shows places left, the waiting list when full, and what the person already
 * applied for. Works without JavaScript.
 */
export function ApplyPanel({ postingId, mode, open, signedIn, shifts, mine, failure, now, eligibility }: ApplyPanelProps) {
  const t = useT();
  const upcoming = shifts.filter((s) => new Date(s.starts_at) > new Date(now));
  const mineByShift = new Map(mine.map((m) => [m.shift_id, m]));
  const active = (s: ApplyShift) => {
    const m = mineByShift.get(s.id);
    return m && (m.status === "pending" || m.status === "pending_consent" || m.status === "confirmed" || m.status === "waitlisted" || m.status === "declined");
  };
  const problems = (s: ApplyShift) => eligibility?.problems[s.id] ?? [];
  const open_ = upcoming.filter((s) => !active(s));
  const choosable = open_.filter((s) => problems(s).length === 0);
  const closedToMe = open_.filter((s) => problems(s).length > 0);
  const guardian = eligibility?.guardian;
  const chosen = new Set(
    failure?.values.shiftId ? ([] as string[]).concat(failure.values.shiftId).map(Number) : choosable.length === 1 ? [choosable[0].id] : [],
  );
  const overlap = failure?.overlap ?? [];
  const returnTo = `/postings/${postingId}#apply`;

  return (
    <section aria-labelledby="apply" className="card border-brand-600 space-y-3">
      <h2 id="apply">{t("posting.howToApply")}</h2>
      {!open ? (
        <p>{t("applications.closed")}</p>
      ) : (
        <>
          <p>{mode === "auto" ? t("applications.mode.autoExplain") : t("applications.mode.reviewExplain")}</p>
          {mine.length ? (
            <div>
              <h3 className="font-bold">{t("applications.yours")}</h3>
              <ul className="mt-1 space-y-1">
                {shifts
                  .filter((s) => mineByShift.has(s.id))
                  .map((s) => (
                    <li key={s.id} className="flex flex-wrap items-center gap-2">
                      <span>{formatRange(s.starts_at, s.ends_at, t.locale)}</span>
                      <ApplicationStatusBadge status={mineByShift.get(s.id)!.status} />
                    </li>
                  ))}
              </ul>
              <p className="mt-1">
                <Link to="/activities">{t("applications.seeActivities")}</Link>
              </p>
            </div>
          ) : null}
          {!signedIn ? (
            <p>
              <Link className="btn" to={`/login?redirectTo=${encodeURIComponent(returnTo)}`}>
                {t("applications.loginToApply")}
              </Link>
              <span className="ml-2 text-sm">
                <Link to={`/signup?redirectTo=${encodeURIComponent(returnTo)}`}>{t("applications.signupToApply")}</Link>
              </span>
            </p>
          ) : eligibility?.birthDateMissing ? (
            <div className="rounded-lg border-l-4 border-amber-600 bg-amber-50 p-3 text-amber-950">
              <p className="font-semibold">{t("minors.apply.birthDateNeeded")}</p>
              <p className="mt-1">
                <Link to="/account#volunteer">{t("minors.apply.birthDateLink")}</Link>
              </p>
            </div>
          ) : choosable.length === 0 ? (
            <>
              <p>{upcoming.length ? (closedToMe.length ? t("minors.apply.noneOpenToYou") : t("applications.nothingLeft")) : t("posting.noUpcoming")}</p>
              <NotOpenToYou shifts={closedToMe} problems={problems} latestEnd={eligibility?.latestEnd ?? "21:00"} />
            </>
          ) : (
            <Form method="post" className="space-y-3" noValidate>
              <FormErrorSummary
                failure={failure}
                labels={{
                  shiftId: t("applications.chooseShifts"),
                  guardianName: t("minors.guardian.name"),
                  guardianRelationship: t("minors.guardian.relationship"),
                  guardianEmail: t("minors.guardian.email"),
                  message: t("applications.message"),
                  acknowledgeOverlap: t("applications.overlap.title"),
                }}
              />
              {failure?.errors.form?.includes("minors.error.birthDateRequired") ? (
                <p>
                  <Link to="/account#volunteer">{t("minors.apply.birthDateLink")}</Link>
                </p>
              ) : null}
              {eligibility?.minor ? (
                <div className="rounded-lg border-l-4 border-violet-700 bg-violet-50 p-3 text-violet-950">
                  <p className="font-semibold">{t("minors.apply.title")}</p>
                  <ul className="mt-1 list-disc space-y-1 pl-5 text-sm">
                    {eligibility.needsGuardian ? <li>{t("minors.apply.guardianStep")}</li> : null}
                    {eligibility.schoolApprovalBy ? <li>{t("minors.apply.schoolStep", { school: eligibility.schoolApprovalBy })}</li> : null}
                    {mode === "auto" ? <li>{t("minors.apply.hold", { hours: eligibility.holdHours })}</li> : <li>{t("minors.apply.reviewAfter")}</li>}
                    <li>{t("minors.apply.privacy")}</li>
                  </ul>
                </div>
              ) : null}
              <fieldset id="f-shiftId" tabIndex={-1} aria-describedby="shiftId-error">
                <legend className="font-semibold">
                  {t("applications.chooseShifts")} <span className="text-sm font-normal">（{t("form.required")}）</span>
                </legend>
                <ul className="mt-2 space-y-2">
                  {choosable.map((s) => {
                    const left = Math.max(0, s.capacity - s.confirmed_count);
                    return (
                      <li key={s.id}>
                        <label className="flex items-start gap-2">
                          <input type="checkbox" name="shiftId" value={s.id} defaultChecked={chosen.has(s.id)} className="mt-1 h-5 w-5" />
                          <span>
                            <span className="font-semibold">{formatRange(s.starts_at, s.ends_at, t.locale)}</span>{" "}
                            <span className="ml-2 text-sm text-stone-700">
                              {left > 0 ? t("applications.placesLeft", { count: left, capacity: s.capacity }) : t("applications.fullWaitlist")}
                            </span>
                          </span>
                        </label>
                      </li>
                    );
                  })}
                </ul>
                <FieldErrors id="shiftId-error" errors={failure?.errors.shiftId} />
              </fieldset>
              <NotOpenToYou shifts={closedToMe} problems={problems} latestEnd={eligibility?.latestEnd ?? "21:00"} />
              {eligibility?.needsGuardian ? (
                <fieldset className="space-y-1 rounded-lg border border-stone-300 p-3">
                  <legend className="px-1 font-semibold">{t("minors.guardian.legend")}</legend>
                  <p className="text-sm text-stone-700">{t("minors.guardian.hint")}</p>
                  <GuardianFields failure={failure} guardian={guardian} />
                </fieldset>
              ) : null}
              {overlap.length ? (
                <div role="alert" className="rounded-lg border-l-4 border-amber-600 bg-amber-50 p-3 text-amber-950">
                  <p className="font-semibold">{t("applications.overlap.title")}</p>
                  <ul className="list-disc pl-5">
                    {overlap.map((o, i) => (
                      <li key={i}>
                        {o.withTitle ? t("applications.overlap.with", { title: o.withTitle }) : t("applications.overlap.eachOther")}：
                        {formatRange(o.startsAt, o.endsAt, t.locale)}
                      </li>
                    ))}
                  </ul>
                  <label className="mt-2 flex items-start gap-2">
                    <input type="checkbox" name="acknowledgeOverlap" className="mt-1 h-5 w-5" />
                    <span>{t("applications.overlap.acknowledge")}</span>
                  </label>
                </div>
              ) : null}
              <TextArea
                name="message"
                label={t("applications.message")}
                hint={t("applications.messageHint")}
                failure={failure}
                defaultValue={typeof failure?.values.message === "string" ? failure.values.message : ""}
                maxLength={1000}
                rows={3}
              />
              <button type="submit" className="btn" name="intent" value="apply">
                {t("applications.apply")}
              </button>
            </Form>
          )}
        </>
      )}
    </section>
  );
}

/** The shifts this person cannot take, each with the reason in words (a minor's time rules, the review, age). */
function NotOpenToYou({ shifts, problems, latestEnd }: { shifts: ApplyShift[]; problems: (s: ApplyShift) => string[]; latestEnd: string }) {
  const t = useT();
  if (shifts.length === 0) return null;
  return (
    <div>
      <h3 className="font-semibold">{t("minors.apply.notOpenTitle")}</h3>
      <ul className="mt-1 space-y-1 text-sm">
        {shifts.map((s) => (
          <li key={s.id}>
            <span className="font-semibold">{formatRange(s.starts_at, s.ends_at, t.locale)}</span>
            {"："}
            {problems(s)
              .map((p) => t.message(`${p}?time=${latestEnd}`))
              .join(" ")}
          </li>
        ))}
      </ul>
    </div>
  );
}
