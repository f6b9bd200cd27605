import type { LoaderFunctionArgs } from "@remix-run/node";
import { signingKey, publicKeySet } from "~/modules/attendance/signing-key.server";
import { getDb } from "~/utils/db.server";
import { env } from "~/utils/env.server";

/** The public keys that verify certificates (JSON Web Key Set, Ed25519). Old keys stay listed. */
export async function loader(_args: LoaderFunctionArgs) {
  const db = getDb();
  await signingKey(db, env().CERTIFICATE_SIGNING_KEY);
  return new Response(JSON.stringify(await publicKeySet(db), null, 2), {
    headers: { "Content-Type": "application/jwk-set+json; charset=utf-8", "Cache-Control": "public, max-age=3600", "Access-Control-Allow-Origin": "*" },
  });
}
