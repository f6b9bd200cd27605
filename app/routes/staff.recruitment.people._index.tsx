import { data, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { RecruitmentNav } from "~/components/recruitment-nav";
import { PageHeader } from "~/components/ui";
import { listPeople, type PeopleFilter } from "~/modules/recruitment/pipeline.server";
import { requireRecruitmentViewer } from "~/modules/recruitment/settings.server";
import { requireUser } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { formatDate } from "~/utils/format";
import { requestContext } from "~/utils/request.server";
import { useT } from "~/utils/use-i18n";

export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;
export const meta: MetaFunction = () => [{ title: "関心を寄せた方 / People interested | つなぐ八幡東" }];

const VIEWS = ["open", "overdue", "all"] as const;

/** Staff see every district, a district's chair only theirs; the list is audited each time it is shown. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const db = getDb();
  const viewer = await requireRecruitmentViewer(db, user, requestContext(request, context).ip);
  const asked = new URL(request.url).searchParams.get("view");
  const view = VIEWS.find((v) => v === asked) ?? (new URL(request.url).searchParams.get("overdue") ? "overdue" : "open");
  const filter: PeopleFilter = view === "open" ? { stage: "open" } : view === "overdue" ? { overdue: true } : {};
  const people = await listPeople(db, viewer, filter);
  return data({ people, view, isStaff: viewer.scope.kind === "all" }, { headers: { "Cache-Control": "no-store" } });
}

export default function People() {
  const { people, view, isStaff } = useLoaderData<typeof loader>();
  const t = useT();
  const en = t.locale === "en";
  return (
    <div className="space-y-6">
      <PageHeader title={t("recruitment.people.title")} lead={t("recruitment.people.lead")} />
      {isStaff ? <RecruitmentNav /> : null}
      <nav className="flex flex-wrap gap-2" aria-label={t("recruitment.people.stage")}>
        {VIEWS.map((v) => (
          <Link key={v} to={`/staff/recruitment/people?view=${v}`} aria-current={view === v ? "page" : undefined} className={view === v ? "btn" : "btn-secondary"}>
            {t(v === "open" ? "recruitment.people.filterOpen" : v === "overdue" ? "recruitment.people.filterOverdue" : "recruitment.people.filterAll")}
          </Link>
        ))}
      </nav>
      {people.length === 0 ? (
        <p>{t("recruitment.people.empty")}</p>
      ) : (
        <ul className="space-y-2" data-testid="people">
          {people.map((p) => (
            <li key={p.id} className="card">
              <Link to={`/staff/recruitment/people/${p.id}`} className="font-semibold">
                {p.name}
              </Link>{" "}
              <span className="text-sm">（{p.name_kana}）</span>
              <p className="text-sm">
                {en ? p.district_en : p.district_ja} · {t(`recruitment.stage.${p.stage}`)} · {t(`recruitment.wants.${p.wants}`)}
                {p.channel_label ? ` · ${p.channel_label}` : ""}
              </p>
              <p className="text-sm">
                {t("recruitment.people.received")}: {formatDate(p.created_at, t.locale)}
                {p.next_action_on ? ` · ${t("recruitment.people.nextAction")}: ${p.next_action_on}` : ""}
                {p.overdue ? <strong className="ml-2 badge bg-red-100 text-red-800">{t("recruitment.people.overdue")}</strong> : null}
              </p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
