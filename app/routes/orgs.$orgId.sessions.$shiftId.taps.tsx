import type { ActionFunctionArgs } from "@remix-run/node";
import { recordGroupTap } from "~/modules/attendance/attendance.server";
import { TapSchema } from "~/modules/attendance/attendance.schema";
import { getDb } from "~/utils/db.server";
import { parseForm } from "~/utils/form";
import { requireAttendanceRecorder } from "~/utils/group-access.server";
import { requireIdParam } from "~/utils/http.server";
import { requestContext } from "~/utils/request.server";
import { readFormData } from "~/utils/form-body.server";

const STATUS: Record<string, number> = { ok: 200, duplicate: 200, "not-found": 404, locked: 409 };

/** Taps sent by the check-in page's queue (JavaScript): JSON in, JSON out; the page itself handles form posts. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const orgId = requireIdParam(params.orgId);
  const shiftId = requireIdParam(params.shiftId);
  const { user } = await requireAttendanceRecorder(request, orgId);
  const parsed = parseForm(TapSchema, await readFormData(request));
  if (!parsed.success) return Response.json({ result: "invalid", errors: parsed.failure.errors }, { status: 400, headers: { "Cache-Control": "no-store" } });
  const result = await recordGroupTap(getDb(), { organisationId: orgId, shiftId, form: parsed.data, actorUserId: user.id, ip: requestContext(request, context).ip });
  return Response.json({ result }, { status: STATUS[result] ?? 422, headers: { "Cache-Control": "no-store" } });
}
