import { data, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { FunnelChart } from "~/components/funnel-chart";
import { RecruitmentNav } from "~/components/recruitment-nav";
import { PageHeader } from "~/components/ui";
import { recruitmentFigures } from "~/modules/recruitment/figures.server";
import { requirePermission } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { useT } from "~/utils/use-i18n";

export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;
export const meta: MetaFunction = () => [{ title: "数字で見る / Recruitment figures | つなぐ八幡東" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "staff:access");
  return data(await recruitmentFigures(getDb()), { headers: { "Cache-Control": "no-store" } });
}

export default function Figures() {
  const f = useLoaderData<typeof loader>();
  const t = useT();
  const en = t.locale === "en";
  return (
    <div className="space-y-6">
      <PageHeader title={t("recruitment.figures.title")} lead={t("recruitment.figures.lead")} />
      <RecruitmentNav />
      <section className="card space-y-1">
        <p className="text-lg font-bold" data-testid="countdown">
          {t("recruitment.figures.countdown", { date: f.nextReelectionOn, days: f.daysToReelection })}
        </p>
        <p>{t("recruitment.figures.termEnding", { count: f.seatsEndingThen, areas: f.areasEndingThen })}</p>
        <p>
          {t("recruitment.figures.medianDays")}: {f.medianDays ?? t("recruitment.figures.none")}
        </p>
      </section>
      {f.campaigns.map((c) => (
        <section key={c.id} className="card space-y-3">
          <h2 className="text-lg font-bold">{c.name}</h2>
          {c.goalSeats ? <p>{t("recruitment.figures.goal", { filled: c.filled, goal: c.goalSeats })}</p> : null}
          <FunnelChart label={c.name} steps={c.total.steps} />
          <h3 className="font-semibold">{t("recruitment.figures.funnel")}</h3>
          {c.channels.map((ch) => (
            <div key={ch.key} className="space-y-1">
              <h4>{ch.label || t("recruitment.figures.noDirect")}</h4>
              <FunnelChart label={ch.label || t("recruitment.figures.noDirect")} steps={ch.steps} hideVisits={!ch.label} />
            </div>
          ))}
        </section>
      ))}
      {f.unattributed ? (
        <section className="card space-y-2">
          <h2 className="font-bold">{t("recruitment.figures.noDirect")}</h2>
          <FunnelChart label={t("recruitment.figures.noDirect")} steps={f.unattributed.steps} hideVisits />
        </section>
      ) : null}
      <section className="card space-y-3">
        <h2 className="text-lg font-bold">{t("recruitment.figures.byDistrict")}</h2>
        {f.districts.map((d) => (
          <div key={d.key} className="space-y-1">
            <h3>{en ? d.labelEn : d.label}</h3>
            <FunnelChart label={en ? d.labelEn : d.label} steps={d.steps} hideVisits />
          </div>
        ))}
      </section>
    </div>
  );
}
