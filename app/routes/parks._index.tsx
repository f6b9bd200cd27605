import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSubmit } from "@remix-run/react";
import { useRef } from "react";
import { DistrictFilter } from "~/components/parks/district-filter";
import { PageHeader } from "~/components/ui";
import { listDistricts } from "~/modules/catalogue/catalogue.server";
import { ParkBrowseSchema } from "~/modules/parks/parks.schema";
import { browseParks, nearChoices } from "~/modules/parks/public.server";
import { getDb } from "~/utils/db.server";
import { formatDate } from "~/utils/format";
import { useMyLocation } from "~/components/use-my-location";
import { useT } from "~/utils/use-i18n";

export const meta: MetaFunction = () => [{ title: "公園と公園愛護会 / Parks | つなぐ八幡東" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams;
  const query = ParkBrowseSchema.parse({ q: params.get("q") ?? undefined, district: params.get("district") ?? undefined, near: params.get("near") ?? undefined });
  const db = getDb();
  const [result, districts, places] = await Promise.all([browseParks(db, query), listDistricts(db), nearChoices(db)]);
  return data({ ...result, query, districts, places });
}

export default function Parks() {
  const { parks, origin, query, districts, places } = useLoaderData<typeof loader>();
  const t = useT();
  const submit = useSubmit();
  const formRef = useRef<HTMLFormElement>(null);
  const { canLocate, locating, locate } = useMyLocation(formRef, (formData) => submit(formData, { method: "get", action: "/parks" }));
  const placeNear = query.near?.startsWith("place:") ? query.near : "";
  return (
    <div className="space-y-6">
      <PageHeader title={t("parks.public.title")} lead={t("parks.public.lead")} />
      <Form ref={formRef} method="get" className="card grid gap-3 sm:grid-cols-4 sm:items-end" role="search">
        <label className="block sm:col-span-2">
          <span className="font-semibold">{t("parks.public.search")}</span>
          <input name="q" type="search" className="input mt-1" defaultValue={query.q ?? ""} maxLength={60} />
        </label>
        <DistrictFilter districts={districts} value={query.district} />
        <label className="block">
          <span className="font-semibold">{t("parks.public.near")}</span>
          <select name="near" className="input mt-1" defaultValue={placeNear}>
            <option value="">{t("parks.public.nearNone")}</option>
            {places.map((p) => (
              <option key={p.id} value={`place:${p.id}`}>
                {t.locale === "ja" || !p.name_en ? p.name_ja : p.name_en}
              </option>
            ))}
          </select>
        </label>
        <div className="flex flex-wrap gap-2 sm:col-span-4">
          <button type="submit" className="btn">
            {t("parks.public.submit")}
          </button>
          {canLocate ? (
            <button type="button" className="btn-secondary" onClick={locate} aria-disabled={locating === "busy" || undefined}>
              {locating === "busy" ? t("parks.public.locating") : t("parks.public.useLocation")}
            </button>
          ) : null}
        </div>
        {locating === "failed" ? (
          <p role="alert" className="text-sm text-red-700 sm:col-span-4">
            {t("parks.public.locationFailed")}
          </p>
        ) : null}
      </Form>

      <p role="status">
        {t("parks.public.count", { count: parks.length })}
        {origin ? ` · ${origin.name ? t("parks.public.nearFrom", { place: origin.name }) : t("parks.public.nearHere")}` : ""}
      </p>
      {parks.length === 0 ? <p>{t("parks.public.empty")}</p> : null}
      <ul className="grid gap-3 sm:grid-cols-2">
        {parks.map((p) => (
          <li key={p.id} className="card">
            <h2 className="text-lg">
              <Link to={`/parks/${p.id}`}>{p.name}</Link>
              {p.modelCase ? <span className="badge ml-2 bg-green-100 text-green-900">{t("parks.public.modelCase")}</span> : null}
            </h2>
            <p className="text-sm text-stone-700">
              {[t.locale === "ja" ? p.districtJa : p.districtEn, p.address, p.distanceKm !== null ? t("parks.public.distance", { km: p.distanceKm }) : null].filter(Boolean).join(" · ")}
            </p>
            <p>
              {p.association ? `${p.association.name}（${t(`parks.status.${p.association.status}`)}）` : t("parks.status.none")}
              {p.association?.meetingDay && p.association.status !== "paused" ? ` · ${t("parks.public.meets", { when: [p.association.meetingDay, p.association.meetingTime].filter(Boolean).join(" ") })}` : ""}
            </p>
            <p className="text-sm">
              {p.next ? (
                <Link to={`/postings/${p.next.id}`}>{t("parks.public.next", { title: p.next.title, date: formatDate(p.next.startsAt, t.locale) })}</Link>
              ) : (
                t("parks.public.noNext")
              )}
            </p>
          </li>
        ))}
      </ul>
    </div>
  );
}
