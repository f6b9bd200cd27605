import { Form } from "@remix-run/react";
import { Field, Select, SubmitButton } from "~/components/form";
import { ACTIVITY_KINDS } from "~/modules/parks/parks.vocabulary";
import type { FormFailure } from "~/utils/form";
import { useT } from "~/utils/use-i18n";

/** Recording an activity from a phone: the date is today, the usual choice first; five taps and a number. */
export function ActivityForm({ today, failure, submissionKey }: { today: string; failure?: FormFailure | null; submissionKey: string }) {
  const t = useT();
  return (
    <Form method="post" className="space-y-1" aria-labelledby="log-heading">
      <input type="hidden" name="intent" value="log" />
      <input type="hidden" name="submissionKey" value={submissionKey} />
      <div className="grid grid-cols-2 gap-x-3">
        <Field name="date" label={t("parks.f.date")} type="date" required max={today} failure={failure} defaultValue={today} />
        <Select name="kind" label={t("parks.f.kind")} required failure={failure} defaultValue="weeding" options={ACTIVITY_KINDS.map((k) => ({ value: k, label: t(`parks.kind.${k}`) }))} />
        <Field name="people" label={t("parks.f.people")} type="number" inputMode="numeric" min={1} max={1000} required failure={failure} />
        <Field name="viaSite" label={t("parks.f.viaSite")} type="number" inputMode="numeric" min={0} max={1000} failure={failure} defaultValue={0} />
        <Field name="hours" label={t("parks.f.hours")} hint={t("parks.f.hoursHint")} type="number" inputMode="decimal" step="0.25" min={0.25} max={24} required failure={failure} />
        <Field name="note" label={t("parks.f.note")} failure={failure} maxLength={200} />
      </div>
      <SubmitButton name="intent" value="log">
        {t("parks.f.save")}
      </SubmitButton>
    </Form>
  );
}
