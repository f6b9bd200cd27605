import type { LoaderFunctionArgs } from "@remix-run/node";
import { ORGANISATION_KINDS } from "~/vocabulary";
import { configuredSearchEngine, searchPostings } from "#search/engine.server";
import { parseSearchParams } from "#search/query";
import { listCategories, listDistricts, listPlaces } from "~/modules/catalogue/catalogue.server";
import { getDb } from "~/utils/db.server";
import { getLocale } from "~/utils/locale.server";
import { translateMessage } from "~/utils/translate";

/**
 * GET /api/postings/search — the same parameters as /postings; JSON { hits, total, page, pageSize, facets, engine }.
 * Bad parameters: 400 with { errors: { param: [message] } } in the requested language (?lang=en).
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const db = getDb();
  const locale = getLocale(request);
  const [categories, districts, places] = await Promise.all([listCategories(db, { activeOnly: true }), listDistricts(db), listPlaces(db, { activeOnly: true })]);
  const parsed = parseSearchParams(new URL(request.url).searchParams, {
    categories: categories.map((c) => c.code),
    districts: districts.map((d) => d.code),
    kinds: [...ORGANISATION_KINDS],
  });
  if (parsed.placeId !== null) {
    const place = places.find((p) => p.id === parsed.placeId && p.latitude !== null && p.longitude !== null);
    if (place) parsed.query.near = { lat: place.latitude!, lng: place.longitude! };
    else (parsed.errors.near ??= []).push("search.nearInvalid");
  }
  const headers = { "Cache-Control": "no-store", "Access-Control-Allow-Origin": "*" };
  if (Object.keys(parsed.errors).length) {
    const errors = Object.fromEntries(Object.entries(parsed.errors).map(([k, v]) => [k, v.map((m) => translateMessage(locale, m))]));
    return Response.json({ errors }, { status: 400, headers });
  }
  const result = await searchPostings(db, parsed.query, { engine: configuredSearchEngine(db) });
  return Response.json(result, { headers });
}
