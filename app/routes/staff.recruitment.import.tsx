import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { SubmitButton } from "~/components/form";
import { RecruitmentNav } from "~/components/recruitment-nav";
import { PageHeader } from "~/components/ui";
import type { SeatsCsvProblem } from "~/modules/recruitment/seats-csv";
import { importSeats } from "~/modules/recruitment/seats.server";
import { requirePermission } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { readFormDataWithFile } from "~/utils/form-body.server";
import { requestContext } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";
import { useT } from "~/utils/use-i18n";

export const meta: MetaFunction = () => [{ title: "定数のCSV読み込み / Import seats | つなぐ八幡東" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "staff:access");
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "staff:access");
  const { file } = await readFormDataWithFile(request, "file");
  if (!file) return data({ problems: [{ line: 0, column: "", message: "recruitment.import.noFile" }] as SeatsCsvProblem[] }, { status: 400 });
  const result = await importSeats(getDb(), file, user.id, requestContext(request, context).ip);
  if (result.status === "invalid") return data({ problems: result.problems }, { status: 400 });
  return redirectWithToast(request, "/staff/recruitment", { kind: "success", message: `recruitment.import.done?count=${result.saved}` });
}

export default function ImportSeats() {
  const result = useActionData<typeof action>();
  const t = useT();
  const problems: SeatsCsvProblem[] = result?.problems ?? [];
  return (
    <div className="space-y-6">
      <PageHeader title={t("recruitment.import.title")} lead={t("recruitment.import.lead")} />
      <RecruitmentNav />
      {problems.length ? (
        <div role="alert" className="rounded-lg border-2 border-red-700 bg-red-50 p-3 text-red-900" data-testid="import-problems">
          <p className="font-semibold">{t("recruitment.import.problems", { count: problems.length })}</p>
          <ul className="list-disc pl-6">
            {problems.map((p, i) => (
              <li key={i}>
                {p.line > 0 ? `${t("recruitment.import.line", { line: p.line })} ` : ""}
                {p.column ? `${p.column}: ` : ""}
                {t.message(p.message)}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <Form method="post" encType="multipart/form-data" className="card space-y-3">
        <label className="block font-semibold" htmlFor="f-file">
          {t("recruitment.import.file")}
        </label>
        <input id="f-file" type="file" name="file" accept=".csv,text/csv" className="block" />
        <SubmitButton>{t("recruitment.import.submit")}</SubmitButton>
      </Form>
    </div>
  );
}
