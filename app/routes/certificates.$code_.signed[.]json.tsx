import { data, type LoaderFunctionArgs } from "@remix-run/node";
import { certificateByCode } from "~/modules/attendance/certificates.server";
import { certificateText } from "~/modules/attendance/certificate.rules";
import { getDb } from "~/utils/db.server";
import { notFound } from "~/utils/http.server";
import { checkRateLimits } from "~/utils/rate-limit.server";
import { requestContext } from "~/utils/request.server";

/**
 * The signed data itself, for checking offline: `payload` is the exact UTF-8 text that was signed (canonical
 * JSON), `signature` its Ed25519 signature (base64url), `keyId` names the key at the well-known URL.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const db = getDb();
  const ctx = requestContext(request, context);
  if (!(await checkRateLimits(db, [{ key: `certificate:ip:${ctx.ip}`, limit: 120, windowSeconds: 60 }]))) throw data({ message: "Too many requests" }, { status: 429 });
  const view = await certificateByCode(db, params.code ?? "");
  if (!view.data) notFound();
  const body = { payload: certificateText(view.data), signature: view.signature, keyId: view.data.keyId, alg: "Ed25519", keys: `${ctx.origin}/.well-known/certificate-keys.json` };
  return new Response(JSON.stringify(body, null, 2), {
    headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store", "X-Robots-Tag": "noindex, nofollow" },
  });
}
