import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { RecruitmentNav } from "~/components/recruitment-nav";
import { FormErrorSummary, SubmitButton } from "~/components/form";
import { AreaFields } from "~/components/recruitment/forms";
import { PageHeader } from "~/components/ui";
import { formatRate } from "~/modules/recruitment/figures.rules";
import { AreaSchema } from "~/modules/recruitment/recruitment.schema";
import { saveArea, seatBoard } from "~/modules/recruitment/seats.server";
import { listDistricts } from "~/modules/recruitment/settings.server";
import { requirePermission } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { formDataToObject, formFailure, parseForm } from "~/utils/form";
import { readFormData } from "~/utils/form-body.server";
import { requestContext } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";
import { useT } from "~/utils/use-i18n";

export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;
export const meta: MetaFunction = () => [{ title: "民生委員の定数と欠員 / Commissioner seats | つなぐ八幡東" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "staff:access");
  const db = getDb();
  const [board, districts] = await Promise.all([seatBoard(db), listDistricts(db)]);
  return data({ board, districts }, { headers: { "Cache-Control": "no-store" } });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "staff:access");
  const formData = await readFormData(request);
  const parsed = parseForm(AreaSchema, formData);
  if (!parsed.success) return data(parsed.failure, { status: 400 });
  const result = await saveArea(getDb(), parsed.data, user.id, requestContext(request, context).ip);
  if (result === "unknown-district") return data(formFailure({ districtId: ["v.choice"] }, formDataToObject(formData).values), { status: 400 });
  return redirectWithToast(request, "/staff/recruitment", { kind: "success", message: "recruitment.staff.areaSaved" });
}

export default function SeatBoardPage() {
  const { board, districts } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const t = useT();
  const en = t.locale === "en";
  return (
    <div className="space-y-6">
      <PageHeader title={t("recruitment.staff.title")} lead={t("recruitment.staff.lead")} />
      <RecruitmentNav />
      <section className="card grid grid-cols-2 gap-2 sm:grid-cols-4" aria-label={t("recruitment.staff.ward")}>
        <p>
          {t("recruitment.staff.seats")}: <strong>{board.ward.seats}</strong>
        </p>
        <p>
          {t("recruitment.staff.serving")}: <strong data-testid="ward-serving">{board.ward.serving}</strong>
        </p>
        <p>
          {t("recruitment.staff.vacant")}: <strong>{board.ward.vacant}</strong>
        </p>
        <p>
          {t("recruitment.staff.rate")}: <strong data-testid="ward-rate">{formatRate(board.ward.rate)}</strong>
        </p>
      </section>
      <section className="card space-y-1">
        <h2 className="font-bold">{t("recruitment.staff.forecastTitle")}</h2>
        <p>{t("recruitment.staff.forecast", { now: board.forecast.vacantNow, min: board.forecast.atLeast, max: board.forecast.atMost })}</p>
      </section>
      <p className="flex flex-wrap gap-2">
        <a href="/staff/recruitment/seats.csv" className="btn-secondary" download>
          {t("recruitment.staff.export")}
        </a>
        <Link to="/staff/recruitment/import" className="btn-secondary">
          {t("recruitment.staff.import")}
        </Link>
      </p>
      {board.districts.length === 0 ? (
        <p>{t("recruitment.staff.empty")}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm" data-testid="seat-board">
            <thead>
              <tr>
                <th scope="col">{t("recruitment.staff.district")} / {t("recruitment.staff.area")}</th>
                <th scope="col">{t("recruitment.staff.seats")}</th>
                <th scope="col">{t("recruitment.staff.serving")}</th>
                <th scope="col">{t("recruitment.staff.vacant")}</th>
                <th scope="col">{t("recruitment.staff.rate")}</th>
                <th scope="col">{t("recruitment.staff.households")}</th>
                <th scope="col">{t("recruitment.staff.termEnds")}</th>
                <th scope="col">{t("recruitment.staff.intentions")}</th>
              </tr>
            </thead>
            {board.districts.map((d) => (
              <tbody key={d.districtId} data-district={d.districtJa}>
                <tr className={d.vacant > 0 ? "bg-amber-50 font-semibold" : "font-semibold"}>
                  <th scope="row">{en ? d.districtEn : d.districtJa}</th>
                  <td>{d.seats}</td>
                  <td>{d.serving}</td>
                  <td>{d.vacant}</td>
                  <td data-testid={`rate-${d.districtId}`}>{formatRate(d.rate)}</td>
                  <td colSpan={3} />
                </tr>
                {d.areas.map((a) => (
                  <tr key={a.id}>
                    <td className="pl-4">
                      <Link to={`/staff/recruitment/areas/${a.id}`}>{a.name}</Link>
                    </td>
                    <td>{a.seats}</td>
                    <td>{a.serving}</td>
                    <td>{a.seats - a.serving}</td>
                    <td />
                    <td>{a.households}</td>
                    <td>{a.termEndsOn ?? ""}</td>
                    <td>
                      {a.intendContinue} / {a.intendLeave} / {a.intendUndecided}
                    </td>
                  </tr>
                ))}
              </tbody>
            ))}
          </table>
        </div>
      )}
      <Form method="post" className="card space-y-3" noValidate>
        <h2 className="font-bold">{t("recruitment.staff.areaFormTitle")}</h2>
        <p className="text-sm">{t("recruitment.staff.areaFormHint")}</p>
        <FormErrorSummary failure={failure} />
        <AreaFields districts={districts} failure={failure} />
        <SubmitButton>{t("recruitment.staff.saveArea")}</SubmitButton>
      </Form>
    </div>
  );
}
