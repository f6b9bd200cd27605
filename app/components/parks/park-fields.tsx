import { CheckboxGroup, Checkbox, Field, Select, TextArea } from "~/components/form";
import { FACILITIES } from "~/modules/parks/parks.vocabulary";
import type { FormFailure } from "~/utils/form";
import { useT } from "~/utils/use-i18n";

export interface ParkValues {
  code: string;
  name: string;
  name_kana: string;
  address: string;
  district_id: number | null;
  latitude: number | null;
  longitude: number | null;
  area_m2: number | null;
  facilities: string[];
  model_case: boolean;
  model_story: string;
}

/** The park's own fields, for staff. */
export function ParkFields({ values, districts, failure }: { values: ParkValues; districts: { id: number; name_ja: string; name_en: string }[]; failure?: FormFailure | null }) {
  const t = useT();
  return (
    <div className="space-y-1">
      <div className="grid gap-x-3 sm:grid-cols-2">
        <Field name="code" label={t("parks.f.code")} required maxLength={40} failure={failure} defaultValue={values.code} />
        <Field name="areaM2" label={t("parks.f.area")} type="number" inputMode="numeric" min={1} required failure={failure} defaultValue={values.area_m2} />
        <Field name="name" label={t("parks.f.parkName")} required maxLength={100} failure={failure} defaultValue={values.name} />
        <Field name="nameKana" label={t("parks.f.nameKana")} maxLength={100} failure={failure} defaultValue={values.name_kana} />
        <Field name="address" label={t("parks.f.address")} maxLength={200} failure={failure} defaultValue={values.address} />
        <Select name="districtId" label={t("parks.public.district")} failure={failure} defaultValue={values.district_id} options={districts.map((d) => ({ value: d.id, label: t.locale === "ja" ? d.name_ja : d.name_en }))} />
        <Field name="latitude" label={t("parks.f.latitude")} inputMode="decimal" failure={failure} defaultValue={values.latitude} />
        <Field name="longitude" label={t("parks.f.longitude")} inputMode="decimal" failure={failure} defaultValue={values.longitude} />
      </div>
      <CheckboxGroup name="facilities" legend={t("parks.f.facilities")} failure={failure} defaultValues={values.facilities} options={FACILITIES.map((f) => ({ value: f, label: t(`parks.facility.${f}`) }))} />
      <Checkbox name="modelCase" label={t("parks.f.modelCase")} failure={failure} defaultChecked={values.model_case} />
      <TextArea name="modelStory" label={t("parks.f.modelStory")} rows={4} maxLength={2000} failure={failure} defaultValue={values.model_story} />
    </div>
  );
}
