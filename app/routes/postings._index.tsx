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

function FilterSelect(props: { name: string; label: string; allLabel: string; value?: string; errors?: string[]; options: { value: string; label: string }[] }) {
  return (
    <div>
      <label htmlFor={props.name} className="block font-semibold">
        {props.label}
      </label>
      <select id={props.name} name={props.name} defaultValue={props.value ?? ""} className="input mt-1" aria-describedby={`${props.name}-error`} aria-invalid={props.errors ? true : undefined}>
        <option value="">{props.allLabel}</option>
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <FieldErrors id={`${props.name}-error`} errors={props.errors} />
    </div>
  );
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
          <FilterSelect
            name="category"
            label={t("browse.category")}
            allLabel={t("browse.allCategories")}
            value={query.category}
            errors={errors.category}
            options={categories.map((c) => ({ value: c.code, label: pick(t.locale, c.name_ja, c.name_en) }))}
          />
          <FilterSelect
            name="district"
            label={t("browse.district")}
            allLabel={t("browse.allDistricts")}
            value={query.district}
            errors={errors.district}
            options={districts.map((d) => ({ value: d.code, label: pick(t.locale, d.name_ja, d.name_en) }))}
          />
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
