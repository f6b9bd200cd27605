import { Form } from "@remix-run/react";
import { FormErrorSummary } from "~/components/form";
import { formatHoursMinutes } from "~/modules/attendance/attendance.rules";
import type { FormFailure } from "~/utils/form";
import { formatTime } from "~/utils/format";
import { useT } from "~/utils/use-i18n";
import { useTapRefusal } from "./tap-refusals";

type When = string | Date | null;

interface Person {
  applicationId: number;
  name: string;
  minor: boolean;
  attendanceId: number | null;
  status: string | null;
  checked_in_at: When;
  checked_out_at: When;
  auto_closed: boolean | null;
  left_early: boolean | null;
  confirmed_minutes: number | null;
}

interface WalkIn {
  attendanceId: number;
  name: string;
  linked: boolean;
  status: string;
  checked_in_at: When;
  checked_out_at: When;
  auto_closed: boolean;
  confirmed_minutes: number | null;
}

const STATUS_STYLE: Record<string, string> = {
  present: "bg-green-100 text-green-900",
  late: "bg-amber-100 text-amber-900",
  absent: "bg-stone-200 text-stone-900",
};

function TapButton({ target, action, tapId, label, className }: { target: string; action: string; tapId: string; label: string; className: string }) {
  const [kind, id] = [target[0] === "a" ? "applicationId" : "attendanceId", target.slice(1)];
  return (
    <Form method="post" data-tap="">
      <input type="hidden" name={kind} value={id} />
      <input type="hidden" name="tapId" value={`${tapId}-${action}`} />
      <button type="submit" name="action" value={action} className={`${className} min-h-12 w-full px-2 text-base`}>
        {label}
      </button>
    </Form>
  );
}

/** One row per person, four large buttons each: made for a phone in one hand at 320 px. */
function Row({ target, name, badges, status, inAt, outAt, minutes, flags, tapId, locked }: {
  target: string;
  name: string;
  badges: string[];
  status: string | null;
  inAt: When;
  outAt: When;
  minutes: number | null;
  flags: string[];
  tapId: string;
  locked: boolean;
}) {
  const t = useT();
  const refusal = useTapRefusal(target);
  return (
    <li className="space-y-2 py-3" data-testid="attendance-row" data-name={name}>
      <div className="flex flex-wrap items-center gap-2">
        <span className="text-lg font-semibold">{name}</span>
        {badges.map((b) => (
          <span key={b} className="badge bg-violet-100 text-violet-900">
            {b}
          </span>
        ))}
        <span className={`badge ${STATUS_STYLE[status ?? ""] ?? "bg-white text-stone-700 border"}`} data-testid="attendance-status">
          {status ? t(`attendance.status.${status}` as "attendance.status.present") : t("attendance.status.none")}
        </span>
      </div>
      <p className="text-sm text-stone-700">
        {inAt ? `${t("attendance.in")} ${formatTime(inAt)}` : null}
        {outAt ? ` / ${t("attendance.out")} ${formatTime(outAt)}` : null}
        {minutes !== null ? ` / ${formatHoursMinutes(minutes)}` : null}
      </p>
      {flags.length ? (
        <p className="rounded bg-amber-50 p-1 text-sm text-amber-950" role="note">
          {flags.join(" ")}
        </p>
      ) : null}
      {refusal ? (
        <p className="text-sm font-medium text-red-700" role="alert" data-testid="tap-refusal">
          <span aria-hidden="true">⚠ </span>
          {t.message(refusal)}
        </p>
      ) : null}
      {locked ? null : (
        <div className="grid grid-cols-4 gap-1">
          <TapButton target={target} action="present" tapId={tapId} label={t("attendance.status.present")} className="btn" />
          <TapButton target={target} action="late" tapId={tapId} label={t("attendance.status.late")} className="btn-secondary" />
          <TapButton target={target} action="absent" tapId={tapId} label={t("attendance.status.absent")} className="btn-secondary" />
          <TapButton target={target} action="check_out" tapId={tapId} label={t("attendance.checkOut")} className="btn-secondary" />
        </div>
      )}
    </li>
  );
}

export function CheckInList({ people, walkIns, tapIds, locked }: { people: Person[]; walkIns: WalkIn[]; tapIds: Record<string, string>; locked: boolean }) {
  const t = useT();
  if (people.length === 0 && walkIns.length === 0) return <p>{t("attendance.checkIn.empty")}</p>;
  return (
    <ul className="divide-y divide-stone-200">
      {people.map((p) => (
        <Row
          key={`a${p.applicationId}`}
          target={`a${p.applicationId}`}
          name={p.name}
          badges={p.minor ? [t("minors.applicants.badge")] : []}
          status={p.status}
          inAt={p.checked_in_at}
          outAt={p.checked_out_at}
          minutes={p.confirmed_minutes}
          flags={[p.left_early ? t("attendance.flag.leftEarly") : "", p.auto_closed ? t("attendance.flag.autoClosed") : ""].filter(Boolean)}
          tapId={tapIds[`a${p.applicationId}`] ?? ""}
          locked={locked}
        />
      ))}
      {walkIns.map((w) => (
        <Row
          key={`w${w.attendanceId}`}
          target={`w${w.attendanceId}`}
          name={w.name}
          badges={[w.linked ? t("attendance.walkIn.linked") : t("attendance.walkIn.badge")]}
          status={w.status}
          inAt={w.checked_in_at}
          outAt={w.checked_out_at}
          minutes={w.confirmed_minutes}
          flags={w.auto_closed ? [t("attendance.flag.autoClosed")] : []}
          tapId={tapIds[`w${w.attendanceId}`] ?? ""}
          locked={locked}
        />
      ))}
    </ul>
  );
}

const local = (value: When) => {
  if (!value) return "";
  const d = new Date(new Date(value).getTime() + 9 * 3600_000);
  return d.toISOString().slice(0, 16);
};

/** After confirming: a correction per entry (for 30 days), with a reason that is kept. */
export function CorrectionForms({ entries, failure }: { entries: { attendanceId: number | null; name: string; status: string | null; checked_in_at: When; checked_out_at: When }[]; failure: FormFailure | null }) {
  const t = useT();
  return (
    <section className="card space-y-2" aria-labelledby="corrections">
      <h2 id="corrections">{t("attendance.correct.title")}</h2>
      <p className="text-sm">{t("attendance.correct.lead")}</p>
      {failure ? <FormErrorSummary failure={failure} /> : null}
      {entries
        .filter((e) => e.attendanceId !== null)
        .map((e) => (
          <details key={e.attendanceId} className="rounded border p-2">
            <summary className="cursor-pointer">{e.name}</summary>
            <Form method="post" className="mt-2 space-y-2">
              <input type="hidden" name="intent" value="correct" />
              <input type="hidden" name="attendanceId" value={e.attendanceId!} />
              <label className="block">
                {t("attendance.correct.status")}
                <select name="status" defaultValue={e.status ?? "present"} className="input mt-1">
                  {["present", "late", "absent"].map((s) => (
                    <option key={s} value={s}>
                      {t(`attendance.status.${s}` as "attendance.status.present")}
                    </option>
                  ))}
                </select>
              </label>
              <label className="block">
                {t("attendance.in")}
                <input type="datetime-local" name="checkedInAt" defaultValue={local(e.checked_in_at)} className="input mt-1" />
              </label>
              <label className="block">
                {t("attendance.out")}
                <input type="datetime-local" name="checkedOutAt" defaultValue={local(e.checked_out_at)} className="input mt-1" />
              </label>
              <label className="block">
                {t("attendance.correct.reason")}
                <textarea name="reason" required minLength={2} maxLength={500} rows={2} className="input mt-1" />
              </label>
              {failure?.errors.reason ? <p className="text-red-800">{failure.errors.reason.map((m) => t.message(m)).join(" ")}</p> : null}
              <button type="submit" className="btn-secondary">
                {t("attendance.correct.save")}
              </button>
            </Form>
          </details>
        ))}
    </section>
  );
}
