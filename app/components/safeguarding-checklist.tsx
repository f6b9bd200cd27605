import { Form, Link } from "@remix-run/react";
import { Checkbox, Field, FieldErrors, FormErrorSummary, SubmitButton, TextArea } from "~/components/form";
import { CredentialStates } from "~/components/safeguarding-badge";
import { CHECKLIST_LIMITS } from "~/modules/safeguarding/review.rules";
import type { getChecklistPage } from "~/modules/safeguarding/review.server";
import type { FormFailure } from "~/utils/form";
import { useT } from "~/utils/use-i18n";

type Page = NonNullable<Awaited<ReturnType<typeof getChecklistPage>>>;

/**
 * A posting's safeguarding checklist (routes/orgs.$orgId.postings.$postingId.safeguarding.tsx): the responsible
 * adults, then one fieldset per part of the review; saved as it is, or submitted to the ward when complete.
 */
export function ChecklistForm({
  organisationId,
  checklist,
  people,
  canSubmit,
  failure,
}: {
  organisationId: number;
  checklist: Page["checklist"];
  people: Page["people"];
  canSubmit: boolean;
  failure: FormFailure | undefined;
}) {
  const t = useT();
  const chosen = failure ? ([] as string[]).concat(failure.values.adults ?? []) : people.filter((p) => p.named).map((p) => String(p.userId));
  const closedSetting = failure ? String(failure.values.closedSettingContact ?? "") : checklist.closedSettingContact === null ? "" : checklist.closedSettingContact ? "yes" : "no";
  return (
    <Form method="post" className="space-y-6" noValidate>
      <FormErrorSummary failure={failure} />

      <fieldset className="card space-y-2" aria-describedby="f-adults-hint f-adults-error">
        <legend className="text-lg font-bold">{t("safeguarding.adults.legend")}</legend>
        <p id="f-adults-hint" className="text-sm text-stone-600">
          {t("safeguarding.adults.hint")}
        </p>
        {people.length === 0 ? <p>{t("safeguarding.adults.none")}</p> : null}
        <ul className="space-y-2">
          {people.map((p) => {
            const blocked = Boolean(p.problem) && !p.named;
            return (
              <li key={p.userId}>
                <label className="flex min-h-11 items-start gap-2">
                  <input
                    type="checkbox"
                    name="adults"
                    value={p.userId}
                    defaultChecked={chosen.includes(String(p.userId))}
                    disabled={blocked}
                    className="mt-1 size-5"
                    aria-describedby={`adult-${p.userId}-state`}
                  />
                  <span>
                    <span className="font-semibold">{p.name || "—"}</span>
                    <span id={`adult-${p.userId}-state`} className="block text-sm text-stone-700">
                      <CredentialStates declaration={p.declaration} check={p.check} />
                      {p.problem ? <span className="block text-red-800">{t.message(p.problem)}</span> : null}
                    </span>
                  </span>
                </label>
              </li>
            );
          })}
        </ul>
        <FieldErrors id="f-adults-error" errors={failure?.errors.adults} />
        <p className="flex flex-wrap gap-3 text-sm">
          <Link to={`/orgs/${organisationId}/safeguarding/declaration`}>{t("safeguarding.adults.declare")}</Link>
          <Link to={`/orgs/${organisationId}/safeguarding`}>{t("safeguarding.adults.people")}</Link>
        </p>
      </fieldset>

      <fieldset className="card space-y-2">
        <legend className="text-lg font-bold">{t("safeguarding.section.supervision")}</legend>
        <Checkbox name="twoAdultsPresent" label={t("safeguarding.field.twoAdultsPresent")} failure={failure} defaultChecked={checklist.twoAdultsPresent} />
        <Checkbox name="noOneToOne" label={t("safeguarding.field.noOneToOne")} failure={failure} defaultChecked={checklist.noOneToOne} />
      </fieldset>

      <fieldset className="card space-y-2">
        <legend className="text-lg font-bold">{t("safeguarding.section.place")}</legend>
        <Checkbox name="openPlace" label={t("safeguarding.field.openPlace")} failure={failure} defaultChecked={checklist.openPlace} />
        <TextArea
          name="placeNote"
          label={t("safeguarding.field.placeNote")}
          hint={t("safeguarding.field.placeNoteHint")}
          rows={2}
          maxLength={CHECKLIST_LIMITS.note}
          failure={failure}
          defaultValue={checklist.placeNote}
        />
      </fieldset>

      <fieldset className="card space-y-2">
        <legend className="text-lg font-bold">{t("safeguarding.section.insurance")}</legend>
        <Checkbox name="insuranceArranged" label={t("safeguarding.field.insuranceArranged")} failure={failure} defaultChecked={checklist.insuranceArranged} />
        <Field
          name="insuranceHolder"
          label={t("safeguarding.field.insuranceHolder")}
          hint={t("safeguarding.field.insuranceHolderHint")}
          maxLength={CHECKLIST_LIMITS.holder}
          failure={failure}
          defaultValue={checklist.insuranceHolder}
        />
        <Field
          name="insuranceValidUntil"
          type="date"
          label={t("safeguarding.field.insuranceValidUntil")}
          hint={t("safeguarding.field.insuranceValidUntilHint")}
          failure={failure}
          defaultValue={checklist.insuranceValidUntil}
        />
      </fieldset>

      <fieldset className="card space-y-2">
        <legend className="text-lg font-bold">{t("safeguarding.section.tasks")}</legend>
        <Checkbox name="tasksSuitable" label={t("safeguarding.field.tasksSuitable")} failure={failure} defaultChecked={checklist.tasksSuitable} />
        <TextArea
          name="tasksNote"
          label={t("safeguarding.field.tasksNote")}
          hint={t("safeguarding.field.tasksNoteHint")}
          rows={3}
          maxLength={CHECKLIST_LIMITS.note}
          failure={failure}
          defaultValue={checklist.tasksNote}
        />
      </fieldset>

      <fieldset className="card space-y-2">
        <legend className="text-lg font-bold">{t("safeguarding.section.care")}</legend>
        <Field name="toiletsRest" label={t("safeguarding.field.toiletsRest")} maxLength={CHECKLIST_LIMITS.contact} failure={failure} defaultValue={checklist.toiletsRest} />
        <Field
          name="emergencyContact"
          label={t("safeguarding.field.emergencyContact")}
          maxLength={CHECKLIST_LIMITS.contact}
          failure={failure}
          defaultValue={checklist.emergencyContact}
        />
        <TextArea
          name="firstAid"
          label={t("safeguarding.field.firstAid")}
          hint={t("safeguarding.field.firstAidHint")}
          rows={2}
          maxLength={CHECKLIST_LIMITS.note}
          failure={failure}
          defaultValue={checklist.firstAid}
        />
      </fieldset>

      <fieldset className="card space-y-2" aria-describedby="f-closedSettingContact-hint f-closedSettingContact-error">
        <legend className="text-lg font-bold">{t("safeguarding.field.closedSettingContact")}</legend>
        <p id="f-closedSettingContact-hint" className="text-sm text-stone-600">
          {t("safeguarding.field.closedSettingHint")}
        </p>
        {(["no", "yes"] as const).map((value) => (
          <label key={value} className="flex min-h-11 items-center gap-2">
            <input type="radio" name="closedSettingContact" value={value} defaultChecked={closedSetting === value} className="size-5" />
            {t(`safeguarding.closedSetting.${value}`)}
          </label>
        ))}
        <FieldErrors id="f-closedSettingContact-error" errors={failure?.errors.closedSettingContact} />
      </fieldset>

      <div className="card space-y-2">
        <p className="text-sm text-stone-700">{canSubmit ? t("safeguarding.submitHint") : t("safeguarding.saveHint")}</p>
        <div className="flex flex-wrap gap-2">
          {canSubmit ? (
            <SubmitButton name="intent" value="submit">
              {t("safeguarding.submit")}
            </SubmitButton>
          ) : null}
          <SubmitButton name="intent" value="save" className={canSubmit ? "btn-secondary" : "btn"}>
            {t("safeguarding.save")}
          </SubmitButton>
        </div>
      </div>
    </Form>
  );
}
