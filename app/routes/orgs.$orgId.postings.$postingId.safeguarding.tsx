import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Checkbox, Field, FieldErrors, FormErrorSummary, SubmitButton, TextArea } from "~/components/form";
import { CredentialStates, SafeguardingHistory, SafeguardingStatusBadge } from "~/components/safeguarding-badge";
import { PageHeader, PostingStatusBadge } from "~/components/ui";
import { CHECKLIST_LIMITS } from "~/modules/safeguarding/review.rules";
import { ChecklistSchema } from "~/modules/safeguarding/review.schema";
import { getChecklistPage, saveChecklist } from "~/modules/safeguarding/review.server";
import { requireOrganisationMember } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { formatDateTime, formatRange } from "~/utils/format";
import { formDataToObject, formFailure, parseForm } from "~/utils/form";
import { notFound, requireIdParam } from "~/utils/http.server";
import { afterCommit, requestContext } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";
import { useT } from "~/utils/use-i18n";
import { readFormData } from "~/utils/form-body.server";

// A personal page: the loader's Cache-Control (no-store) applies to the page itself, not only to data requests.
export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export const meta: MetaFunction = () => [{ title: "安全確認チェックリスト / Safeguarding checklist | つなぐ八幡東" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const orgId = requireIdParam(params.orgId);
  const postingId = requireIdParam(params.postingId);
  const { organisation } = await requireOrganisationMember(request, orgId, "edit-postings");
  const page = await getChecklistPage(getDb(), orgId, postingId);
  if (!page) notFound();
  return data({ organisation: { id: organisation.id, name: organisation.name }, ...page }, { headers: { "Cache-Control": "no-store" } });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const orgId = requireIdParam(params.orgId);
  const postingId = requireIdParam(params.postingId);
  const { user } = await requireOrganisationMember(request, orgId, "edit-postings");
  const formData = await readFormData(request);
  const parsed = parseForm(ChecklistSchema, formData);
  if (!parsed.success) return data(parsed.failure, { status: 400 });
  const result = await saveChecklist(getDb(), orgId, postingId, user.id, parsed.data, requestContext(request, context));
  const { values } = formDataToObject(formData);
  switch (result.status) {
    case "not-found":
      notFound();
    case "invalid":
      return data(formFailure(result.errors, values), { status: 400 });
    case "incomplete":
      return data(formFailure({ form: ["safeguarding.error.incomplete"], ...result.errors }, values), { status: 400 });
    case "ok":
      afterCommit();
      return redirectWithToast(request, `/orgs/${orgId}/postings/${postingId}/safeguarding`, { kind: "success", message: `safeguarding.done.${result.outcome}` });
  }
}

export default function SafeguardingChecklist() {
  const { organisation, posting, shifts, checklist, people, history, problems, canSubmit } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const t = useT();
  const back = `/orgs/${organisation.id}/postings/${posting.id}`;
  const chosen = failure ? ([] as string[]).concat(failure.values.adults ?? []) : people.filter((p) => p.named).map((p) => String(p.userId));
  const closedSetting = failure ? String(failure.values.closedSettingContact ?? "") : checklist.closedSettingContact === null ? "" : checklist.closedSettingContact ? "yes" : "no";
  const lastReturn = history.find((h) => h.event === "returned");
  const stillNeeded = Object.entries(problems).flatMap(([, messages]) => messages);
  const statusKey = posting.safeguarding_status === "pending" && posting.status !== "draft" ? "pendingPublic" : posting.safeguarding_status;
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <p>
        <Link to={back}>← {t("safeguarding.checklist.back")}</Link>
      </p>
      <PageHeader title={t("safeguarding.checklist.title")} lead={t("safeguarding.checklist.lead")} />

      <section aria-labelledby="posting-heading" className="card space-y-2">
        <h2 id="posting-heading">{t("safeguarding.checklist.posting")}</h2>
        <p className="text-lg font-bold">
          <Link to={back}>{posting.title}</Link>
        </p>
        <p className="flex flex-wrap gap-2">
          <PostingStatusBadge status={posting.status} />
          {posting.welcomes_minors ? <SafeguardingStatusBadge status={posting.safeguarding_status} /> : null}
        </p>
        {posting.welcomes_minors ? <p>{t(`safeguarding.statusExplain.${statusKey}`)}</p> : null}
        <h3 className="font-bold">{t("safeguarding.checklist.shifts")}</h3>
        {shifts.length ? (
          <ul className="list-disc pl-5">
            {shifts.map((s) => (
              <li key={s.id}>{formatRange(s.startsAt, s.endsAt, t.locale)}</li>
            ))}
          </ul>
        ) : (
          <p>{t("safeguarding.checklist.noShifts")}</p>
        )}
      </section>

      {!posting.welcomes_minors ? (
        <p role="note" className="card">
          {t("safeguarding.checklist.notMinors")}
        </p>
      ) : posting.status === "cancelled" ? (
        <p role="note" className="card">
          {t("safeguarding.checklist.cancelled")}
        </p>
      ) : (
        <>
          {posting.safeguarding_status === "returned" && lastReturn ? (
            <section aria-labelledby="comment-heading" className="rounded-lg border-l-4 border-amber-600 bg-amber-50 p-3">
              <h2 id="comment-heading" className="text-base">
                {t("safeguarding.checklist.staffComment")}（{formatDateTime(lastReturn.created_at, t.locale)}）
              </h2>
              <p className="mt-1 whitespace-pre-line">{lastReturn.comment}</p>
            </section>
          ) : null}

          {canSubmit && !failure ? (
            stillNeeded.length ? (
              <section aria-labelledby="needed-heading" className="card">
                <h2 id="needed-heading" className="text-base">
                  {t("safeguarding.checklist.stillNeeded")}
                </h2>
                <ul className="mt-1 list-disc pl-5">
                  {[...new Set(stillNeeded)]
                    .filter((m) => !m.startsWith("v."))
                    .map((m) => (
                      <li key={m}>{t.message(m)}</li>
                    ))}
                </ul>
              </section>
            ) : (
              <p className="card">{t("safeguarding.checklist.ready")}</p>
            )
          ) : null}

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
                <Link to={`/orgs/${organisation.id}/safeguarding/declaration`}>{t("safeguarding.adults.declare")}</Link>
                <Link to={`/orgs/${organisation.id}/safeguarding`}>{t("safeguarding.adults.people")}</Link>
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
              <Checkbox
                name="insuranceArranged"
                label={t("safeguarding.field.insuranceArranged")}
                failure={failure}
                defaultChecked={checklist.insuranceArranged}
              />
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
        </>
      )}

      <section aria-labelledby="history-heading" className="card">
        <h2 id="history-heading">{t("safeguarding.history.title")}</h2>
        <SafeguardingHistory history={history} />
      </section>
    </div>
  );
}
