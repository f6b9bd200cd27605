import type { LoaderFunctionArgs } from "@remix-run/node";
import { feedFor } from "~/modules/calendar/calendar.server";
import { getDb } from "~/utils/db.server";
import { requestContext } from "~/utils/request.server";

/**
 * A person's private calendar feed, /calendar/<token>.ics: no session (calendar apps have none), the token is
 * the key. Never cached by anyone, never sent on as a referrer, never indexed.
 */
const PRIVATE = { "Cache-Control": "private, no-store", "Referrer-Policy": "no-referrer", "X-Robots-Tag": "noindex, nofollow" };

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const match = /^([A-Za-z0-9_-]{43})\.ics$/.exec(params.feed ?? "");
  const ics = match ? await feedFor(getDb(), match[1], requestContext(request, context).origin) : null;
  if (!ics) return new Response("404 Not found", { status: 404, headers: { ...PRIVATE, "Content-Type": "text/plain; charset=utf-8" } });
  return new Response(ics, {
    headers: { ...PRIVATE, "Content-Type": "text/calendar; charset=utf-8", "Content-Disposition": 'inline; filename="tsunagu.ics"' },
  });
}
