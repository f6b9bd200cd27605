import type { LoaderFunctionArgs } from "@remix-run/node";
import { exportSeats } from "~/modules/recruitment/seats.server";
import { requirePermission } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { requestContext } from "~/utils/request.server";

/** The seat board as CSV (UTF-8 with a BOM so that Excel opens the Japanese as it is); the export is audited. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "staff:access");
  const text = await exportSeats(getDb(), user.id, requestContext(request, context).ip);
  return new Response(text, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="minsei-seats.csv"; filename*=UTF-8''${encodeURIComponent("民生委員定数.csv")}`,
      "Cache-Control": "no-store",
    },
  });
}
