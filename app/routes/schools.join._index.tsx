import { data, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Field, FormErrorSummary } from "~/components/form";
import { PageHeader } from "~/components/ui";
import { JoinCodeSchema } from "~/modules/schools/schools.schema";
import { leaveSchool, myAffiliation } from "~/modules/schools/schools.server";
import { requireUser } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { formatDate } from "~/utils/format";
import { parseForm } from "~/utils/form";
import { requestContext } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";
import { useT } from "~/utils/use-i18n";
import { readFormData } from "~/utils/form-body.server";

/** A student's school: which one they belong to (or wait for), entering a join code, leaving. */

export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export const meta: MetaFunction = () => [{ title: "学校に参加する / Join your school | つなぐ八幡東" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const affiliation = await myAffiliation(getDb(), user.id);
  return data({ affiliation }, { headers: { "Cache-Control": "no-store" } });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await readFormData(request);
  if (formData.get("intent") === "leave") {
    await leaveSchool(getDb(), user.id, requestContext(request, context).ip);
    return redirectWithToast(request, "/schools/join", { kind: "success", message: "schools.done.left" });
  }
  const parsed = parseForm(JoinCodeSchema, formData);
  if (!parsed.success) return data(parsed.failure, { status: 400 });
  // The code's own page says which school it is before the student asks to join.
  throw redirect(`/schools/join/${parsed.data.code}`);
}

export default function JoinSchool() {
  const { affiliation } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const t = useT();
  const active = affiliation && (affiliation.status === "pending" || affiliation.status === "approved") ? affiliation : null;
  return (
    <div className="mx-auto max-w-xl space-y-4">
      <PageHeader title={t("schools.join.title")} lead={t("schools.join.lead")} />
      <p className="text-sm">{t("attendance.school.joinNote")}</p>
      {active ? (
        <section aria-labelledby="mine" className="card space-y-2">
          <h2 id="mine">{t("schools.join.yours")}</h2>
          <p>
            {t(active.status === "approved" ? "schools.mine.approved" : "schools.mine.pending", { school: active.school_name })}
            {active.status === "approved" && active.decided_at ? `（${formatDate(active.decided_at, t.locale)}）` : null}
          </p>
          <details className="rounded-lg border border-stone-300 p-2">
            <summary className="cursor-pointer font-semibold">{t(active.status === "approved" ? "schools.join.leave" : "schools.join.cancel")}</summary>
            <Form method="post" className="mt-2 space-y-2">
              <input type="hidden" name="intent" value="leave" />
              <p>{t("schools.join.leaveExplain")}</p>
              <button type="submit" className="btn-danger">
                {t(active.status === "approved" ? "schools.join.leave" : "schools.join.cancel")}
              </button>
            </Form>
          </details>
        </section>
      ) : (
        <section aria-labelledby="code-heading" className="card space-y-2">
          <h2 id="code-heading">{t("schools.join.enterCode")}</h2>
          <Form method="post" className="space-y-2" noValidate>
            <FormErrorSummary failure={failure} />
            <Field name="code" label={t("schools.join.code")} hint={t("schools.join.codeHint")} failure={failure} required maxLength={20} autoComplete="off" />
            <button type="submit" className="btn">
              {t("schools.join.next")}
            </button>
          </Form>
        </section>
      )}
    </div>
  );
}
