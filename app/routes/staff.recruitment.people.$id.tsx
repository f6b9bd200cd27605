import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Field, FormErrorSummary, Select, SubmitButton, TextArea } from "~/components/form";
import { PageHeader } from "~/components/ui";
import { nextStages } from "~/modules/recruitment/pipeline.rules";
import { addNote, changeStage, getPerson } from "~/modules/recruitment/pipeline.server";
import { MAX_NOTE, NoteSchema, StageChangeSchema } from "~/modules/recruitment/recruitment.schema";
import { requireRecruitmentViewer } from "~/modules/recruitment/settings.server";
import { requireUser } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { formatDate, formatDateTime } from "~/utils/format";
import { formDataToObject, formFailure, parseForm } from "~/utils/form";
import { readFormData } from "~/utils/form-body.server";
import { notFound, requireIdParam } from "~/utils/http.server";
import { requestContext } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";
import { useT } from "~/utils/use-i18n";

export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;
export const meta: MetaFunction = () => [{ title: "関心を寄せた方 / Person | つなぐ八幡東" }];

/** One person: contact details, consent as given, history; a person outside the viewer's districts is a 404. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const id = requireIdParam(params.id);
  const user = await requireUser(request);
  const db = getDb();
  const viewer = await requireRecruitmentViewer(db, user, requestContext(request, context).ip);
  const found = await getPerson(db, viewer, id);
  if (!found) notFound();
  return data(found, { headers: { "Cache-Control": "no-store" } });
}

const MESSAGES = { "not-allowed": "recruitment.person.notAllowed", "area-required": "recruitment.person.areaRequired", "no-vacancy": "recruitment.person.noVacancy" } as const;

export async function action({ request, params, context }: ActionFunctionArgs) {
  const id = requireIdParam(params.id);
  const user = await requireUser(request);
  const db = getDb();
  const viewer = await requireRecruitmentViewer(db, user, requestContext(request, context).ip);
  const formData = await readFormData(request);
  const values = formDataToObject(formData).values;
  if (formData.get("intent") === "note") {
    const parsed = parseForm(NoteSchema, formData);
    if (!parsed.success) return data({ ...parsed.failure, intent: "note" }, { status: 400 });
    if ((await addNote(db, viewer, id, parsed.data)) === "not-found") notFound();
    return redirectWithToast(request, `/staff/recruitment/people/${id}`, { kind: "success", message: "recruitment.person.noted" });
  }
  const parsed = parseForm(StageChangeSchema, formData);
  if (!parsed.success) return data({ ...parsed.failure, intent: "move" }, { status: 400 });
  const result = await changeStage(db, viewer, id, parsed.data);
  if (result === "not-found") notFound();
  if (result !== "ok") {
    const field = result === "not-allowed" ? "to" : "areaId";
    return data({ ...formFailure({ [field]: [MESSAGES[result]] }, values), intent: "move" }, { status: 400 });
  }
  return redirectWithToast(request, `/staff/recruitment/people/${id}`, { kind: "success", message: "recruitment.person.moved" });
}

export default function Person() {
  const { person, events, areas } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const t = useT();
  const en = t.locale === "en";
  const moves = nextStages(person.stage);
  const moveFailure = failure?.intent === "move" ? failure : undefined;
  const noteFailure = failure?.intent === "note" ? failure : undefined;
  return (
    <div className="space-y-6">
      <PageHeader title={person.name} lead={`${person.name_kana} · ${en ? person.district_en : person.district_ja} · ${t(`recruitment.stage.${person.stage}`)}`} />
      <p>
        <Link to="/staff/recruitment/people">{t("recruitment.people.title")}</Link>
      </p>
      <section className="card space-y-1">
        <h2 className="font-bold">{t("recruitment.person.contact")}</h2>
        {person.phone ? <p>{t("recruitment.field.phone")}: {person.phone}</p> : null}
        {person.email ? <p>{t("recruitment.field.email")}: {person.email}</p> : null}
        {person.best_time ? <p>{t("recruitment.field.bestTime")}: {person.best_time}</p> : null}
        <p>{t("recruitment.person.birthYear")}: {person.birth_year}</p>
        <p>{t("recruitment.field.wants")}: {t(`recruitment.wants.${person.wants}`)}</p>
        {person.campaign_name ? <p>{t("recruitment.people.channel")}: {person.campaign_name} / {person.channel_label}</p> : null}
        {person.appointed_area ? <p>{t("recruitment.person.appointedArea")}: {person.appointed_area}</p> : null}
        <details>
          <summary className="cursor-pointer">{t("recruitment.person.consent")} ({formatDateTime(person.consented_at, t.locale)})</summary>
          <p className="mt-1 text-sm">{person.consent_text}</p>
        </details>
      </section>
      {moves.length ? (
        <Form method="post" className="card space-y-3" noValidate>
          <h2 className="font-bold">{t("recruitment.person.move")}</h2>
          <FormErrorSummary failure={moveFailure} />
          <input type="hidden" name="intent" value="move" />
          <Select name="to" label={t("recruitment.person.to")} required failure={moveFailure} options={moves.map((s) => ({ value: s, label: t(`recruitment.stage.${s}`) }))} />
          {moves.includes("appointed") ? (
            <Select
              name="areaId"
              label={t("recruitment.person.areaForAppointment")}
              failure={moveFailure}
              options={areas.map((a) => ({ value: a.id, label: `${a.name}（${t("recruitment.staff.vacant")} ${a.seats - a.serving}）` }))}
            />
          ) : null}
          <TextArea name="note" label={t("recruitment.person.note")} rows={3} maxLength={MAX_NOTE} failure={moveFailure} />
          <Field name="nextActionOn" type="date" label={t("recruitment.person.nextActionOn")} failure={moveFailure} />
          <SubmitButton name="intent" value="move">{t("recruitment.person.submitMove")}</SubmitButton>
        </Form>
      ) : (
        <p className="card">{t("recruitment.person.closed")}</p>
      )}
      <Form method="post" className="card space-y-3" noValidate>
        <h2 className="font-bold">{t("recruitment.person.addNote")}</h2>
        <FormErrorSummary failure={noteFailure} />
        <input type="hidden" name="intent" value="note" />
        <TextArea name="note" label={t("recruitment.person.note")} required rows={3} maxLength={MAX_NOTE} failure={noteFailure} />
        <Field name="nextActionOn" type="date" label={t("recruitment.person.nextActionOn")} failure={noteFailure} />
        <SubmitButton name="intent" value="note">{t("recruitment.person.addNote")}</SubmitButton>
      </Form>
      <section className="space-y-2">
        <h2 className="font-bold">{t("recruitment.person.history")}</h2>
        <ol className="space-y-2" data-testid="history">
          {events.map((e) => (
            <li key={e.id} className="card text-sm">
              <p>
                {formatDateTime(e.at, t.locale)}
                {e.actor_name ? ` · ${e.actor_name}` : ""}
                {e.to_stage ? ` · ${e.from_stage ? `${t(`recruitment.stage.${e.from_stage}`)} → ` : ""}${t(`recruitment.stage.${e.to_stage}`)}` : ""}
              </p>
              {e.note ? <p className="whitespace-pre-wrap">{e.note}</p> : null}
              {e.next_action_on ? <p>{t("recruitment.people.nextAction")}: {formatDate(e.next_action_on, t.locale)}</p> : null}
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
