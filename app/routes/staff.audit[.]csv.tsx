import type { LoaderFunctionArgs } from "@remix-run/node";
import { exportAuditLog } from "~/modules/audit/audit-export.server";
import { parseAuditParams } from "~/modules/concerns/audit-search.server";
import { requirePermission } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { invariantResponse } from "~/utils/http.server";
import { getLocale } from "~/utils/locale.server";
import { requestContext } from "~/utils/request.server";

/** The audit log's entries under the page's filters, as CSV; the export is itself recorded in the log. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "staff:access");
  const { query, errors, values } = parseAuditParams(new URL(request.url).searchParams);
  // A filter the page would flag beside its field exports nothing (the page says what is wrong).
  invariantResponse(Object.keys(errors).length === 0, "Bad filter", { status: 400 });
  const body = await exportAuditLog(getDb(), query, values, { userId: user.id, ip: requestContext(request, context).ip }, getLocale(request));
  const day = new Date(Date.now() + 9 * 3600_000).toISOString().slice(0, 10);
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="audit-log-${day}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
