import type { FormFailure } from "~/utils/form";
import { useT } from "~/utils/use-i18n";
import { Field } from "./form";

/**
 * The guardian's name, relationship and email, as a minor gives them: on the apply panel and in My activities.
 * What was typed comes back after an error; otherwise the guardian named before, if any.
 */
export function GuardianFields({ failure, guardian }: { failure: FormFailure | null | undefined; guardian: { name: string; relationship: string; email: string } | null | undefined }) {
  const t = useT();
  const value = (name: string, fallback: string) => (typeof failure?.values[name] === "string" ? (failure.values[name] as string) : fallback);
  return (
    <>
      <Field name="guardianName" label={t("minors.guardian.name")} failure={failure} defaultValue={value("guardianName", guardian?.name ?? "")} required maxLength={60} autoComplete="off" />
      <Field
        name="guardianRelationship"
        label={t("minors.guardian.relationship")}
        hint={t("minors.guardian.relationshipHint")}
        failure={failure}
        defaultValue={value("guardianRelationship", guardian?.relationship ?? "")}
        required
        maxLength={30}
      />
      <Field
        name="guardianEmail"
        type="email"
        inputMode="email"
        label={t("minors.guardian.email")}
        failure={failure}
        defaultValue={value("guardianEmail", guardian?.email ?? "")}
        required
        maxLength={254}
        autoComplete="off"
      />
    </>
  );
}
