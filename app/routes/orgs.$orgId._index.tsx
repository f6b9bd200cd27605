import { data, type LoaderFunctionArgs, type HeadersFunction, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { SessionsToCheckIn } from "~/components/attendance/sessions-to-check-in";
import { EmptyState, OrganisationStatusBadge, PageHeader, PostingStatusBadge } from "~/components/ui";
import { canPublish } from "~/modules/organisations/organisations.rules";
import { listOrganisationPostings } from "~/modules/postings/postings.server";
import { shiftRisks } from "~/modules/applications/applications.rules";
import { organisationShiftLoads } from "~/modules/applications/applications.server";
import { requireOrganisationMember } from "~/utils/auth.server";
import { sessionsToCheckIn } from "~/modules/attendance/attendance.server";
import { getDb } from "~/utils/db.server";
import { formatDateTime, formatRange } from "~/utils/format";
import { requireIdParam } from "~/utils/http.server";
import { memberCan } from "~/utils/permissions";
import { useT } from "~/utils/use-i18n";
import { UndecidedSessions } from "~/components/undecided-sessions";
import { sessionsWithUndecided } from "~/modules/home/waiting.server";

// A personal page: the loader's Cache-Control (no-store) applies to the page itself, not only to data requests.
export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.organisation.name ?? ""} | つなぐ八幡東` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const orgId = requireIdParam(params.orgId);
  const { organisation, role } = await requireOrganisationMember(request, orgId, "view-dashboard");
  const now = new Date();
  const [postings, loads, checkIn, undecided] = await Promise.all([
    listOrganisationPostings(getDb(), orgId),
    organisationShiftLoads(getDb(), orgId, now),
    sessionsToCheckIn(getDb(), orgId, now),
    sessionsWithUndecided(getDb(), orgId, now),
  ]);
  const atRisk = loads
    .map((l) => ({ ...l, risks: shiftRisks({ startsAt: new Date(l.starts_at), capacity: l.capacity, confirmed: l.confirmed_count, pending: l.pending }, now) }))
    .filter((l) => l.risks.length);
  return data(
    {
      atRisk,
      checkIn,
      undecided,
      organisation: { id: organisation.id, name: organisation.name, kind: organisation.kind, status: organisation.status, status_reason: organisation.status_reason },
      role,
      postings,
    },
    { headers: { "Cache-Control": "no-store" } },
  );
}

export default function OrganisationDashboard() {
  const { organisation, role, postings, atRisk, checkIn, undecided } = useLoaderData<typeof loader>();
  const t = useT();
  const verified = canPublish(organisation.status);
  const groups = (["draft", "published", "closed", "cancelled"] as const).map((status) => ({ status, items: postings.filter((p) => p.status === status) }));
  return (
    <div className="space-y-6">
      <PageHeader
        title={organisation.name}
        lead={
          <span className="flex flex-wrap items-center gap-2">
            {t(`orgKind.${organisation.kind}`)} <OrganisationStatusBadge status={organisation.status} />
          </span>
        }
        actions={
          <>
            <Link to={`/orgs/${organisation.id}/postings/new`} className="btn">
              {t("dashboard.newPosting")}
            </Link>
            <Link to={`/orgs/${organisation.id}/messages`} className="btn-secondary">
              {t("messages.title")}
            </Link>
            <Link to={`/orgs/${organisation.id}/safeguarding`} className="btn-secondary">
              {t("safeguarding.people.title")}
            </Link>
            {organisation.kind === "park_care_association" ? (
              <Link to={`/orgs/${organisation.id}/parks`} className="btn-secondary">
                {t("parks.org.title")}
              </Link>
            ) : null}
            {organisation.kind === "high_school" ? (
              <Link to={`/schools/${organisation.id}`} className="btn-secondary">
                {t("schools.apps.title")}
              </Link>
            ) : null}
            {memberCan(role, "manage-members") ? (
              <Link to={`/orgs/${organisation.id}/members`} className="btn-secondary">
                {t("dashboard.members")}
              </Link>
            ) : null}
            {memberCan(role, "edit-organisation") ? (
              <Link to={`/orgs/${organisation.id}/edit`} className="btn-secondary">
                {t("dashboard.editOrganisation")}
              </Link>
            ) : null}
          </>
        }
      />
      {!verified ? (
        <div role="note" className="rounded-lg border-l-4 border-amber-600 bg-amber-50 p-4">
          <p className="font-semibold">{t(`dashboard.status.${organisation.status}`)}</p>
          {organisation.status_reason && organisation.status !== "pending" ? (
            <p className="mt-1">
              {t("dashboard.reason")}: {organisation.status_reason}
            </p>
          ) : null}
        </div>
      ) : null}
      <UndecidedSessions orgId={organisation.id} sessions={undecided} />
      <SessionsToCheckIn orgId={organisation.id} sessions={checkIn} />
      {postings.some((p) => p.status === "published") ? (
        <section aria-labelledby="at-risk" className="card space-y-2">
          <h2 id="at-risk">{t("applicants.atRiskTitle")}</h2>
          {atRisk.length ? (
            <ul className="space-y-2">
              {atRisk.map((s) => (
                <li key={s.id} className="rounded-lg border-l-4 border-amber-600 bg-amber-50 p-2 text-amber-950">
                  <Link to={`/orgs/${organisation.id}/postings/${s.posting_id}/applicants#shift-${s.id}`} className="font-semibold">
                    {s.title}：{formatRange(s.starts_at, s.ends_at, t.locale)}
                  </Link>
                  <p className="text-sm">
                    {t("applicants.counts", { confirmed: s.confirmed_count, capacity: s.capacity, pending: s.pending, waitlisted: 0 })}
                  </p>
                  <ul className="list-disc pl-5 text-sm">
                    {s.risks.map((r) => (
                      <li key={r}>{t(r as "applications.risk.underfilled")}</li>
                    ))}
                  </ul>
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-stone-700">{t("applicants.atRiskNone")}</p>
          )}
        </section>
      ) : null}
      {postings.length === 0 ? (
        <EmptyState title={t("dashboard.noPostings")}>
          <p>{t("dashboard.noPostingsHint")}</p>
        </EmptyState>
      ) : (
        groups
          .filter((g) => g.items.length)
          .map((g) => (
            <section key={g.status} aria-labelledby={`group-${g.status}`}>
              <h2 id={`group-${g.status}`} className="mb-2 flex items-center gap-2">
                <PostingStatusBadge status={g.status} /> <span className="text-base font-normal">{t("dashboard.count", { count: g.items.length })}</span>
              </h2>
              <ul className="divide-y divide-stone-200 rounded-xl border border-stone-200 bg-white">
                {g.items.map((p) => (
                  <li key={p.id} className="flex flex-wrap items-center justify-between gap-2 p-3">
                    <Link to={`/orgs/${organisation.id}/postings/${p.id}`} className="font-semibold">
                      {p.title}
                    </Link>
                    <span className="flex flex-wrap items-center gap-3 text-sm text-stone-700">
                      {p.next_shift_at ? `${t("posting.next")}: ${formatDateTime(p.next_shift_at, t.locale)}` : t("posting.noUpcoming")}
                      {p.status !== "draft" ? <Link to={`/orgs/${organisation.id}/postings/${p.id}/applicants`}>{t("applicants.manage")}</Link> : null}
                    </span>
                  </li>
                ))}
              </ul>
            </section>
          ))
      )}
    </div>
  );
}
