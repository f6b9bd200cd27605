import { Form, Link } from "@remix-run/react";
import type { ApplicationMode, ApplicationStatus } from "#db/schema";
import { formatRange } from "~/utils/format";
import type { FormFailure } from "~/utils/form";
import { useT } from "~/utils/use-i18n";
import { FieldErrors, FormErrorSummary, TextArea } from "./form";
import { ApplicationStatusBadge } from "./application-status";

export interface ApplyShift {
  id: number;
  starts_at: Date | string;
  ends_at: Date | string;
  capacity: number;
  confirmed_count: number;
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
}

/**
 * How to take part: choose shifts (one is chosen already when there is only one, so applying is two clicks),
 * an optional message, and apply. Shows places left, the waiting list when full, and what the person already
 * applied for. Works without JavaScript.
 */
export function ApplyPanel({ postingId, mode, open, signedIn, shifts, mine, failure, now }: ApplyPanelProps) {
  const t = useT();
  const upcoming = shifts.filter((s) => new Date(s.starts_at) > new Date(now));
  const mineByShift = new Map(mine.map((m) => [m.shift_id, m]));
  const active = (s: ApplyShift) => {
    const m = mineByShift.get(s.id);
    return m && (m.status === "pending" || m.status === "confirmed" || m.status === "waitlisted" || m.status === "declined");
  };
  const choosable = upcoming.filter((s) => !active(s));
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
                <Link to="/signup">{t("applications.signupToApply")}</Link>
              </span>
            </p>
          ) : choosable.length === 0 ? (
            <p>{upcoming.length ? t("applications.nothingLeft") : t("posting.noUpcoming")}</p>
          ) : (
            <Form method="post" className="space-y-3" noValidate>
              <FormErrorSummary failure={failure} />
              <fieldset aria-describedby="shiftId-error">
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
