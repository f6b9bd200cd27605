import { data, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { PageHeader } from "~/components/ui";
import { WaitingList } from "~/components/waiting-list";
import { actionCount } from "~/modules/home/waiting.rules";
import { organisationItems, staffItems } from "~/modules/home/waiting.items";
import { waitingFor } from "~/modules/home/waiting.server";
import { myOrganisations } from "~/modules/organisations/memberships.server";
import { requireUser } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { roleCan } from "~/utils/permissions";
import { useT } from "~/utils/use-i18n";

/** A signed-in person's home: what waits for them in each of their roles (volunteer, group, school, ward). */

export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export const meta: MetaFunction = () => [{ title: "ホーム / Home | つなぐ八幡東" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const db = getDb();
  const organisations = await myOrganisations(db, user.id);
  const waiting = await waitingFor(db, { userId: user.id, isStaff: roleCan(user.role, "staff:access"), organisations });
  return data({ waiting, total: actionCount(waiting) }, { headers: { "Cache-Control": "no-store" } });
}

export default function Home() {
  const { waiting, total } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <PageHeader title={t("home.title")} lead={t("home.lead")} />
      {total === 0 ? (
        <p role="note" className="rounded-lg border-l-4 border-brand-600 bg-brand-50 p-3 text-brand-800">
          {t("home.allClear")}
        </p>
      ) : null}
      {waiting.staff ? (
        <section aria-labelledby="home-staff" className="card space-y-2">
          <h2 id="home-staff">{t("home.staff.title")}</h2>
          <WaitingList items={staffItems(waiting.staff)} testId="waiting-staff" />
        </section>
      ) : null}
      {waiting.organisations.map((o) => (
        <section key={o.id} aria-labelledby={`home-org-${o.id}`} className="card space-y-2">
          <h2 id={`home-org-${o.id}`}>{o.name}</h2>
          <WaitingList items={organisationItems(o)} testId={`waiting-org-${o.id}`} />
          <p className="flex flex-wrap gap-2">
            <Link to={`/orgs/${o.id}`} className="btn-secondary">
              {t("home.org.open")}
            </Link>
            {o.school ? (
              <Link to={`/schools/${o.id}`} className="btn-secondary">
                {t("home.school.open")}
              </Link>
            ) : null}
          </p>
        </section>
      ))}
      <section aria-labelledby="home-volunteer" className="card space-y-2">
        <h2 id="home-volunteer">{t("home.volunteer.title")}</h2>
        <WaitingList
          items={[
            { label: "home.volunteer.consents", count: waiting.consents, to: "/activities" },
            { label: "home.volunteer.messages", count: waiting.messages, to: "/messages" },
          ]}
          testId="waiting-volunteer"
        />
        <p className="flex flex-wrap gap-2">
          <Link to="/activities" className="btn-secondary">
            {t("home.volunteer.activities")}
          </Link>
          <Link to="/postings" className="btn-secondary">
            {t("home.volunteer.find")}
          </Link>
        </p>
      </section>
      {waiting.organisations.length === 0 && !waiting.staff ? (
        <p className="text-sm text-stone-700">
          {t("home.noGroup")} <Link to="/organisations/new">{t("home.registerGroup")}</Link>
        </p>
      ) : null}
    </div>
  );
}
