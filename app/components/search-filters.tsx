import { Link } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { ORGANISATION_KINDS } from "~/vocabulary";
import type { Facets, SearchQuery } from "#search/types";
import { FieldErrors } from "~/components/form";
import { pick } from "~/utils/pick";
import { useT } from "~/utils/use-i18n";

type Named = { code: string; name_ja: string; name_en: string };

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


/**
 * The filters of /postings with their counts: closed on small screens unless something is chosen (the results
 * come first), opened on wide screens.
 */
export function SearchFilters({
  query,
  facets,
  errors,
  categories,
  districts,
  startOpen,
  activeFilters,
  showClear,
}: {
  query: SearchQuery;
  facets: Facets;
  errors: Record<string, string[]>;
  categories: Named[];
  districts: Named[];
  startOpen: boolean;
  activeFilters: number;
  showClear: boolean;
}) {
  const t = useT();
  const filtersRef = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    if (filtersRef.current && window.matchMedia("(min-width: 1024px)").matches) filtersRef.current.open = true;
  }, []);
  return (
    <details ref={filtersRef} className="card h-fit space-y-4 [&[open]>summary]:mb-3" open={startOpen}>
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
        options={categories.map((c) => ({ value: c.code, label: pick(t.locale, c.name_ja, c.name_en), count: facets.category[c.code] ?? 0 }))}
      />
      <FacetGroup
        name="district"
        legend={t("browse.district")}
        selected={query.filters.districts ?? []}
        errors={errors.district}
        options={districts.map((d) => ({ value: d.code, label: pick(t.locale, d.name_ja, d.name_en), count: facets.district[d.code] ?? 0 }))}
      />
      <FacetGroup
        name="kind"
        legend={t("search.kind")}
        selected={query.filters.organisationKinds ?? []}
        errors={errors.kind}
        options={ORGANISATION_KINDS.map((k) => ({ value: k, label: t(`orgKind.${k}`), count: facets.organisationKind[k] ?? 0 })).filter(
          (o) => o.count > 0 || (query.filters.organisationKinds ?? []).includes(o.value),
        )}
      />
      <fieldset aria-describedby="day-error">
        <legend className="font-semibold">{t("search.day")}</legend>
        {(["", "weekday", "weekend"] as const).map((d) => (
          <label key={d} className="flex min-h-9 items-center gap-2">
            <input type="radio" name="day" value={d} defaultChecked={(query.filters.dayType ?? "") === d} className="size-5" />
            <span>{t(d === "" ? "search.dayAny" : d === "weekday" ? "search.weekday" : "search.weekend")}</span>
            {d ? <span className="ml-auto text-sm text-stone-600">{facets.dayType[d]}</span> : null}
          </label>
        ))}
        <FieldErrors id="day-error" errors={errors.day} />
      </fieldset>
      <label className="flex min-h-9 items-center gap-2 font-semibold">
        <input type="checkbox" name="minors" value="1" defaultChecked={query.filters.minorsWelcome === true} className="size-5" />
        {t("browse.minors")}
        <span className="ml-auto text-sm font-normal text-stone-600">{facets.minorsWelcome.yes}</span>
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
      {showClear ? (
        <Link to="/postings" className="btn-secondary w-full">
          {t("browse.clear")}
        </Link>
      ) : null}
      </div>
    </details>
  );
}
