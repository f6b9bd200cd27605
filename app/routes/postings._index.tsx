import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { configuredSearchEngine, searchPostings } from "#search/engine.server";
import { searchToParams } from "#search/query";
import { FieldErrors } from "~/components/form";
import { EmptyState, PageHeader } from "~/components/ui";
import { HitCard } from "~/components/search-results";
import { SearchFilters } from "~/components/search-filters";
import { readSearchRequest } from "~/modules/search/search-request.server";
import { getUser } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { getLocale } from "~/utils/locale.server";
import { pick } from "~/utils/pick";
import { translate } from "~/utils/translate";
import { useMyLocation } from "~/components/use-my-location";
import { useT } from "~/utils/use-i18n";

const SORT_OPTIONS = [
  ["relevance", "search.sortRelevance"],
  ["soonest", "search.sortSoonest"],
  ["nearest", "search.sortNearest"],
  ["newest", "search.sortNewest"],
] as const;

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const db = getDb();
  const user = await getUser(request);
  const { parsed, categories, districts, centres, homeDistrict } = await readSearchRequest(db, new URL(request.url).searchParams, {
    homeDistrictId: user?.district_id,
  });
  const result = await searchPostings(db, parsed.query, { engine: configuredSearchEngine(db) });
  return data({
    title: translate(getLocale(request), "browse.title"),
    result,
    query: parsed.query,
    nearParam: parsed.nearParam,
    errors: parsed.errors,
    categories,
    districts,
    centres,
    homeDistrict,
    params: searchToParams(parsed.query, parsed.nearParam).toString(),
  });
}

export default function Browse() {
  const { result, query, nearParam, errors, categories, districts, centres, homeDistrict, params } = useLoaderData<typeof loader>();
  const t = useT();
  const submit = useSubmit();
  const navigation = useNavigation();
  const formRef = useRef<HTMLFormElement>(null);
  const { canLocate, locating, locate } = useMyLocation(formRef, (formData) => {
    formData.set("sort", "nearest");
    formData.delete("page");
    submit(formData, { method: "get", action: "/postings", preventScrollReset: true });
  });
  const timer = useRef<ReturnType<typeof setTimeout>>();
  useEffect(() => () => clearTimeout(timer.current), []);
  // With JavaScript the results follow the form as it changes (typing is debounced); without it, the button.
  const onChange = (event: React.FormEvent<HTMLFormElement>) => {
    const target = event.target as HTMLInputElement;
    clearTimeout(timer.current);
    const form = event.currentTarget;
    timer.current = setTimeout(() => {
      // Blank fields stay out of the URL, so it reads like the search it is.
      const formData = new FormData(form);
      for (const [key, value] of [...formData.entries()]) if (value === "") formData.delete(key);
      submit(formData, { method: "get", action: "/postings", replace: true, preventScrollReset: true });
    }, target.type === "search" ? 300 : 0);
  };
  const pages = Math.max(1, Math.ceil(result.total / result.pageSize));
  const pageLink = (p: number) => {
    const sp = new URLSearchParams(params);
    if (p > 1) sp.set("page", String(p));
    else sp.delete("page");
    return `/postings?${sp.toString()}`;
  };
  const categoryName = (code: string) => {
    const c = categories.find((x) => x.code === code);
    return c ? pick(t.locale, c.name_ja, c.name_en) : code;
  };
  const districtName = (code: string | null) => {
    const d = code ? districts.find((x) => x.code === code) : undefined;
    return d ? pick(t.locale, d.name_ja, d.name_en) : null;
  };
  const f = query.filters;
  const activeFilters =
    (f.categories?.length ?? 0) + (f.districts?.length ?? 0) + (f.organisationKinds?.length ?? 0) + (f.from ? 1 : 0) + (f.to ? 1 : 0) + (f.dayType ? 1 : 0) + (f.minorsWelcome ? 1 : 0);
  const filterErrors = ["category", "district", "kind", "from", "to", "day", "minors"].some((k) => errors[k]);
  // Closed on small screens unless something is chosen (the results come first); opened on wide screens.
  const filtersStartOpen = activeFilters > 0 || filterErrors;
  const sortChosen = new URLSearchParams(params).has("sort");
  const hasFilters = params !== "" && params !== `q=${encodeURIComponent(query.text)}`;
  const busy = navigation.state === "loading" && navigation.location?.pathname === "/postings";
  return (
    <div>
      <PageHeader title={t("browse.title")} lead={<span className="hidden sm:inline">{t("search.lead")}</span>} />
      <Form ref={formRef} method="get" onChange={onChange} onSubmit={() => clearTimeout(timer.current)} className="space-y-4" role="search" aria-label={t("search.label")}>
        <div className="card space-y-3">
            <div>
              <label htmlFor="q" className="block font-semibold">
                {t("search.keywords")}
              </label>
              <div className="mt-1 flex gap-2">
                <input id="q" name="q" type="search" defaultValue={query.text} className="input" placeholder={t("search.placeholder")} maxLength={200} aria-describedby="q-error" autoComplete="off" />
                <button type="submit" className="btn shrink-0">
                  {t("search.submit")}
                </button>
              </div>
              <FieldErrors id="q-error" errors={errors.q} />
            </div>
            {/* On a phone, sorting and place fold away (open when one is chosen), so results show after a search. */}
            <details className="search-more" open={sortChosen || Boolean(nearParam) || Boolean(errors.sort || errors.near)}>
            <summary className="flex min-h-11 cursor-pointer items-center font-semibold sm:hidden">{t("search.moreOptions")}</summary>
            <div className="grid gap-2 sm:grid-cols-2">
              <div>
                <label htmlFor="sort" className="block font-semibold">
                  {t("search.sort")}
                </label>
                {/* The order nobody chose is sent blank, so that it follows the words: relevance once there are
                    words, soonest without (a keyword search from the soonest-first list is ordered by relevance). */}
                <select key={`${query.sort}:${sortChosen}`} id="sort" name="sort" defaultValue={sortChosen ? query.sort : ""} className="input mt-1" aria-describedby="sort-error">
                  {SORT_OPTIONS.map(([value, label]) => (
                    <option key={value} value={!sortChosen && value === query.sort ? "" : value}>
                      {t(label)}
                    </option>
                  ))}
                </select>
                <FieldErrors id="sort-error" errors={errors.sort} />
              </div>
              <div>
                <label htmlFor="near" className="block font-semibold">
                  {t("search.near")}
                </label>
                <select id="near" name="near" defaultValue={nearParam ?? ""} className="input mt-1" aria-describedby="near-error">
                  <option value="">{t("search.nearNone")}</option>
                  {nearParam && /^-?\d/.test(nearParam) ? <option value={nearParam}>{t("search.nearHere")}</option> : null}
                  {homeDistrict ? (
                    <option value={`district:${homeDistrict.code}`}>{t("search.nearHome", { district: pick(t.locale, homeDistrict.name_ja, homeDistrict.name_en) })}</option>
                  ) : null}
                  {centres.map((c) => (
                    <option key={c.id} value={`place:${c.id}`}>
                      {pick(t.locale, c.name_ja, c.name_en)}
                    </option>
                  ))}
                </select>
                {canLocate ? (
                  <button type="button" onClick={locate} className="btn-secondary mt-2 w-full text-sm" aria-describedby="locate-status">
                    {t("search.useLocation")}
                  </button>
                ) : null}
                <p id="locate-status" role="status" className="text-sm text-stone-700">
                  {locating === "busy" ? t("search.locating") : locating === "failed" ? t("search.locateFailed") : ""}
                </p>
                <FieldErrors id="near-error" errors={errors.near} />
              </div>
            </div>
            </details>
          </div>

        <div className="grid gap-6 lg:grid-cols-[18rem_1fr]">
        <SearchFilters
          query={query}
          facets={result.facets}
          errors={errors}
          categories={categories}
          districts={districts}
          startOpen={filtersStartOpen}
          activeFilters={activeFilters}
          showClear={hasFilters}
        />

        <section aria-labelledby="results-heading" className="space-y-4">
          {result.fallback ? (
            <p role="note" className="rounded-lg bg-stone-100 p-2 text-sm text-stone-700">
              {t("search.fallback")}
            </p>
          ) : null}
          <h2 id="results-heading" className="text-lg" aria-live="polite" aria-busy={busy || undefined}>
            {t("browse.count", { count: result.total })}
          </h2>
          {result.hits.length ? (
            <ul className={`grid gap-4 sm:grid-cols-2 ${busy ? "opacity-70" : ""}`}>
              {result.hits.map((hit) => (
                <HitCard key={hit.id} hit={hit} categoryName={categoryName(hit.categoryCode)} districtName={districtName(hit.districtCode)} />
              ))}
            </ul>
          ) : (
            <EmptyState title={t("browse.empty")}>
              <p>{query.text ? t("search.emptyWords") : t("browse.emptyHint")}</p>
              {hasFilters ? (
                <p className="mt-2">
                  <Link to={query.text ? `/postings?q=${encodeURIComponent(query.text)}` : "/postings"}>{t("search.removeFilters")}</Link>
                </p>
              ) : null}
            </EmptyState>
          )}
          {pages > 1 ? (
            <nav aria-label={t("browse.pagination")} className="flex items-center justify-between">
              {result.page > 1 ? (
                <Link to={pageLink(result.page - 1)} rel="prev">
                  {t("browse.prev")}
                </Link>
              ) : (
                <span />
              )}
              <span>{t("browse.pageOf", { page: result.page, pages })}</span>
              {result.page < pages ? (
                <Link to={pageLink(result.page + 1)} rel="next">
                  {t("browse.next")}
                </Link>
              ) : (
                <span />
              )}
            </nav>
          ) : null}
        </section>
        </div>
      </Form>
    </div>
  );
}
