import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Field, FormErrorSummary, Select, SubmitButton } from "~/components/form";
import { AssociationFields } from "~/components/parks/association-form";
import { ParkFields } from "~/components/parks/park-fields";
import { TrendChart } from "~/components/parks/trend-chart";
import { PageHeader } from "~/components/ui";
import { listDistricts } from "~/modules/catalogue/catalogue.server";
import { AssociationSchema, ParkSchema, SnapshotSchema } from "~/modules/parks/parks.schema";
import { getParkRecord, parkCareOrganisations, saveAssociation, saveSnapshot, updatePark } from "~/modules/parks/registry.server";
import { requirePermission } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { formFailure, formDataToObject, parseForm } from "~/utils/form";
import { readFormData } from "~/utils/form-body.server";
import { notFound, requireIdParam } from "~/utils/http.server";
import { requestContext } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";
import { useT } from "~/utils/use-i18n";
import { toDbId } from "~/utils/zod-number";

export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.record.park.name ?? ""} | 公園愛護会 / Park-care | つなぐ八幡東` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "staff:access");
  const db = getDb();
  const record = await getParkRecord(db, requireIdParam(params.id));
  if (!record) notFound();
  const [districts, organisations] = await Promise.all([listDistricts(db), parkCareOrganisations(db)]);
  return data({ record, districts, organisations }, { headers: { "Cache-Control": "no-store" } });
}

/** Staff keep the park, its association (and which organisation on the site it is) and its yearly figures. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "staff:access");
  const parkId = requireIdParam(params.id);
  const formData = await readFormData(request);
  const intent = formData.get("intent");
  const db = getDb();
  const actor = { userId: user.id, ip: requestContext(request, context).ip };
  const back = `/staff/parks/${parkId}`;
  const values = formDataToObject(formData).values;
  if (intent === "association") {
    const parsed = parseForm(AssociationSchema, formData);
    if (!parsed.success) return data({ form: "association" as const, ...parsed.failure }, { status: 400 });
    const raw = formData.get("organisationId");
    const organisationId = raw === "" || raw === null ? null : toDbId(raw);
    if (organisationId === null && raw) return data({ form: "association" as const, ...formFailure({ organisationId: ["parks.v.organisation"] }, values) }, { status: 400 });
    const result = await saveAssociation(db, parkId, parsed.data, actor, { organisationId });
    if (result === "not-found") notFound();
    if (result === "bad-organisation") return data({ form: "association" as const, ...formFailure({ organisationId: ["parks.v.organisation"] }, values) }, { status: 400 });
    return redirectWithToast(request, back, { kind: "success", message: "parks.staff.associationSaved" });
  }
  if (intent === "snapshot") {
    const parsed = parseForm(SnapshotSchema, formData);
    if (!parsed.success) return data({ form: "snapshot" as const, ...parsed.failure }, { status: 400 });
    if (!(await getParkRecord(db, parkId))?.association) notFound();
    await saveSnapshot(db, parkId, parsed.data);
    return redirectWithToast(request, back, { kind: "success", message: "parks.staff.snapshotSaved" });
  }
  const parsed = parseForm(ParkSchema, formData);
  if (!parsed.success) return data({ form: "park" as const, ...parsed.failure }, { status: 400 });
  const result = await updatePark(db, parkId, parsed.data, actor);
  if (result.status === "not-found") notFound();
  if (result.status === "duplicate-code") return data({ form: "park" as const, ...formFailure({ code: ["parks.v.duplicateCode"] }, values) }, { status: 400 });
  if (result.status === "bad-district") return data({ form: "park" as const, ...formFailure({ districtId: ["v.choice"] }, values) }, { status: 400 });
  return redirectWithToast(request, back, { kind: "success", message: "parks.staff.parkSaved" });
}

export default function StaffPark() {
  const { record, districts, organisations } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const t = useT();
  const f = (form: string) => (failure?.form === form ? failure : null);
  const { park, association, snapshots } = record;
  return (
    <div className="space-y-6">
      <p>
        <Link to="/staff/parks">← {t("parks.staff.title")}</Link>
      </p>
      <PageHeader title={park.name} lead={<Link to={`/parks/${park.id}`}>/parks/{park.id}</Link>} />

      <section aria-labelledby="association-heading" className="card">
        <h2 id="association-heading">{t("parks.page.association")}</h2>
        <FormErrorSummary failure={f("association")} />
        <Form method="post">
          <Select
            name="organisationId"
            label={t("parks.f.organisation")}
            failure={f("association")}
            defaultValue={association?.organisation_id}
            placeholder={t("parks.f.organisationNone")}
            options={organisations.map((o) => ({ value: o.id, label: o.name }))}
          />
          <AssociationFields values={association} failure={f("association")} />
          <SubmitButton name="intent" value="association">
            {t("common.save")}
          </SubmitButton>
        </Form>
      </section>

      {association ? (
        <section aria-labelledby="snapshots-heading" className="card">
          <h2 id="snapshots-heading">{t("parks.staff.snapshots")}</h2>
          <TrendChart rows={snapshots.map((s) => ({ year: s.year, members: s.member_count, newMembers: s.new_members, members75: s.members_75_plus, associations: 1 }))} />
          <FormErrorSummary failure={f("snapshot")} />
          <Form method="post" className="mt-3 grid grid-cols-2 gap-x-3 sm:grid-cols-4">
            <Field name="year" label={t("parks.f.year")} type="number" inputMode="numeric" required failure={f("snapshot")} />
            <Field name="memberCount" label={t("parks.f.memberCount")} type="number" inputMode="numeric" min={0} required failure={f("snapshot")} />
            <Field name="newMembers" label={t("parks.f.newMembers")} type="number" inputMode="numeric" min={0} failure={f("snapshot")} />
            <Field name="members75Plus" label={t("parks.f.members75")} type="number" inputMode="numeric" min={0} failure={f("snapshot")} />
            <div className="col-span-2 sm:col-span-4">
              <SubmitButton name="intent" value="snapshot">
                {t("parks.staff.saveSnapshot")}
              </SubmitButton>
            </div>
          </Form>
        </section>
      ) : null}

      <section aria-labelledby="park-heading" className="card">
        <h2 id="park-heading">{t("parks.staff.edit")}</h2>
        <FormErrorSummary failure={f("park")} />
        <Form method="post">
          <ParkFields values={park} districts={districts} failure={f("park")} />
          <SubmitButton name="intent" value="park">
            {t("common.save")}
          </SubmitButton>
        </Form>
      </section>
    </div>
  );
}
