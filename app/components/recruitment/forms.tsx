import { CheckboxGroup, Field, Select } from "~/components/form";
import type { FormFailure } from "~/utils/form";
import { useT } from "~/utils/use-i18n";

type District = { id: number; name_ja: string; name_en: string };

/** A campaign's fields, for creating one and for editing it (the same names the schema reads). */
export function CampaignFields({
  districts,
  failure,
  values,
}: {
  districts: District[];
  failure?: FormFailure | null;
  values?: { name: string; message: string; starts_on: string; ends_on: string; goal_seats: number; goal_on: string | null; district_ids: number[] };
}) {
  const t = useT();
  const en = t.locale === "en";
  return (
    <>
      <Field name="name" label={t("recruitment.campaigns.name")} required maxLength={100} failure={failure} defaultValue={values?.name} />
      <Field name="message" label={t("recruitment.campaigns.message")} maxLength={300} failure={failure} defaultValue={values?.message} />
      <div className="grid gap-3 sm:grid-cols-2">
        <Field name="startsOn" type="date" label={t("recruitment.campaigns.startsOn")} required failure={failure} defaultValue={values?.starts_on} />
        <Field name="endsOn" type="date" label={t("recruitment.campaigns.endsOn")} required failure={failure} defaultValue={values?.ends_on} />
        <Field name="goalSeats" label={t("recruitment.campaigns.goalSeats")} inputMode="numeric" failure={failure} defaultValue={values?.goal_seats} />
        <Field name="goalOn" type="date" label={t("recruitment.campaigns.goalOn")} failure={failure} defaultValue={values?.goal_on} />
      </div>
      <CheckboxGroup
        name="districtIds"
        legend={t("recruitment.campaigns.districts")}
        failure={failure}
        defaultValues={values?.district_ids.map(String)}
        options={districts.map((d) => ({ value: String(d.id), label: en ? d.name_en : d.name_ja }))}
      />
    </>
  );
}

/** A 担当区域's fields, for the seat board's form and an area's edit page. */
export function AreaFields({
  districts,
  failure,
  values,
}: {
  districts: District[];
  failure?: FormFailure | null;
  values?: { districtId: number; name: string; seats: number; serving: number; households: number; termEndsOn: string | null; intendContinue: number; intendLeave: number; intendUndecided: number };
}) {
  const t = useT();
  const en = t.locale === "en";
  return (
    <>
      <Select name="districtId" label={t("recruitment.staff.district")} required failure={failure} defaultValue={values?.districtId} options={districts.map((d) => ({ value: d.id, label: en ? d.name_en : d.name_ja }))} />
      <Field name="name" label={t("recruitment.staff.area")} required maxLength={100} failure={failure} defaultValue={values?.name} />
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        <Field name="seats" label={t("recruitment.staff.seats")} required inputMode="numeric" failure={failure} defaultValue={values?.seats} />
        <Field name="serving" label={t("recruitment.staff.serving")} required inputMode="numeric" failure={failure} defaultValue={values?.serving} />
        <Field name="households" label={t("recruitment.staff.households")} inputMode="numeric" failure={failure} defaultValue={values?.households} />
        <Field name="termEndsOn" type="date" label={t("recruitment.staff.termEnds")} failure={failure} defaultValue={values?.termEndsOn} />
        <Field name="intendContinue" label={t("recruitment.staff.intendContinue")} inputMode="numeric" failure={failure} defaultValue={values?.intendContinue} />
        <Field name="intendLeave" label={t("recruitment.staff.intendLeave")} inputMode="numeric" failure={failure} defaultValue={values?.intendLeave} />
        <Field name="intendUndecided" label={t("recruitment.staff.intendUndecided")} inputMode="numeric" failure={failure} defaultValue={values?.intendUndecided} />
      </div>
    </>
  );
}
