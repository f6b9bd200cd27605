import { data, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { SafeguardingStatusBadge } from "~/components/safeguarding-badge";
import { EmptyState, PageHeader, PostingStatusBadge } from "~/components/ui";
import { listReviewQueue, type QueueFilter } from "~/modules/safeguarding/review.server";
import { requirePermission } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { formatDate, formatDateTime } from "~/utils/format";
import { useT } from "~/utils/use-i18n";

// A personal page: the loader's Cache-Control (no-store) applies to the page itself, not only to data requests.
export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export const meta: MetaFunction = () => [{ title: "安全確認の審査 / Safeguarding reviews | つなぐ八幡東" }];

const FILTERS: QueueFilter[] = ["pending", "returned", "approved"];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "staff:access");
  const requested = new URL(request.url).searchParams.get("status");
  const status: QueueFilter = FILTERS.includes(requested as QueueFilter) ? (requested as QueueFilter) : "pending";
  const db = getDb();
  const [{ rows, counts, notSent }, waiting] = await Promise.all([
    listReviewQueue(db, status),
    db.selectFrom("safeguarding_declarations").select(db.fn.countAll<number>().as("n")).where("status", "=", "pending").executeTakeFirstOrThrow(),
  ]);
  return data({ status, rows, counts, notSent, declarationsWaiting: Number(waiting.n) }, { headers: { "Cache-Control": "no-store" } });
}

export default function SafeguardingQueue() {
  const { status, rows, counts, notSent, declarationsWaiting } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div className="space-y-6">
      <p>
        <Link to="/staff">← {t("staff.title")}</Link>
      </p>
      <PageHeader
        title={t("safeguarding.staff.title")}
        lead={t("safeguarding.staff.lead")}
        actions={
          <Link to="/staff/safeguarding/declarations" className="btn-secondary">
            {t("safeguarding.staff.declarationsLink")} ({declarationsWaiting})
          </Link>
        }
      />
      <nav aria-label={t("safeguarding.staff.filter")} className="flex flex-wrap gap-2">
        {FILTERS.map((f) => (
          <Link key={f} to={`/staff/safeguarding?status=${f}`} aria-current={status === f ? "page" : undefined} className={status === f ? "btn" : "btn-secondary"}>
            {t(`safeguarding.status.${f}`)} ({counts[f] ?? 0})
          </Link>
        ))}
      </nav>
      {status === "pending" && notSent > 0 ? <p data-testid="not-sent">{t("safeguarding.staff.notSent", { count: notSent })}</p> : null}
      {rows.length === 0 ? (
        <EmptyState title={t("safeguarding.staff.empty")} />
      ) : (
        <table className="w-full border-collapse overflow-hidden rounded-xl bg-white text-left">
          <caption className="sr-only">{t("safeguarding.staff.tableCaption")}</caption>
          <thead className="bg-stone-100">
            <tr>
              <th scope="col" className="p-2">
                {t("safeguarding.staff.posting")}
              </th>
              <th scope="col" className="p-2">
                {t("safeguarding.staff.organisation")}
              </th>
              <th scope="col" className="hidden p-2 sm:table-cell">
                {t("safeguarding.staff.postingStatus")}
              </th>
              <th scope="col" className="hidden p-2 md:table-cell">
                {t("safeguarding.staff.nextShift")}
              </th>
              <th scope="col" className="hidden p-2 md:table-cell">
                {t("safeguarding.staff.updated")}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} className="border-t border-stone-200">
                <td className="p-2">
                  <Link to={`/staff/safeguarding/${r.id}`}>{r.title}</Link>
                  <span className="ml-2 sm:hidden">
                    <SafeguardingStatusBadge status={r.safeguarding_status} />
                  </span>
                </td>
                <td className="p-2">{r.organisation_name}</td>
                <td className="hidden p-2 sm:table-cell">
                  <PostingStatusBadge status={r.status} />
                </td>
                <td className="hidden p-2 md:table-cell">{r.next_starts_at ? formatDate(r.next_starts_at, t.locale) : "—"}</td>
                <td className="hidden p-2 md:table-cell">{formatDateTime(r.last_event_at ?? r.updated_at, t.locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
