import { Form } from "@remix-run/react";
import { ORGANISATION_KINDS } from "~/vocabulary";
import type { FormFailure } from "~/utils/form";
import { pick } from "~/utils/pick";
import { useT } from "~/utils/use-i18n";
import { Field, FormErrorSummary, Select, SubmitButton, TextArea } from "./form";

export interface OrganisationFormDefaults {
  name?: string;
  name_kana?: string;
  kind?: string;
  district_id?: number | null;
  description?: string;
  contact_name?: string;
  contact_email?: string;
  contact_phone?: string;
  website?: string;
}

export function OrganisationForm({
  failure,
  defaults = {},
  districts,
  submissionKey,
  submitLabel,
}: {
  failure?: FormFailure | null;
  defaults?: OrganisationFormDefaults;
  districts: { id: number; name_ja: string; name_en: string }[];
  submissionKey?: string;
  submitLabel: string;
}) {
  const t = useT();
  return (
    <Form method="post" className="card space-y-2" noValidate>
      <FormErrorSummary failure={failure} />
      {submissionKey ? <input type="hidden" name="submissionKey" value={submissionKey} /> : null}
      <Field name="name" label={t("org.name")} defaultValue={defaults.name} required maxLength={100} failure={failure} />
      <Field name="nameKana" label={t("org.nameKana")} defaultValue={defaults.name_kana} maxLength={150} failure={failure} />
      <Select
        name="kind"
        label={t("org.kind")}
        defaultValue={defaults.kind}
        required
        options={ORGANISATION_KINDS.map((k) => ({ value: k, label: t(`orgKind.${k}`) }))}
        failure={failure}
      />
      <Select
        name="districtId"
        label={t("org.district")}
        defaultValue={defaults.district_id}
        options={districts.map((d) => ({ value: d.id, label: pick(t.locale, d.name_ja, d.name_en) }))}
        failure={failure}
      />
      <TextArea name="description" label={t("org.description")} hint={t("org.descriptionHint")} defaultValue={defaults.description} required maxLength={2000} failure={failure} />
      <Field name="contactName" label={t("org.contactName")} defaultValue={defaults.contact_name} required maxLength={60} failure={failure} />
      <Field name="contactEmail" type="email" label={t("org.contactEmail")} defaultValue={defaults.contact_email} required autoComplete="email" failure={failure} />
      <Field name="contactPhone" type="tel" label={t("org.contactPhone")} hint={t("org.contactPhoneHint")} defaultValue={defaults.contact_phone} autoComplete="tel" failure={failure} />
      <Field name="website" type="url" label={t("org.website")} defaultValue={defaults.website} failure={failure} />
      <SubmitButton>{submitLabel}</SubmitButton>
    </Form>
  );
}
