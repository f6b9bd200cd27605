import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { SubmitButton } from "~/components/form";
import { EmptyState, PageHeader } from "~/components/ui";
import { SupporterDecisionSchema } from "~/modules/parks/parks.schema";
import { decideSupporter, supportersForStaff } from "~/modules/parks/supporters.server";
import { requirePermission } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { parseForm } from "~/utils/form";
import { readFormData } from "~/utils/form-body.server";
import { notFound } from "~/utils/http.server";
import { requestContext } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";
import { useT } from "~/utils/use-i18n";

export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;
export const meta: MetaFunction = () => [{ title: "公園応援団 / Park supporters | つなぐ八幡東" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "staff:access");
  return data({ supporters: await supportersForStaff(getDb()) }, { headers: { "Cache-Control": "no-store" } });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "staff:access");
  const parsed = parseForm(SupporterDecisionSchema, await readFormData(request));
  if (!parsed.success) return data(parsed.failure, { status: 400 });
  if (!(await decideSupporter(getDb(), parsed.data.supporterId, parsed.data.decision, { userId: user.id, ip: requestContext(request, context).ip }))) notFound();
  return redirectWithToast(request, "/staff/parks/supporters", { kind: "success", message: "parks.supporters.decided" });
}

export default function StaffSupporters() {
  const { supporters } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div className="space-y-6">
      <p>
        <Link to="/staff/parks">← {t("parks.staff.title")}</Link>
      </p>
      <PageHeader title={t("parks.supporters.title")} />
      {supporters.length === 0 ? <EmptyState title={t("parks.supporters.empty")} /> : null}
      <ul className="space-y-3">
        {supporters.map((s) => (
          <li key={s.id} className="card">
            <p className="font-semibold">
              {s.name}（{t(`parks.supporterKind.${s.kind}`)}）→ <Link to={`/parks/${s.park_id}`}>{s.park_name}</Link> · {t(`parks.supporters.status.${s.status}`)}
            </p>
            <p className="whitespace-pre-line">{s.offer}</p>
            <p className="text-sm text-stone-700">
              {s.contact_name} · {s.contact_email}
              {s.contact_phone ? ` · ${s.contact_phone}` : ""}
            </p>
            {s.status === "pending" ? (
              <Form method="post" className="mt-2 flex gap-2">
                <input type="hidden" name="supporterId" value={s.id} />
                <SubmitButton name="decision" value="approve">
                  {t("parks.supporters.approve")}
                </SubmitButton>
                <SubmitButton name="decision" value="decline" className="btn-secondary">
                  {t("parks.supporters.decline")}
                </SubmitButton>
              </Form>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
