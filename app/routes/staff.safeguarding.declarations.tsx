import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { FieldErrors, FormErrorSummary } from "~/components/form";
import { EmptyState, PageHeader } from "~/components/ui";
import { DeclarationDecisionSchema } from "~/modules/safeguarding/declarations.schema";
import { decideDeclaration, listDeclarationsForStaff, type DeclarationFilter } from "~/modules/safeguarding/declarations.server";
import { requirePermission } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { formatDate } from "~/utils/format";
import { formFailure, parseForm } from "~/utils/form";
import { notFound } from "~/utils/http.server";
import { requestContext } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";
import { useT } from "~/utils/use-i18n";
import { readFormData } from "~/utils/form-body.server";

// A personal page: the loader's Cache-Control (no-store) applies to the page itself, not only to data requests.
export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export const meta: MetaFunction = () => [{ title: "責任者の申告 / Declarations | つなぐ八幡東" }];

const FILTERS: DeclarationFilter[] = ["pending", "confirmed", "rejected", "all"];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "staff:access");
  const requested = new URL(request.url).searchParams.get("status");
  const status: DeclarationFilter = FILTERS.includes(requested as DeclarationFilter) ? (requested as DeclarationFilter) : "pending";
  const { rows, counts } = await listDeclarationsForStaff(getDb(), status);
  return data({ status, rows, counts }, { headers: { "Cache-Control": "no-store" } });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const staff = await requirePermission(request, "staff:access");
  const parsed = parseForm(DeclarationDecisionSchema, await readFormData(request));
  if (!parsed.success) return data(parsed.failure, { status: 400 });
  const { declarationId, decision, comment } = parsed.data;
  const result = await decideDeclaration(getDb(), staff.id, declarationId, decision, comment, requestContext(request, context).ip);
  if (result === "not-found") notFound();
  if (result === "not-allowed") return data({ ...formFailure({ form: ["safeguarding.staff.error.notAllowed"] }), declarationId }, { status: 409 });
  return redirectWithToast(request, "/staff/safeguarding/declarations", { kind: "success", message: `safeguarding.staff.declarations.done.${decision}` });
}

const dateText = (date: string, locale: "ja" | "en") => formatDate(`${date}T12:00:00+09:00`, locale);

export default function StaffDeclarations() {
  const { status, rows, counts } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const t = useT();
  const failedId = failure && "declarationId" in failure ? failure.declarationId : Number(failure?.values?.declarationId ?? 0);
  return (
    <div className="space-y-6">
      <p>
        <Link to="/staff/safeguarding">← {t("safeguarding.staff.back")}</Link>
      </p>
      <PageHeader title={t("safeguarding.staff.declarations.title")} lead={t("safeguarding.staff.declarations.lead")} />
      <nav aria-label={t("safeguarding.staff.filter")} className="flex flex-wrap gap-2">
        {FILTERS.map((f) => (
          <Link
            key={f}
            to={`/staff/safeguarding/declarations?status=${f}`}
            aria-current={status === f ? "page" : undefined}
            className={status === f ? "btn" : "btn-secondary"}
          >
            {f === "all" ? t("safeguarding.staff.declarations.all") : `${t(`safeguarding.staff.declarations.status.${f}`)} (${counts[f] ?? 0})`}
          </Link>
        ))}
      </nav>
      {rows.length === 0 ? (
        <EmptyState title={t("safeguarding.staff.declarations.empty")} />
      ) : (
        <ul className="space-y-3" aria-label={t("safeguarding.staff.declarations.caption")}>
          {rows.map((d) => (
            <li key={d.id} className="card space-y-2">
              <dl className="grid gap-x-4 gap-y-1 sm:grid-cols-[10rem_1fr]">
                <dt className="font-semibold">{t("safeguarding.staff.declarations.person")}</dt>
                <dd>
                  {d.display_name || "—"} <span className="text-sm text-stone-700">{d.email}</span>
                </dd>
                <dt className="font-semibold">{t("safeguarding.staff.declarations.signedName")}</dt>
                <dd>{d.signed_name}</dd>
                <dt className="font-semibold">{t("safeguarding.staff.declarations.organisation")}</dt>
                <dd>{d.organisation_id ? <Link to={`/staff/organisations/${d.organisation_id}`}>{d.organisation_name}</Link> : "—"}</dd>
                <dt className="font-semibold">{t("safeguarding.staff.declarations.declaredOn")}</dt>
                <dd>
                  {dateText(d.declared_on, t.locale)}（{t("safeguarding.declaration.codeTitle", { version: d.code_version })}）
                </dd>
                <dt className="font-semibold">{t("safeguarding.staff.declarations.validUntil")}</dt>
                <dd>{dateText(d.valid_until, t.locale)}</dd>
                <dt className="font-semibold">{t("safeguarding.staff.declarations.status")}</dt>
                <dd>
                  {t(`safeguarding.staff.declarations.status.${d.status}`)}
                  {d.decision_comment ? <span className="block whitespace-pre-line text-sm">{d.decision_comment}</span> : null}
                </dd>
              </dl>
              {d.status === "pending" ? (
                <Form method="post" className="space-y-2 border-t border-stone-200 pt-2" aria-label={`${t("safeguarding.staff.declarations.decide")}: ${d.display_name}`}>
                  {failedId === d.id ? <FormErrorSummary failure={failure} /> : null}
                  <input type="hidden" name="declarationId" value={d.id} />
                  <label htmlFor={`comment-${d.id}`} className="block font-semibold">
                    {t("safeguarding.staff.declarations.rejectComment")}
                  </label>
                  <textarea id={`comment-${d.id}`} name="comment" rows={2} maxLength={1000} className="input" aria-describedby={`comment-${d.id}-error`} />
                  <FieldErrors id={`comment-${d.id}-error`} errors={failedId === d.id ? failure?.errors.comment : undefined} />
                  <div className="flex flex-wrap gap-2">
                    <button type="submit" name="decision" value="confirm" className="btn">
                      {t("safeguarding.staff.declarations.confirm")}
                    </button>
                    <button type="submit" name="decision" value="reject" className="btn-secondary">
                      {t("safeguarding.staff.declarations.reject")}
                    </button>
                  </div>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
