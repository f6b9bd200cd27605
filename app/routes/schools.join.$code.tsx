import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { PageHeader } from "~/components/ui";
import { formatJoinCode, normaliseJoinCode } from "~/modules/schools/schools.rules";
import { findJoinCode, requestAffiliation } from "~/modules/schools/schools.server";
import { requireUser } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { checkRateLimits } from "~/utils/rate-limit.server";
import { requestContext } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";
import { useT } from "~/utils/use-i18n";

/** The link or code a coordinator handed out: which school it is, and asking to join it. */

export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export const meta: MetaFunction = () => [{ title: "学校に参加する / Join your school | つなぐ八幡東" }, { name: "referrer", content: "no-referrer" }];

/** Looking codes up is limited per person, so that nobody can try codes until one names a school. */
const JOIN_LIMITS = (userId: number) => [{ key: `school-join:user:${userId}`, limit: 20, windowSeconds: 15 * 60 }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  if (!(await checkRateLimits(getDb(), JOIN_LIMITS(user.id))))
    return data({ state: "too-many" as const, schoolName: null, code: null }, { status: 429, headers: { "Cache-Control": "no-store" } });
  const code = normaliseJoinCode(params.code);
  const found = code ? await findJoinCode(getDb(), code) : { state: "unknown" as const };
  const status = found.state === "open" ? 200 : found.state === "expired" ? 410 : 404;
  return data(
    { state: found.state, schoolName: "schoolName" in found ? found.schoolName : null, code: code ? formatJoinCode(code) : null },
    { status, headers: { "Cache-Control": "no-store" } },
  );
}

const MESSAGES = {
  unknown: "schools.join.unknown",
  expired: "schools.join.expired",
  "already-member": "schools.join.already",
  "other-school": "schools.join.otherSchool",
  "is-coordinator": "schools.join.isCoordinator",
} as const;

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  if (!(await checkRateLimits(getDb(), JOIN_LIMITS(user.id)))) return redirectWithToast(request, "/schools/join", { kind: "error", message: "schools.join.tooMany" });
  const code = normaliseJoinCode(params.code);
  const result = code ? await requestAffiliation(getDb(), user.id, code, requestContext(request, context).ip) : "unknown";
  if (result === "ok") return redirectWithToast(request, "/schools/join", { kind: "success", message: "schools.done.requested" });
  return redirectWithToast(request, "/schools/join", { kind: "error", message: MESSAGES[result] });
}

export default function JoinWithCode() {
  const { state, schoolName, code } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div className="mx-auto max-w-xl space-y-4">
      <PageHeader title={t("schools.join.title")} />
      <div className="card space-y-3">
        {state === "open" ? (
          <>
            <p>{t("schools.join.confirm", { school: schoolName ?? "" })}</p>
            <p className="text-sm text-stone-700">{t("schools.join.confirmExplain")}</p>
            <p className="text-sm text-stone-700">{t("attendance.school.joinNote")}</p>
            <Form method="post">
              <button type="submit" className="btn">
                {t("schools.join.button", { code: code ?? "" })}
              </button>
            </Form>
          </>
        ) : (
          <>
            <p>{t(state === "expired" ? "schools.join.expired" : state === "too-many" ? "schools.join.tooMany" : "schools.join.unknown")}</p>
            <p>
              <Link to="/schools/join">{t("schools.join.tryAgain")}</Link>
            </p>
          </>
        )}
      </div>
    </div>
  );
}
