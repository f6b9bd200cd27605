import { data, type LoaderFunctionArgs } from "@remix-run/node";
import { certificatePdf } from "~/modules/attendance/certificate-pdf.server";
import { certificateByCode } from "~/modules/attendance/certificates.server";
import { getDb } from "~/utils/db.server";
import { notFound } from "~/utils/http.server";
import { checkRateLimits } from "~/utils/rate-limit.server";
import { requestContext } from "~/utils/request.server";

/** The certificate's PDF (also at /certificates/<code>.pdf). Revoked ones still download, so the page and PDF agree. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const db = getDb();
  const ctx = requestContext(request, context);
  if (!(await checkRateLimits(db, [{ key: `certificate:ip:${ctx.ip}`, limit: 120, windowSeconds: 60 }]))) throw data({ message: "Too many requests" }, { status: 429 });
  const code = params.code ?? "";
  const view = await certificateByCode(db, code);
  if (!view.data) notFound();
  const pdf = await certificatePdf(view.data, `${ctx.origin}/certificates/${code}`);
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `inline; filename="certificate-${code}.pdf"`,
      "Cache-Control": "no-store",
      "X-Robots-Tag": "noindex, nofollow",
    },
  });
}
