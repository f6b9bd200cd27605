import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { countChannelVisit } from "~/modules/recruitment/campaigns.server";
import { getDb } from "~/utils/db.server";
import { notFound } from "~/utils/http.server";

/**
 * A campaign channel's short link (printed under its QR code): counts the visit and opens /minsei with the
 * channel's code, so a hand raised from there is counted for it. No cookie, address or time is kept.
 */
export async function loader({ params }: LoaderFunctionArgs) {
  const code = (params.code ?? "").toLowerCase();
  if (!(await countChannelVisit(getDb(), code))) notFound();
  return redirect(`/minsei?c=${code}`, { headers: { "Cache-Control": "no-store" } });
}
