import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { FormErrorSummary } from "~/components/form";
import { SelfTapSchema } from "~/modules/attendance/attendance.schema";
import { selfCheckInView, selfTap } from "~/modules/attendance/self-checkin.server";
import { requireUser } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { formatRange, formatTime } from "~/utils/format";
import { formFailure, parseForm } from "~/utils/form";
import { requestContext } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";
import { useT } from "~/utils/use-i18n";
import { readFormData } from "~/utils/form-body.server";

export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export const meta: MetaFunction = () => [{ title: "セルフチェックイン / Self check-in | つなぐ八幡東" }, { name: "robots", content: "noindex" }];

// Not signed in: requireUser sends the person to the login page, which returns them here afterwards.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const view = await selfCheckInView(getDb(), params.code ?? "", user.id);
  return data({ view, tapId: crypto.randomUUID() }, { headers: { "Cache-Control": "no-store" } });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const parsed = parseForm(SelfTapSchema, await readFormData(request));
  if (!parsed.success) return data(parsed.failure, { status: 400 });
  const result = await selfTap(getDb(), { code: params.code ?? "", userId: user.id, action: parsed.data.action, tapId: parsed.data.tapId, ip: requestContext(request, context).ip });
  if (result === "ok" || result === "duplicate")
    return redirectWithToast(request, new URL(request.url).pathname, { kind: "success", message: parsed.data.action === "present" ? "attendance.self.doneIn" : "attendance.self.doneOut" });
  return data(formFailure({ form: [`attendance.self.problem.${result}`] }), { status: 409 });
}

export default function SelfCheckIn() {
  const { view, tapId } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const t = useT();
  return (
    <div className="mx-auto max-w-md space-y-4">
      <h1 className="text-2xl font-bold">{t("attendance.self.title")}</h1>
      {view.kind === "unknown-code" ? null : (
        <p>
          <strong>{view.session.title}</strong>（{view.session.organisationName}）
          <br />
          {formatRange(view.session.startsAt, view.session.endsAt, t.locale)}
        </p>
      )}
      <FormErrorSummary failure={failure} />
      {view.kind === "ready" ? (
        <div className="space-y-3" data-testid="self-check-in">
          {view.checkedInAt && view.status !== "absent" ? (
            <p className="rounded bg-green-50 p-2 text-green-950">{t("attendance.self.checkedIn", { time: formatTime(view.checkedInAt) })}</p>
          ) : null}
          {view.checkedOutAt ? <p className="rounded bg-green-50 p-2 text-green-950">{t("attendance.self.checkedOut", { time: formatTime(view.checkedOutAt) })}</p> : null}
          <Form method="post">
            <input type="hidden" name="tapId" value={tapId} />
            {view.checkedInAt && view.status !== "absent" ? (
              <button type="submit" name="action" value="check_out" className="btn w-full py-4 text-lg">
                {t("attendance.self.checkOut")}
              </button>
            ) : (
              <button type="submit" name="action" value="present" className="btn w-full py-4 text-lg">
                {t("attendance.self.checkIn")}
              </button>
            )}
          </Form>
        </div>
      ) : (
        <p role="alert" className="rounded-lg border-2 border-amber-600 bg-amber-50 p-3 text-amber-950" data-testid="self-check-in-problem">
          {t(`attendance.self.problem.${view.kind}` as "attendance.self.problem.early")}
        </p>
      )}
    </div>
  );
}
