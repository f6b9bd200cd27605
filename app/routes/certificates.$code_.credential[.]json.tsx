import { data, type LoaderFunctionArgs } from "@remix-run/node";
import { openBadge } from "~/modules/attendance/certificates.server";
import { getDb } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { notFound } from "~/utils/http.server";
import { checkRateLimits } from "~/utils/rate-limit.server";
import { requestContext } from "~/utils/request.server";

/** The certificate as an Open Badges 3.0 verifiable credential (JSON with an eddsa-jcs-2022 proof). */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const db = getDb();
  const ctx = requestContext(request, context);
  if (!(await checkRateLimits(db, [{ key: `certificate:ip:${ctx.ip}`, limit: 120, windowSeconds: 60 }]))) throw data({ message: "Too many requests" }, { status: 429 });
  const badge = await openBadge(db, params.code ?? "", ctx.origin, env().CERTIFICATE_SIGNING_KEY);
  if (!badge) notFound();
  return new Response(JSON.stringify(badge, null, 2), {
    headers: {
      "Content-Type": "application/vc+ld+json; charset=utf-8",
      "Content-Disposition": `attachment; filename="certificate-${params.code}.json"`,
      "Cache-Control": "no-store",
      "X-Robots-Tag": "noindex, nofollow",
    },
  });
}
