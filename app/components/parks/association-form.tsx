import { Field, Select, TextArea } from "~/components/form";
import { AGE_BANDS, ASSOCIATION_STATUSES } from "~/modules/parks/parks.vocabulary";
import type { FormFailure } from "~/utils/form";
import { useT } from "~/utils/use-i18n";

export interface AssociationValues {
  name: string;
  founded_on: string | null;
  representative_name: string;
  representative_phone: string;
  representative_email: string;
  status: string;
  member_count: number;
  members_under_40: number;
  members_40_64: number;
  members_65_74: number;
  members_75_plus: number;
  officers_under_40: number;
  officers_40_64: number;
  officers_65_74: number;
  officers_75_plus: number;
  meeting_day: string;
  meeting_time: string;
  activities: string;
  how_to_join: string;
}

/** The association's record: the same fields for staff and for the association itself. */
export function AssociationFields({ values, failure }: { values: AssociationValues | null; failure?: FormFailure | null }) {
  const t = useT();
  const v = values;
  const bandRow = (prefix: "members" | "officers") => (
    <fieldset className="mt-2">
      <legend className="font-semibold">{t(prefix === "members" ? "parks.f.members" : "parks.f.officers")}</legend>
      <div className="grid grid-cols-2 gap-x-3 sm:grid-cols-4">
        {AGE_BANDS.map((b) => (
          <Field key={b} name={`${prefix}_${b}`} label={t(`parks.band.${b}`)} type="number" inputMode="numeric" min={0} failure={failure} defaultValue={v ? v[`${prefix}_${b}` as keyof AssociationValues] : 0} />
        ))}
      </div>
    </fieldset>
  );
  return (
    <div className="space-y-1">
      <Field name="name" label={t("parks.f.name")} required failure={failure} defaultValue={v?.name} maxLength={100} />
      <div className="grid gap-x-3 sm:grid-cols-2">
        <Select name="status" label={t("parks.f.status")} required failure={failure} defaultValue={v?.status ?? "active"} options={ASSOCIATION_STATUSES.map((s) => ({ value: s, label: t(`parks.status.${s}`) }))} />
        <Field name="foundedOn" label={t("parks.f.founded")} type="date" failure={failure} defaultValue={v?.founded_on} />
      </div>
      <Field name="memberCount" label={t("parks.f.memberCount")} type="number" inputMode="numeric" min={0} required failure={failure} defaultValue={v?.member_count ?? 0} />
      {bandRow("members")}
      {bandRow("officers")}
      <div className="grid gap-x-3 sm:grid-cols-2">
        <Field name="meetingDay" label={t("parks.f.meetingDay")} hint={t("parks.f.meetingDayHint")} failure={failure} defaultValue={v?.meeting_day} maxLength={60} />
        <Field name="meetingTime" label={t("parks.f.meetingTime")} hint={t("parks.f.meetingTimeHint")} failure={failure} defaultValue={v?.meeting_time} maxLength={60} />
      </div>
      <TextArea name="activities" label={t("parks.f.activities")} rows={3} maxLength={1000} failure={failure} defaultValue={v?.activities} />
      <TextArea name="howToJoin" label={t("parks.f.howToJoin")} rows={3} maxLength={1000} failure={failure} defaultValue={v?.how_to_join} />
      <fieldset className="rounded-lg border border-stone-300 p-3">
        <legend className="px-1 font-semibold">{t("parks.f.representative")}</legend>
        <Field name="representativeName" label={t("parks.f.representativeName")} failure={failure} defaultValue={v?.representative_name} maxLength={60} />
        <div className="grid gap-x-3 sm:grid-cols-2">
          <Field name="representativePhone" label={t("parks.f.representativePhone")} type="tel" inputMode="tel" failure={failure} defaultValue={v?.representative_phone} maxLength={30} />
          <Field name="representativeEmail" label={t("parks.f.representativeEmail")} type="email" failure={failure} defaultValue={v?.representative_email} maxLength={200} />
        </div>
      </fieldset>
    </div>
  );
}
