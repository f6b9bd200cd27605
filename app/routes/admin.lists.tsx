import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { PLACE_KINDS } from "~/vocabulary";
import { FieldErrors } from "~/components/form";
import { PageHeader } from "~/components/ui";
import { CategorySchema, DistrictSchema, PlaceSchema } from "~/modules/admin/admin.schema";
import { saveCategory, saveDistrict, savePlace } from "~/modules/admin/admin.server";
import { listCategories, listDistricts, listPlaces } from "~/modules/catalogue/catalogue.server";
import { requirePermission } from "~/utils/auth.server";
import { audit } from "~/utils/audit.server";
import { getDb } from "~/utils/db.server";
import { formFailure, parseForm, type FormFailure } from "~/utils/form";
import { requestContext } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";
import { useT } from "~/utils/use-i18n";
import { readFormData } from "~/utils/form-body.server";

export const meta: MetaFunction = () => [{ title: "一覧の管理 / Lists | つなぐ八幡東" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "manage:lists");
  const db = getDb();
  const [districts, categories, places] = await Promise.all([listDistricts(db), listCategories(db), listPlaces(db)]);
  return { districts, categories, places };
}

const SCHEMAS = { district: DistrictSchema, category: CategorySchema, place: PlaceSchema } as const;

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = await requirePermission(request, "manage:lists");
  const formData = await readFormData(request);
  const entity = formData.get("entity");
  if (entity !== "district" && entity !== "category" && entity !== "place") return data({ ...formFailure({ form: ["v.invalid"] }), target: "" }, { status: 400 });
  const target = `${entity}-${formData.get("id") || "new"}`;
  const parsed = parseForm(SCHEMAS[entity], formData);
  if (!parsed.success) return data({ ...parsed.failure, target }, { status: 400 });
  const db = getDb();
  const result =
    entity === "district"
      ? await saveDistrict(db, parsed.data as never)
      : entity === "category"
        ? await saveCategory(db, parsed.data as never)
        : await savePlace(db, parsed.data as never);
  if (result === "duplicate") return data({ ...formFailure({ code: ["admin.duplicateCode"] }), target }, { status: 400 });
  if (result === "not-found") return data({ ...formFailure({ form: ["v.choice"] }), target }, { status: 400 });
  await audit(db, { actorUserId: admin.id, action: `admin.${entity}_saved`, subjectType: entity, subjectId: String(formData.get("id") || "new"), ip: requestContext(request, context).ip });
  return redirectWithToast(request, "/admin/lists", { kind: "success", message: "admin.saved" });
}

function RowErrors({ failure, target }: { failure: (FormFailure & { target: string }) | undefined; target: string }) {
  if (!failure || failure.target !== target) return null;
  return <FieldErrors id={`${target}-errors`} errors={Object.values(failure.errors).flat()} />;
}

function Input({ name, label, defaultValue, type = "text", className = "" }: { name: string; label: string; defaultValue?: string | number | null; type?: string; className?: string }) {
  return (
    <label className={`block ${className}`}>
      <span className="text-sm font-semibold">{label}</span>
      <input name={name} type={type} defaultValue={defaultValue ?? ""} className="input" step={type === "number" ? "any" : undefined} />
    </label>
  );
}

export default function Lists() {
  const { districts, categories, places } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const t = useT();
  return (
    <div className="space-y-8">
      <p>
        <Link to="/admin">← {t("admin.title")}</Link>
      </p>
      <PageHeader title={t("admin.lists")} lead={t("admin.listsLead")} />

      <section aria-labelledby="districts-h" className="space-y-2">
        <h2 id="districts-h">{t("admin.districts")}</h2>
        {[...districts, null].map((d) => (
          <Form key={d?.id ?? "new"} method="post" className="card grid items-end gap-2 sm:grid-cols-[1fr_1fr_1fr_6rem_auto]">
            <input type="hidden" name="entity" value="district" />
            {d ? <input type="hidden" name="id" value={d.id} /> : null}
            <Input name="code" label={t("admin.code")} defaultValue={d?.code} />
            <Input name="nameJa" label={t("admin.nameJa")} defaultValue={d?.name_ja} />
            <Input name="nameEn" label={t("admin.nameEn")} defaultValue={d?.name_en} />
            <Input name="sortOrder" label={t("admin.sortOrder")} type="number" defaultValue={d?.sort_order} />
            <button type="submit" className={d ? "btn-secondary" : "btn"}>{d ? t("common.save") : t("admin.add")}</button>
            <div className="sm:col-span-5">
              <RowErrors failure={failure} target={`district-${d?.id ?? "new"}`} />
            </div>
          </Form>
        ))}
      </section>

      <section aria-labelledby="categories-h" className="space-y-2">
        <h2 id="categories-h">{t("admin.categories")}</h2>
        {[...categories, null].map((c) => (
          <Form key={c?.id ?? "new"} method="post" className="card grid items-end gap-2 sm:grid-cols-[1fr_1fr_1fr_6rem_auto_auto]">
            <input type="hidden" name="entity" value="category" />
            {c ? <input type="hidden" name="id" value={c.id} /> : null}
            <Input name="code" label={t("admin.code")} defaultValue={c?.code} />
            <Input name="nameJa" label={t("admin.nameJa")} defaultValue={c?.name_ja} />
            <Input name="nameEn" label={t("admin.nameEn")} defaultValue={c?.name_en} />
            <Input name="sortOrder" label={t("admin.sortOrder")} type="number" defaultValue={c?.sort_order} />
            {c ? (
              <label className="flex min-h-11 items-center gap-2">
                <input type="checkbox" name="active" value="on" defaultChecked={c.active} className="size-5" />
                {t("admin.active")}
              </label>
            ) : (
              <span />
            )}
            <button type="submit" className={c ? "btn-secondary" : "btn"}>{c ? t("common.save") : t("admin.add")}</button>
            <div className="sm:col-span-6">
              <RowErrors failure={failure} target={`category-${c?.id ?? "new"}`} />
            </div>
          </Form>
        ))}
      </section>

      <section aria-labelledby="places-h" className="space-y-2">
        <h2 id="places-h">{t("admin.places")}</h2>
        {[...places, null].map((p) => (
          <Form key={p?.id ?? "new"} method="post" className="card grid items-end gap-2 sm:grid-cols-4">
            <input type="hidden" name="entity" value="place" />
            {p ? <input type="hidden" name="id" value={p.id} /> : null}
            <label className="block">
              <span className="text-sm font-semibold">{t("admin.kind")}</span>
              <select name="kind" defaultValue={p?.kind ?? "civic_centre"} className="input">
                {PLACE_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {t(`placeKind.${k}`)}
                  </option>
                ))}
              </select>
            </label>
            <Input name="nameJa" label={t("admin.nameJa")} defaultValue={p?.name_ja} />
            <Input name="nameEn" label={t("admin.nameEn")} defaultValue={p?.name_en} />
            <label className="block">
              <span className="text-sm font-semibold">{t("org.district")}</span>
              <select name="districtId" defaultValue={p?.district_id ?? ""} className="input">
                <option value="">—</option>
                {districts.map((d) => (
                  <option key={d.id} value={d.id}>
                    {d.name_ja}
                  </option>
                ))}
              </select>
            </label>
            <Input name="address" label={t("postingForm.placeAddress")} defaultValue={p?.address} className="sm:col-span-2" />
            <Input name="latitude" label={t("postingForm.latitude")} type="number" defaultValue={p?.latitude} />
            <Input name="longitude" label={t("postingForm.longitude")} type="number" defaultValue={p?.longitude} />
            <Input name="note" label={t("admin.note")} defaultValue={p?.note} className="sm:col-span-2" />
            {p ? (
              <label className="flex min-h-11 items-center gap-2">
                <input type="checkbox" name="active" value="on" defaultChecked={p.active} className="size-5" />
                {t("admin.active")}
              </label>
            ) : (
              <span />
            )}
            <button type="submit" className={p ? "btn-secondary" : "btn"}>{p ? t("common.save") : t("admin.add")}</button>
            <div className="sm:col-span-4">
              <RowErrors failure={failure} target={`place-${p?.id ?? "new"}`} />
            </div>
          </Form>
        ))}
      </section>
    </div>
  );
}
