import { Form } from "@remix-run/react";
import type { FormFailure } from "~/utils/form";
import { pick } from "~/utils/pick";
import { useT } from "~/utils/use-i18n";
import { Checkbox, Field, FieldErrors, FormErrorSummary, Select, SubmitButton, TextArea } from "./form";

export interface ShiftRow {
  id: string;
  date: string;
  start: string;
  end: string;
  capacity: string;
}

export interface PostingFormDefaults {
  title?: string;
  description?: string;
  categoryId?: number;
  tags?: string;
  districtId?: number | null;
  placeId?: number | null;
  placeName?: string;
  placeAddress?: string;
  latitude?: number | null;
  longitude?: number | null;
  minimumAge?: number | null;
  welcomesMinors?: boolean;
  applicationMode?: "auto" | "review";
  whatToBring?: string;
  meetingPoint?: string;
  contactName?: string;
  shifts?: ShiftRow[];
}

interface Lists {
  categories: { id: number; name_ja: string; name_en: string }[];
  districts: { id: number; name_ja: string; name_en: string }[];
  places: { id: number; kind: string; name_ja: string; name_en: string }[];
}

const EXTRA_ROWS = 2;

function rowsFrom(failure: FormFailure | null | undefined, defaults: ShiftRow[]): ShiftRow[] {
  if (!failure) return defaults;
  const get = (name: string) => {
    const v = failure.values[name];
    return Array.isArray(v) ? v : v === undefined ? [] : [v];
  };
  const dates = get("shiftDate");
  const starts = get("shiftStart");
  const ends = get("shiftEnd");
  const caps = get("shiftCapacity");
  const ids = get("shiftId");
  return dates.map((date, i) => ({ id: ids[i] ?? "", date, start: starts[i] ?? "", end: ends[i] ?? "", capacity: caps[i] ?? "" }));
}

/**
 * The posting form. Works without JavaScript: a few blank shift rows are always offered, and "add rows"
 * sends the form back with more.
 */
export function PostingForm({
  failure,
  defaults = {},
  lists,
  submissionKey,
  submitLabel,
  extraRows = EXTRA_ROWS,
}: {
  failure?: FormFailure | null;
  defaults?: PostingFormDefaults;
  lists: Lists;
  submissionKey?: string;
  submitLabel: string;
  extraRows?: number;
}) {
  const t = useT();
  const filled = rowsFrom(failure, defaults.shifts ?? []).filter((r) => r.date || r.start || r.end || r.capacity || r.id);
  const rows = [...filled, ...Array.from({ length: Math.max(extraRows, filled.length ? 1 : 3) }, () => ({ id: "", date: "", start: "", end: "", capacity: "" }))];
  const placeLabel = (kind: string) => t(`placeKind.${kind as "civic_centre"}`);
  return (
    <Form method="post" className="space-y-6" noValidate>
      <FormErrorSummary failure={failure} />
      {submissionKey ? <input type="hidden" name="submissionKey" value={submissionKey} /> : null}
      <fieldset className="card space-y-2">
        <legend className="text-lg font-bold">{t("postingForm.about")}</legend>
        <Field name="title" label={t("postingForm.title")} hint={t("postingForm.titleHint")} defaultValue={defaults.title} required maxLength={80} failure={failure} />
        <TextArea name="description" label={t("postingForm.description")} hint={t("postingForm.descriptionHint")} defaultValue={defaults.description} required rows={8} maxLength={4000} failure={failure} />
        <Select
          name="categoryId"
          label={t("postingForm.category")}
          defaultValue={defaults.categoryId}
          required
          options={lists.categories.map((c) => ({ value: c.id, label: pick(t.locale, c.name_ja, c.name_en) }))}
          failure={failure}
        />
        <Field name="tags" label={t("postingForm.tags")} hint={t("postingForm.tagsHint")} defaultValue={defaults.tags} maxLength={300} failure={failure} />
      </fieldset>

      <fieldset className="card space-y-2">
        <legend className="text-lg font-bold">{t("postingForm.where")}</legend>
        <Select
          name="districtId"
          label={t("postingForm.district")}
          defaultValue={defaults.districtId}
          required
          options={lists.districts.map((d) => ({ value: d.id, label: pick(t.locale, d.name_ja, d.name_en) }))}
          failure={failure}
        />
        <Select
          name="placeId"
          label={t("postingForm.place")}
          hint={t("postingForm.placeHint")}
          defaultValue={defaults.placeId}
          placeholder={t("postingForm.placeOther")}
          options={lists.places.map((p) => ({ value: p.id, label: `${pick(t.locale, p.name_ja, p.name_en)}（${placeLabel(p.kind)}）` }))}
          failure={failure}
        />
        <div className="grid gap-2 sm:grid-cols-2">
          <Field name="placeName" label={t("postingForm.placeName")} defaultValue={defaults.placeName} maxLength={100} failure={failure} />
          <Field name="placeAddress" label={t("postingForm.placeAddress")} defaultValue={defaults.placeAddress} maxLength={200} failure={failure} />
          <Field name="latitude" label={t("postingForm.latitude")} hint={t("postingForm.coordinatesHint")} inputMode="decimal" defaultValue={defaults.latitude} failure={failure} />
          <Field name="longitude" label={t("postingForm.longitude")} inputMode="decimal" defaultValue={defaults.longitude} failure={failure} />
        </div>
        <TextArea name="meetingPoint" label={t("meetingPoint.label")} hint={t("meetingPoint.hint")} defaultValue={defaults.meetingPoint} rows={2} maxLength={300} failure={failure} />
      </fieldset>

      <fieldset className="card space-y-2">
        <legend className="text-lg font-bold">{t("postingForm.when")}</legend>
        <p className="text-sm text-stone-700">{t("postingForm.whenHint")}</p>
        <p className="text-sm text-stone-700">{t("postingForm.shiftChangesHint")}</p>
        <div className="space-y-3">
          {rows.map((row, i) => (
            <fieldset key={i} className="rounded-lg border border-stone-200 p-3" aria-describedby={`f-shift-${i}-error`}>
              <legend className="px-1 font-semibold">{t("postingForm.shift", { n: i + 1 })}</legend>
              <input type="hidden" name="shiftId" value={row.id} />
              <div className="grid grid-cols-2 gap-2 sm:grid-cols-4">
                <label className="block">
                  <span className="text-sm font-semibold">{t("postingForm.date")}</span>
                  <input type="date" name="shiftDate" defaultValue={row.date} className="input" aria-invalid={failure?.errors[`shift-${i}`] ? true : undefined} />
                </label>
                <label className="block">
                  <span className="text-sm font-semibold">{t("postingForm.start")}</span>
                  <input type="time" name="shiftStart" defaultValue={row.start} className="input" step={300} />
                </label>
                <label className="block">
                  <span className="text-sm font-semibold">{t("postingForm.end")}</span>
                  <input type="time" name="shiftEnd" defaultValue={row.end} className="input" step={300} />
                </label>
                <label className="block">
                  <span className="text-sm font-semibold">{t("postingForm.capacity")}</span>
                  <input type="number" name="shiftCapacity" defaultValue={row.capacity} min={1} max={1000} inputMode="numeric" className="input" />
                </label>
              </div>
              <FieldErrors id={`f-shift-${i}-error`} errors={failure?.errors[`shift-${i}`]} />
            </fieldset>
          ))}
        </div>
        <button type="submit" name="intent" value="add-rows" className="btn-secondary" formNoValidate>
          {t("postingForm.addRows")}
        </button>
      </fieldset>

      <fieldset className="card space-y-2">
        <legend className="text-lg font-bold">{t("postingForm.who")}</legend>
        <Field name="minimumAge" type="number" label={t("postingForm.minimumAge")} hint={t("postingForm.minimumAgeHint")} defaultValue={defaults.minimumAge} min={0} max={100} inputMode="numeric" failure={failure} />
        <Checkbox name="welcomesMinors" label={t("postingForm.welcomesMinors")} hint={t("postingForm.welcomesMinorsHint")} defaultChecked={defaults.welcomesMinors} failure={failure} />
        <Select
          name="applicationMode"
          label={t("postingForm.applicationMode")}
          hint={t("postingForm.applicationModeHint")}
          defaultValue={defaults.applicationMode ?? "auto"}
          options={[
            { value: "auto", label: t("applications.mode.auto") },
            { value: "review", label: t("applications.mode.review") },
          ]}
          required
          failure={failure}
        />
        <TextArea name="whatToBring" label={t("postingForm.whatToBring")} defaultValue={defaults.whatToBring} rows={3} maxLength={500} failure={failure} />
        <Field name="contactName" label={t("postingForm.contactName")} hint={t("postingForm.contactNameHint")} defaultValue={defaults.contactName} required maxLength={60} failure={failure} />
      </fieldset>

      <SubmitButton name="intent" value="save">
        {submitLabel}
      </SubmitButton>
    </Form>
  );
}
