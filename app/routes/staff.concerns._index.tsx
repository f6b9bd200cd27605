import { data, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { CONCERN_CATEGORIES, CONCERN_SUBJECT_TYPES, CONCERN_STATUSES } from "~/vocabulary";
import { FieldErrors } from "~/components/form";
import { EmptyState, PageHeader } from "~/components/ui";
import { isUrgent } from "~/modules/concerns/concerns.rules";
import { parseConcernListParams } from "~/modules/concerns/concerns.schema";
import { listConcerns } from "~/modules/concerns/concerns.server";
import { requirePermission } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { formatDateTime } from "~/utils/format";
import { useT } from "~/utils/use-i18n";

// A personal page: the loader's Cache-Control (no-store) applies to the page itself, not only to data requests.
export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export const meta: MetaFunction = () => [{ title: "懸念の報告 / Concern reports | つなぐ八幡東" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "staff:access");
  const params = new URL(request.url).searchParams;
  const { query, errors } = parseConcernListParams(params);
  const result = await listConcerns(getDb(), query);
  return data({ query, errors, ...result, ref: (params.get("ref") ?? "").slice(0, 40) }, { headers: { "Cache-Control": "no-store" } });
}

type Loaded = ReturnType<typeof useLoaderData<typeof loader>>;

function pageLink(query: Loaded["query"], page: number): string {
  const p = new URLSearchParams();
  p.set("status", query.status);
  if (query.category) p.set("category", query.category);
  if (query.subjectType) p.set("subject", query.subjectType);
  if (query.reference) p.set("ref", query.reference);
  if (page > 1) p.set("page", String(page));
  return `/staff/concerns?${p}`;
}

export default function ConcernQueue() {
  const { query, errors, items, total, page, pageSize, ref } = useLoaderData<typeof loader>();
  const t = useT();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const about = (item: Loaded["items"][number]) => {
    const label = item.subject_type === "posting" ? item.posting_title : item.subject_type === "organisation" ? item.organisation_name : item.subject_type === "user" ? item.user_name : null;
    const kind = t(`concerns.staff.subject.${item.subject_type}`);
    return label ? t("concerns.staff.labelled", { label: kind, value: label }) : kind;
  };
  return (
    <div className="space-y-6">
      <p>
        <Link to="/staff">← {t("staff.title")}</Link>
      </p>
      <PageHeader
        title={t("concerns.staff.title")}
        lead={t("concerns.staff.lead")}
        actions={
          <Link to="/staff/audit" className="btn-secondary">
            {t("concerns.staff.auditLink")}
          </Link>
        }
      />
      <nav aria-label={t("concerns.staff.status")} className="flex flex-wrap gap-2">
        {[...CONCERN_STATUSES, "all" as const].map((status) => (
          <Link
            key={status}
            to={pageLink({ ...query, status }, 1)}
            aria-current={query.status === status ? "page" : undefined}
            className={query.status === status ? "btn" : "btn-secondary"}
          >
            {t(`concerns.staff.status.${status}`)}
          </Link>
        ))}
      </nav>
      <Form method="get" className="card grid gap-3 sm:grid-cols-4 sm:items-end" aria-label={t("concerns.staff.filter")}>
        <input type="hidden" name="status" value={query.status} />
        <div>
          <label htmlFor="f-category" className="block font-semibold">
            {t("concerns.staff.categoryFilter")}
          </label>
          <select id="f-category" name="category" defaultValue={query.category ?? ""} className="input mt-1" aria-describedby="f-category-error">
            <option value="">{t("concerns.staff.allCategories")}</option>
            {CONCERN_CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {t(`concerns.category.${c}`)}
              </option>
            ))}
          </select>
          <FieldErrors id="f-category-error" errors={errors.category} />
        </div>
        <div>
          <label htmlFor="f-subject" className="block font-semibold">
            {t("concerns.staff.subject")}
          </label>
          <select id="f-subject" name="subject" defaultValue={query.subjectType ?? ""} className="input mt-1" aria-describedby="f-subject-error">
            <option value="">{t("concerns.staff.allSubjects")}</option>
            {CONCERN_SUBJECT_TYPES.map((s) => (
              <option key={s} value={s}>
                {t(`concerns.staff.subject.${s}`)}
              </option>
            ))}
          </select>
          <FieldErrors id="f-subject-error" errors={errors.subject} />
        </div>
        <div>
          <label htmlFor="f-ref" className="block font-semibold">
            {t("concerns.staff.reference")}
          </label>
          <input
            id="f-ref"
            name="ref"
            defaultValue={ref}
            className="input mt-1"
            autoComplete="off"
            maxLength={20}
            aria-invalid={errors.ref ? true : undefined}
            aria-describedby="f-ref-error"
          />
          <FieldErrors id="f-ref-error" errors={errors.ref} />
        </div>
        <div className="pb-6">
          <button type="submit" className="btn w-full">
            {t("concerns.staff.apply")}
          </button>
        </div>
      </Form>

      {items.length === 0 ? (
        <EmptyState title={query.status === "open" && !query.category && !query.subjectType && !query.reference ? t("concerns.staff.emptyOpen") : t("concerns.staff.empty")} />
      ) : (
        <>
          <table className="w-full border-collapse overflow-hidden rounded-xl bg-white text-left">
            <caption className="sr-only">{t("concerns.staff.tableCaption")}</caption>
            <thead className="bg-stone-100">
              <tr>
                <th scope="col" className="p-2">
                  {t("concerns.staff.reference")}
                </th>
                <th scope="col" className="p-2">
                  {t("concerns.staff.categoryFilter")}
                </th>
                <th scope="col" className="hidden p-2 md:table-cell">
                  {t("concerns.staff.subject")}
                </th>
                <th scope="col" className="hidden p-2 sm:table-cell">
                  {t("concerns.staff.report")}
                </th>
                <th scope="col" className="p-2">
                  {t("concerns.staff.status")}
                </th>
                <th scope="col" className="hidden p-2 sm:table-cell">
                  {t("concerns.staff.received")}
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <tr key={item.id} className="border-t border-stone-200 align-top">
                  <td className="p-2 font-mono">
                    <Link to={`/staff/concerns/${item.id}`}>{item.reference}</Link>
                  </td>
                  <td className="p-2">
                    {item.status === "open" && isUrgent(item.category) ? <span className="badge mr-1 bg-red-700 text-white">{t("concerns.staff.urgent")}</span> : null}
                    {t(`concerns.category.${item.category}`)}
                  </td>
                  <td className="hidden p-2 md:table-cell">{about(item)}</td>
                  <td className="hidden p-2 sm:table-cell" data-testid="concern-excerpt">
                    {item.excerpt}
                  </td>
                  <td className="p-2">
                    {item.status === "closed" && item.outcome
                      ? t("concerns.staff.closedAs", { outcome: t(`concerns.staff.outcome.${item.outcome}`) })
                      : t(`concerns.staff.status.${item.status}`)}
                  </td>
                  <td className="hidden p-2 sm:table-cell">{formatDateTime(item.created_at, t.locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <nav aria-label={t("concerns.staff.pagination")} className="flex flex-wrap items-center gap-3">
            {page > 1 ? (
              <Link to={pageLink(query, page - 1)} className="btn-secondary">
                {t("concerns.staff.previous")}
              </Link>
            ) : null}
            <span>{t("concerns.staff.page", { page, total })}</span>
            {page < pages ? (
              <Link to={pageLink(query, page + 1)} className="btn-secondary">
                {t("concerns.staff.next")}
              </Link>
            ) : null}
          </nav>
        </>
      )}
    </div>
  );
}
