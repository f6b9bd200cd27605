import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { PageHeader } from "~/components/ui";
import { formatDecimalHours, formatHoursMinutes } from "~/modules/attendance/attendance.rules";
import { WalkInAnswerSchema } from "~/modules/attendance/attendance.schema";
import { answerWalkIn, walkInsToConfirm } from "~/modules/attendance/attendance.server";
import { confirmedHours, summariseHours, unconfirmedCount } from "~/modules/attendance/hours.server";
import { requireUser } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { formatDate, formatRange } from "~/utils/format";
import { parseForm } from "~/utils/form";
import { pick } from "~/utils/pick";
import { redirectWithToast } from "~/utils/toast.server";
import { useT } from "~/utils/use-i18n";
import { readFormData } from "~/utils/form-body.server";

export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export const meta: MetaFunction = () => [{ title: "活動時間 / My hours | つなぐ八幡東" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const db = getDb();
  const entries = await confirmedHours(db, [user.id]);
  const yearParam = new URL(request.url).searchParams.get("year");
  const year = yearParam && /^\d{4}$/.test(yearParam) ? Number(yearParam) : null;
  const shown = year === null ? entries : entries.filter((e) => e.schoolYear === year);
  return data(
    {
      year,
      years: [...new Set(entries.map((e) => e.schoolYear))].sort((a, b) => b - a),
      entries: shown,
      summary: summariseHours(shown),
      waiting: await unconfirmedCount(db, user.id),
      walkIns: await walkInsToConfirm(db, user.id),
    },
    { headers: { "Cache-Control": "no-store" } },
  );
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const parsed = parseForm(WalkInAnswerSchema, await readFormData(request));
  if (!parsed.success) return data(parsed.failure, { status: 400 });
  await answerWalkIn(getDb(), { userId: user.id, attendanceId: parsed.data.attendanceId, accept: parsed.data.answer === "accept" });
  return redirectWithToast(request, "/account/hours", { kind: "success", message: "attendance.done.walkInAnswered" });
}

export default function Hours() {
  const { year, years, entries, summary, waiting, walkIns } = useLoaderData<typeof loader>();
  const t = useT();
  const both = (m: number) => t("attendance.hours.both", { hm: formatHoursMinutes(m), h: formatDecimalHours(m) });
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <PageHeader
        title={t("attendance.hours.title")}
        lead={t("attendance.hours.lead")}
        actions={
          <Link to="/account/certificates" className="btn">
            {t("attendance.certificates.title")}
          </Link>
        }
      />
      {walkIns.length ? (
        <section className="card space-y-2" aria-labelledby="walk-ins">
          <h2 id="walk-ins">{t("attendance.walkIn.toConfirm")}</h2>
          {walkIns.map((w) => (
            <Form method="post" key={w.id} className="flex flex-wrap items-center gap-2">
              <input type="hidden" name="attendanceId" value={w.id} />
              <span>
                {formatRange(w.starts_at, w.ends_at, t.locale)} {w.title}（{w.organisationName}）
              </span>
              <button type="submit" name="answer" value="accept" className="btn">
                {t("attendance.walkIn.accept")}
              </button>
              <button type="submit" name="answer" value="decline" className="btn-secondary">
                {t("attendance.walkIn.decline")}
              </button>
            </Form>
          ))}
        </section>
      ) : null}
      <nav aria-label={t("attendance.hours.years")} className="flex flex-wrap gap-2">
        <Link to="/account/hours" className={year === null ? "btn" : "btn-secondary"}>
          {t("attendance.hours.allYears")}
        </Link>
        {years.map((y) => (
          <Link key={y} to={`/account/hours?year=${y}`} className={year === y ? "btn" : "btn-secondary"}>
            {t("attendance.hours.year", { year: y })}
          </Link>
        ))}
      </nav>
      <p className="text-xl font-bold" data-testid="hours-total">
        {t("attendance.hours.total")}: {both(summary.totalMinutes)}
      </p>
      {waiting ? <p className="text-sm">{t("attendance.hours.waiting", { count: waiting })}</p> : null}
      <div className="grid gap-4 sm:grid-cols-3">
        <section className="card" aria-labelledby="by-year">
          <h2 id="by-year">{t("attendance.hours.byYear")}</h2>
          <ul>
            {summary.byYear.map((y) => (
              <li key={y.schoolYear}>
                {t("attendance.hours.year", { year: y.schoolYear })}: {both(y.minutes)}
              </li>
            ))}
          </ul>
        </section>
        <section className="card" aria-labelledby="by-category">
          <h2 id="by-category">{t("attendance.hours.byCategory")}</h2>
          <ul>
            {summary.byCategory.map((c) => (
              <li key={c.ja}>
                {pick(t.locale, c.ja, c.en)}: {both(c.minutes)}
              </li>
            ))}
          </ul>
        </section>
        <section className="card" aria-labelledby="by-group">
          <h2 id="by-group">{t("attendance.hours.byGroup")}</h2>
          <ul>
            {summary.byGroup.map((g) => (
              <li key={g.organisationId}>
                {g.name}: {both(g.minutes)}
              </li>
            ))}
          </ul>
        </section>
      </div>
      {entries.length === 0 ? (
        <p>{t("attendance.hours.none")}</p>
      ) : (
        <table className="w-full text-left text-sm">
          <thead>
            <tr>
              <th scope="col">{t("attendance.hours.date")}</th>
              <th scope="col">{t("attendance.hours.activity")}</th>
              <th scope="col">{t("attendance.hours.hours")}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.attendanceId} className="border-t">
                <td>{formatDate(e.startsAt, t.locale)}</td>
                <td>
                  {e.title}（{e.organisationName}）
                </td>
                <td>{formatHoursMinutes(e.minutes)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
