import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { SubmitButton } from "~/components/form";
import { PageHeader } from "~/components/ui";
import { importParksCsv, readParksCsvFile, type ImportProblem } from "~/modules/parks/import.server";
import { requirePermission } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { readFormDataWithFile } from "~/utils/form-body.server";
import { requestContext } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";
import { useT } from "~/utils/use-i18n";

export const meta: MetaFunction = () => [{ title: "公園の取り込み / Import parks | つなぐ八幡東" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "staff:access");
  return data(null, { headers: { "Cache-Control": "no-store" } });
}

/**
 * Every row is checked first; one bad row and nothing is written, with each problem and its line shown. A chosen
 * file (UTF-8 or Shift_JIS, read on the server so that it works without JavaScript) wins over the pasted text; on
 * a problem its text comes back in the box to be corrected there.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "staff:access");
  const { form, file } = await readFormDataWithFile(request, "file");
  const text = file ? readParksCsvFile(file) : form.get("csv");
  if (typeof text !== "string" || !text.trim()) return data({ problems: [{ line: 1, column: "row", message: "parks.import.empty" }] as ImportProblem[], text: "" }, { status: 400 });
  const result = await importParksCsv(getDb(), text, { userId: user.id, ip: requestContext(request, context).ip });
  if (result.status === "invalid") return data({ problems: result.problems as ImportProblem[], text }, { status: 400 });
  return redirectWithToast(request, "/staff/parks", { kind: "success", message: `parks.import.done?created=${result.created}&updated=${result.updated}` });
}

export default function ImportParks() {
  const failure = useActionData<typeof action>();
  const t = useT();
  return (
    <div className="space-y-6">
      <p>
        <Link to="/staff/parks">← {t("parks.staff.title")}</Link>
      </p>
      <PageHeader title={t("parks.import.title")} lead={t("parks.import.lead")} />
      {failure?.problems.length ? (
        <section role="alert" className="rounded-lg border-2 border-red-700 bg-red-50 p-3 text-red-900">
          <p className="font-semibold">{t("parks.import.problems", { count: failure.problems.length })}</p>
          <ul className="mt-1 list-disc pl-5">
            {failure.problems.map((p: ImportProblem, i: number) => (
              <li key={i}>
                {t("parks.import.line", { line: p.line })}
                {p.column !== "row" ? `（${p.column}）` : ""}: {t.message(p.message)}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <Form method="post" encType="multipart/form-data" className="card space-y-3">
        <label className="block">
          <span className="font-semibold">{t("parks.import.file")}</span>
          <input type="file" name="file" accept=".csv,text/csv" className="mt-1 block" />
        </label>
        <label className="block">
          <span className="font-semibold">{t("parks.import.text")}</span>
          <textarea name="csv" rows={12} className="input mt-1 font-mono text-sm" defaultValue={failure?.text ?? ""} />
        </label>
        <SubmitButton>{t("parks.import.submit")}</SubmitButton>
      </Form>
    </div>
  );
}
