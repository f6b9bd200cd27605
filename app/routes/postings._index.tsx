import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { FieldErrors } from "~/components/form";
import { EmptyState, PageHeader, PostingCard } from "~/components/ui";
import { listCategories, listDistricts } from "~/modules/catalogue/catalogue.server";
import { BrowseQuerySchema, type BrowseQuery } from "~/modules/postings/postings.schema";
import { browsePostings } from "~/modules/postings/postings.server";
import { getDb } from "~/utils/db.server";
import { issueToMessage } from "~/utils/form";
import { getLocale } from "~/utils/locale.server";
import { pick } from "~/utils/pick";
import { translate } from "~/utils/translate";
import { useT } from "~/utils/use-i18n";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const db = getDb();
  const url = new URL(request.url);
  const raw = Object.fromEntries([...url.searchParams].filter(([, v]) => v !== ""));
  const parsed = BrowseQuerySchema.safeParse(raw, { error: issueToMessage });
  const errors: Record<string, string[]> = {};
  let query: BrowseQuery = {};
  if (parsed.success) query = parsed.data;
  else {
    for (const issue of parsed.error.issues) (errors[String(issue.path[0])] ??= []).push(issue.message);
    // Keep the filters that are fine; drop only the bad ones.
    const good = BrowseQuerySchema.partial().safeParse(Object.fromEntries(Object.entries(raw).filter(([k]) => !errors[k])));
    if (good.success) query = good.data;
  }
  const [categories, districts] = await Promise.all([listCategories(db, { activeOnly: true }), listDistricts(db)]);
  if (query.category && !categories.some((c) => c.code === query.category)) {
    errors.category = ["v.choice"];
    delete query.category;
  }
  if (query.district && !districts.some((d) => d.code === query.district)) {
    errors.district = ["v.choice"];
    delete query.district;
  }
  if (query.from && query.to && query.from > query.to) {
    errors.to = ["v.dateRange"];
    delete query.to;
  }
  const result = await browsePostings(db, query);
  return {
    title: translate(getLocale(request), "browse.title"),
    query,
    raw,
    errors,
    categories,
    districts,
    ...result,
  };
}

export default function Browse() {
  const { items, total, page, pageSize, categories, districts, query, raw, errors } = useLoaderData<typeof loader>();
  const t = useT();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const pageLink = (p: number) => {
    const params = new URLSearchParams(Object.entries(query).filter(([k, v]) => k !== "page" && v !== undefined).map(([k, v]) => [k, String(v)]));
    if (p > 1) params.set("page", String(p));
    const s = params.toString();
    return s ? `/postings?${s}` : "/postings";
  };
  const hasFilters = Object.keys(raw).some((k) => k !== "page");
  return (
    <div>
      <PageHeader title={t("browse.title")} lead={t("browse.lead")} />
      <div className="grid gap-6 lg:grid-cols-[18rem_1fr]">
        <Form method="get" className="card h-fit space-y-3" aria-labelledby="filters-heading">
          <h2 id="filters-heading" className="text-lg">
            {t("browse.filters")}
          </h2>
          <div>
            <label htmlFor="category" className="block font-semibold">
              {t("browse.category")}
            </label>
            <select id="category" name="category" defaultValue={query.category ?? ""} className="input mt-1" aria-describedby="category-error">
              <option value="">{t("browse.allCategories")}</option>
              {categories.map((c) => (
                <option key={c.id} value={c.code}>
                  {pick(t.locale, c.name_ja, c.name_en)}
                </option>
              ))}
            </select>
            <FieldErrors id="category-error" errors={errors.category} />
          </div>
          <div>
            <label htmlFor="district" className="block font-semibold">
              {t("browse.district")}
            </label>
            <select id="district" name="district" defaultValue={query.district ?? ""} className="input mt-1" aria-describedby="district-error">
              <option value="">{t("browse.allDistricts")}</option>
              {districts.map((d) => (
                <option key={d.id} value={d.code}>
                  {pick(t.locale, d.name_ja, d.name_en)}
                </option>
              ))}
            </select>
            <FieldErrors id="district-error" errors={errors.district} />
          </div>
          <div>
            <label htmlFor="from" className="block font-semibold">
              {t("browse.from")}
            </label>
            <input id="from" name="from" type="date" defaultValue={query.from ?? ""} className="input mt-1" aria-describedby="from-error" />
            <FieldErrors id="from-error" errors={errors.from} />
          </div>
          <div>
            <label htmlFor="to" className="block font-semibold">
              {t("browse.to")}
            </label>
            <input id="to" name="to" type="date" defaultValue={query.to ?? ""} className="input mt-1" aria-describedby="to-error" />
            <FieldErrors id="to-error" errors={errors.to} />
          </div>
          <label className="flex min-h-11 items-center gap-2 font-semibold">
            <input type="checkbox" name="minors" value="1" defaultChecked={query.minors === "1"} className="size-5" />
            {t("browse.minors")}
          </label>
          <div className="flex flex-wrap gap-2">
            <button type="submit" className="btn">
              {t("browse.apply")}
            </button>
            {hasFilters ? (
              <Link to="/postings" className="btn-secondary">
                {t("browse.clear")}
              </Link>
            ) : null}
          </div>
        </Form>
        <section aria-labelledby="results-heading">
          <h2 id="results-heading" className="mb-3 text-lg" aria-live="polite">
            {t("browse.count", { count: total })}
          </h2>
          {items.length ? (
            <ul className="grid gap-4 sm:grid-cols-2">
              {items.map((p) => (
                <PostingCard key={p.id} posting={p} />
              ))}
            </ul>
          ) : (
            <EmptyState title={t("browse.empty")}>
              {hasFilters ? (
                <p>
                  {t("browse.emptyHint")} <Link to="/postings">{t("browse.clear")}</Link>
                </p>
              ) : null}
            </EmptyState>
          )}
          {pages > 1 ? (
            <nav aria-label={t("browse.pagination")} className="mt-6 flex items-center justify-between">
              {page > 1 ? <Link to={pageLink(page - 1)} rel="prev">{t("browse.prev")}</Link> : <span />}
              <span>{t("browse.pageOf", { page, pages })}</span>
              {page < pages ? <Link to={pageLink(page + 1)} rel="next">{t("browse.next")}</Link> : <span />}
            </nav>
          ) : null}
        </section>
      </div>
    </div>
  );
}
