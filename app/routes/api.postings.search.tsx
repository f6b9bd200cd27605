import type { LoaderFunctionArgs } from "@remix-run/node";
import { configuredSearchEngine, searchPostings } from "#search/engine.server";
import { readSearchRequest } from "~/modules/search/search-request.server";
import { getDb } from "~/utils/db.server";
import { getLocale } from "~/utils/locale.server";
import { translateMessage } from "~/utils/translate";

/**
 * GET /api/postings/search — the same parameters as /postings, read the same way; JSON { hits, total, page,
 * pageSize, facets, engine }. Bad parameters: 400 with { errors: { param: [message] } } in the requested
 * language (?lang=en).
 *
 * The answer depends on the address and the language only (never on who asks), so it sets no Cache-Control of
 * its own: an anonymous search goes through the shared cache as /postings does (ADR 037), and the server's
 * `private, no-store` still marks it for a signed-in person.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const db = getDb();
  const locale = getLocale(request);
  const { parsed } = await readSearchRequest(db, new URL(request.url).searchParams);
  const headers = { "Access-Control-Allow-Origin": "*" };
  if (Object.keys(parsed.errors).length) {
    const errors = Object.fromEntries(Object.entries(parsed.errors).map(([k, v]) => [k, v.map((m) => translateMessage(locale, m))]));
    return Response.json({ errors }, { status: 400, headers });
  }
  const result = await searchPostings(db, parsed.query, { engine: configuredSearchEngine(db) });
  return Response.json(result, { headers });
}
