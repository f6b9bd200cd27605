import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { ORGANISATION_KINDS } from "~/vocabulary";
import { configuredSearchEngine, searchPostings } from "#search/engine.server";
import { parseSearchParams, searchToParams } from "#search/query";
import type { Highlighted, SearchHit } from "#search/types";
import { FieldErrors } from "~/components/form";
import { EmptyState, PageHeader } from "~/components/ui";
import { browseLists } from "~/modules/catalogue/browse-lists.server";
import { getUser } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { formatRange } from "~/utils/format";
import { getLocale } from "~/utils/locale.server";
import { pick } from "~/utils/pick";
import { translate } from "~/utils/translate";
import { useT } from "~/utils/use-i18n";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const db = getDb();
  const url = new URL(request.url);
  const { categories, districts, places } = await browseLists(db);
  const parsed = parseSearchParams(url.searchParams, {
    categories: categories.map((c) => c.code),
    districts: districts.map((d) => d.code),
    kinds: [...ORGANISATION_KINDS],
  });
  const centres = places.filter((p) => p.latitude !== null && p.longitude !== null && (p.kind === "civic_centre" || p.kind === "park"));
  const user = await getUser(request);
  const home = user?.district_id ? districts.find((d) => d.id === user.district_id) : undefined;
  const centreOf = (districtId: number) =>
    centres.find((p) => p.district_id === districtId && p.kind === "civic_centre") ?? centres.find((p) => p.district_id === districtId);
  if (parsed.placeId !== null) {
    const place = centres.find((p) => p.id === parsed.placeId);
    if (place) parsed.query.near = { lat: place.latitude!, lng: place.longitude! };
    else (parsed.errors.near ??= []).push("search.nearInvalid");
  } else if (parsed.districtCode !== null) {
    const district = districts.find((d) => d.code === parsed.districtCode);
    const place = district ? centreOf(district.id) : undefined;
    if (place) parsed.query.near = { lat: place.latitude!, lng: place.longitude! };
    else (parsed.errors.near ??= []).push("search.nearInvalid");
  }
  if (parsed.query.sort === "nearest" && !parsed.query.near) parsed.query.sort = parsed.query.text ? "relevance" : "soonest";
  const result = await searchPostings(db, parsed.query, { engine: configuredSearchEngine(db) });
  return data({
    title: translate(getLocale(request), "browse.title"),
    result,
    query: parsed.query,
    nearParam: parsed.nearParam,
    errors: parsed.errors,
    categories,
    districts,
    centres: centres.map((p) => ({ id: p.id, name_ja: p.name_ja, name_en: p.name_en, kind: p.kind })),
    homeDistrict: home && centreOf(home.id) ? { code: home.code, name_ja: home.name_ja, name_en: home.name_en } : null,
    params: searchToParams(parsed.query, parsed.nearParam).toString(),
  });
}

function Marked({ segments }: { segments: Highlighted[] }) {
  return (
    <>
      {segments.map((s, i) =>
        s.match ? (
          <mark key={i} className="rounded bg-amber-200 px-0.5 text-stone-900">
            {s.text}
          </mark>
        ) : (
          <span key={i}>{s.text}</span>
        ),
      )}
    </>
  );
}

function HitCard({ hit, categoryName, districtName }: { hit: SearchHit; categoryName: string; districtName: string | null }) {
  const t = useT();
  return (
    <li className="card flex flex-col gap-2">
      <div className="flex flex-wrap gap-1">
        <span className="badge bg-brand-50 text-brand-800">{categoryName}</span>
        {districtName ? <span className="badge bg-stone-100 text-stone-800">{districtName}</span> : null}
        {hit.welcomesMinors ? <span className="badge bg-sky-100 text-sky-900">{t("posting.minorsWelcome")}</span> : null}
      </div>
      <h3 className="text-lg font-bold leading-snug">
        <Link to={`/postings/${hit.id}`}>
          <Marked segments={hit.titleHighlight} />
        </Link>
      </h3>
      <p className="text-sm text-stone-700">{hit.organisationName}</p>
      <p className="text-sm text-stone-800">
        <Marked segments={hit.snippet} />
      </p>
      {hit.nextStartsAt && hit.nextEndsAt ? (
        <p className="text-sm">
          <span className="font-semibold">{t("posting.next")}: </span>
          {formatRange(hit.nextStartsAt, hit.nextEndsAt, t.locale)}
        </p>
      ) : null}
      <p className="text-sm">
        <span className="font-semibold">{t("posting.place")}: </span>
        {hit.placeName}
        {hit.distanceKm !== null ? <span className="ml-1 text-stone-700">（{t("search.distance", { km: hit.distanceKm.toFixed(1) })}）</span> : null}
      </p>
    </li>
  );
}

function FacetGroup({
  name,
  legend,
  options,
  selected,
  errors,
}: {
  name: string;
  legend: string;
  options: { value: string; label: string; count: number }[];
  selected: string[];
  errors?: string[];
}) {
  return (
    <fieldset aria-describedby={`${name}-error`}>
      <legend className="font-semibold">{legend}</legend>
      <div className="mt-1 space-y-0.5">
        {options.map((o) => (
          <label key={o.value} className="flex min-h-9 items-center gap-2">
            <input type="checkbox" name={name} value={o.value} defaultChecked={selected.includes(o.value)} className="size-5" />
            <span>{o.label}</span>
            <span className="ml-auto text-sm text-stone-600">{o.count}</span>
          </label>
        ))}
      </div>
      <FieldErrors id={`${name}-error`} errors={errors} />
    </fieldset>
  );
}

export default function Browse() {
  const { result, query, nearParam, errors, categories, districts, centres, homeDistrict, params } = useLoaderData<typeof loader>();
  const [canLocate, setCanLocate] = useState(false);
  const [locating, setLocating] = useState<"idle" | "busy" | "failed">("idle");
  useEffect(() => setCanLocate(typeof navigator !== "undefined" && "geolocation" in navigator), []);
  // The browser's position, rounded to about a kilometre so the URL does not pinpoint anyone.
  const useMyLocation = () => {
    setLocating("busy");
    navigator.geolocation.getCurrentPosition(
      (position) => {
        const formData = new FormData(formRef.current!);
        formData.set("near", `${position.coords.latitude.toFixed(2)},${position.coords.longitude.toFixed(2)}`);
        formData.set("sort", "nearest");
        formData.delete("page");
        setLocating("idle");
        submit(formData, { method: "get", action: "/postings", preventScrollReset: true });
      },
      () => setLocating("failed"),
      { maximumAge: 600_000, timeout: 10_000 },
    );
  };
  const t = useT();
  const submit = useSubmit();
  const navigation = useNavigation();
  const formRef = useRef<HTMLFormElement>(null);
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
  const filtersRef = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    if (filtersRef.current && window.matchMedia("(min-width: 1024px)").matches) filtersRef.current.open = true;
  }, []);
  const hasFilters = params !== "" && params !== `q=${encodeURIComponent(query.text)}`;
  const busy = navigation.state === "loading" && navigation.location?.pathname === "/postings";
  return (
    <div>
      <PageHeader title={t("browse.title")} lead={t("search.lead")} />
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
            <div className="grid gap-2 sm:grid-cols-2">
              <div>
                <label htmlFor="sort" className="block font-semibold">
                  {t("search.sort")}
                </label>
                <select id="sort" name="sort" defaultValue={query.sort} className="input mt-1" aria-describedby="sort-error">
                  <option value="relevance">{t("search.sortRelevance")}</option>
                  <option value="soonest">{t("search.sortSoonest")}</option>
                  <option value="nearest">{t("search.sortNearest")}</option>
                  <option value="newest">{t("search.sortNewest")}</option>
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
                  <button type="button" onClick={useMyLocation} className="btn-secondary mt-2 w-full text-sm" aria-describedby="locate-status">
                    {t("search.useLocation")}
                  </button>
                ) : null}
                <p id="locate-status" role="status" className="text-sm text-stone-700">
                  {locating === "busy" ? t("search.locating") : locating === "failed" ? t("search.locateFailed") : ""}
                </p>
                <FieldErrors id="near-error" errors={errors.near} />
              </div>
            </div>
          </div>

        <div className="grid gap-6 lg:grid-cols-[18rem_1fr]">
        <details ref={filtersRef} className="card h-fit space-y-4 [&[open]>summary]:mb-3" open={filtersStartOpen}>
          <summary className="flex min-h-11 cursor-pointer items-center justify-between text-lg font-bold">
            {t("browse.filters")}
            {activeFilters > 0 ? <span className="badge bg-brand-100 text-brand-800">{t("search.activeFilters", { count: activeFilters })}</span> : null}
          </summary>
          <div className="space-y-4">
          <FacetGroup
            name="category"
            legend={t("browse.category")}
            selected={query.filters.categories ?? []}
            errors={errors.category}
            options={categories.map((c) => ({ value: c.code, label: pick(t.locale, c.name_ja, c.name_en), count: result.facets.category[c.code] ?? 0 }))}
          />
          <FacetGroup
            name="district"
            legend={t("browse.district")}
            selected={query.filters.districts ?? []}
            errors={errors.district}
            options={districts.map((d) => ({ value: d.code, label: pick(t.locale, d.name_ja, d.name_en), count: result.facets.district[d.code] ?? 0 }))}
          />
          <FacetGroup
            name="kind"
            legend={t("search.kind")}
            selected={query.filters.organisationKinds ?? []}
            errors={errors.kind}
            options={ORGANISATION_KINDS.map((k) => ({ value: k, label: t(`orgKind.${k}`), count: result.facets.organisationKind[k] ?? 0 })).filter(
              (o) => o.count > 0 || (query.filters.organisationKinds ?? []).includes(o.value),
            )}
          />
          <fieldset aria-describedby="day-error">
            <legend className="font-semibold">{t("search.day")}</legend>
            {(["", "weekday", "weekend"] as const).map((d) => (
              <label key={d} className="flex min-h-9 items-center gap-2">
                <input type="radio" name="day" value={d} defaultChecked={(query.filters.dayType ?? "") === d} className="size-5" />
                <span>{t(d === "" ? "search.dayAny" : d === "weekday" ? "search.weekday" : "search.weekend")}</span>
                {d ? <span className="ml-auto text-sm text-stone-600">{result.facets.dayType[d]}</span> : null}
              </label>
            ))}
            <FieldErrors id="day-error" errors={errors.day} />
          </fieldset>
          <label className="flex min-h-9 items-center gap-2 font-semibold">
            <input type="checkbox" name="minors" value="1" defaultChecked={query.filters.minorsWelcome === true} className="size-5" />
            {t("browse.minors")}
            <span className="ml-auto text-sm font-normal text-stone-600">{result.facets.minorsWelcome.yes}</span>
          </label>
          <div>
            <label htmlFor="from" className="block font-semibold">
              {t("browse.from")}
            </label>
            <input id="from" name="from" type="date" defaultValue={query.filters.from ?? ""} className="input mt-1" aria-describedby="from-error" />
            <FieldErrors id="from-error" errors={errors.from} />
          </div>
          <div>
            <label htmlFor="to" className="block font-semibold">
              {t("browse.to")}
            </label>
            <input id="to" name="to" type="date" defaultValue={query.filters.to ?? ""} className="input mt-1" aria-describedby="to-error" />
            <FieldErrors id="to-error" errors={errors.to} />
          </div>
          {hasFilters ? (
            <Link to="/postings" className="btn-secondary w-full">
              {t("browse.clear")}
            </Link>
          ) : null}
          </div>
        </details>

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
