import type { LoaderFunctionArgs } from "@remix-run/node";
import { exportParksCsv } from "~/modules/parks/import.server";
import { requirePermission } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";

/** The registry as CSV (UTF-8 with a BOM for Excel). No representative contacts: the file travels. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "staff:access");
  const body = await exportParksCsv(getDb());
  return new Response(body, {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": 'attachment; filename="parks.csv"', "Cache-Control": "no-store" },
  });
}
