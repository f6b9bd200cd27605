import type { LoaderFunctionArgs } from "@remix-run/node";
import { applicationCalendar } from "~/modules/calendar/calendar.server";
import { requireUser } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { requireIdParam } from "~/utils/http.server";
import { requestContext } from "~/utils/request.server";

/** One shift of the signed-in person as an .ics file (their own applications only; 404 for anyone else's). */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const applicationId = requireIdParam(params.applicationId);
  const { origin, locale } = requestContext(request, context);
  const ics = await applicationCalendar(getDb(), user.id, applicationId, origin, locale);
  if (!ics) return new Response("404 Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "private, no-store" } });
  return new Response(ics, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `attachment; filename="tsunagu-${applicationId}.ics"`,
      "Cache-Control": "private, no-store",
    },
  });
}
