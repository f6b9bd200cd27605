import { Form, Link } from "@remix-run/react";
import { FormErrorSummary, SubmitButton, TextArea } from "~/components/form";
import { OrganisationStatusBadge, PostingStatusBadge } from "~/components/ui";
import type { SuspensionTarget } from "~/modules/concerns/concerns.rules";
import { MAX_NOTE, MAX_REASON } from "~/modules/concerns/concerns.schema";
import type { getConcernDetail } from "~/modules/concerns/concerns.server";
import { formatDateTime } from "~/utils/format";
import type { FormFailure } from "~/utils/form";
import { useT } from "~/utils/use-i18n";

/** The parts of a concern's page for staff (routes/staff.concerns.$id.tsx): its subject, the confirmation steps, its notes. */

type Detail = NonNullable<Awaited<ReturnType<typeof getConcernDetail>>>;

function Impact({ impact }: { impact: { applications: number; people: number } }) {
  const t = useT();
  return <p className="text-sm">{t("concerns.staff.upcoming", impact)}</p>;
}

export function SubjectSection({ detail }: { detail: Detail }) {
  const t = useT();
  const { concern, posting, organisation, person } = detail;
  const auditLink = (type: string, id: number) => `/staff/audit?subjectType=${type}&subjectId=${id}`;
  return (
    <section className="card space-y-4" aria-labelledby="subject-heading">
      <h2 id="subject-heading">{t("concerns.staff.subjectHeading")}</h2>
      {concern.subject_type === "general" ? <p>{t("concerns.staff.generalSubject")}</p> : null}
      {concern.subject_type === "posting" && !posting ? <p>{t("concerns.staff.subjectGone")}</p> : null}
      {posting ? (
        <div className="space-y-1">
          <h3 className="font-bold">
            {t("concerns.staff.labelled", { label: t("concerns.staff.subject.posting"), value: posting.title })}
          </h3>
          <p className="flex flex-wrap items-center gap-2">
            <PostingStatusBadge status={posting.status} />
            {posting.suspended ? <span className="badge bg-red-100 text-red-800">{t("concerns.staff.postingSuspended")}</span> : null}
          </p>
          <Impact impact={posting.impact} />
          <p className="flex flex-wrap gap-x-4">
            {posting.status !== "draft" ? <Link to={`/postings/${posting.id}`}>{t("concerns.staff.publicPage")}</Link> : null}
            <Link to={auditLink("posting", posting.id)}>{t("concerns.staff.auditFor")}</Link>
          </p>
        </div>
      ) : null}
      {concern.subject_type === "organisation" && !organisation ? <p>{t("concerns.staff.subjectGone")}</p> : null}
      {organisation ? (
        <div className="space-y-1">
          <h3 className="font-bold">
            {t("concerns.staff.labelled", { label: t("concerns.staff.subject.organisation"), value: organisation.name })}
          </h3>
          <p>
            <OrganisationStatusBadge status={organisation.status} />
          </p>
          <p className="text-sm">{t("concerns.staff.publishedPostings", { count: organisation.publishedPostings })}</p>
          <Impact impact={organisation.impact} />
          <p className="flex flex-wrap gap-x-4">
            <Link to={`/staff/organisations/${organisation.id}`}>{t("concerns.staff.organisationPage")}</Link>
            <Link to={auditLink("organisation", organisation.id)}>{t("concerns.staff.auditFor")}</Link>
          </p>
        </div>
      ) : null}
      {concern.subject_type === "user" && !person ? <p>{t("concerns.staff.subjectGone")}</p> : null}
      {person ? (
        <div className="space-y-1">
          <h3 className="font-bold">
            {t("concerns.staff.labelled", { label: t("concerns.staff.subject.user"), value: person.display_name || "—" })}
          </h3>
          <dl className="grid gap-x-4 sm:grid-cols-[10rem_1fr]">
            <dt className="font-semibold">{t("auth.email")}</dt>
            <dd>{person.email}</dd>
            <dt className="font-semibold">{t("concerns.staff.role")}</dt>
            <dd>{t(`concerns.staff.role.${person.role}`)}</dd>
          </dl>
          {person.deleted_at ? <p className="badge bg-stone-200 text-stone-800">{t("concerns.staff.accountDeleted")}</p> : null}
          {person.disabled_at ? <p className="badge bg-red-100 text-red-800">{t("concerns.staff.accountDisabled")}</p> : null}
          <Impact impact={{ applications: person.impact.applications, people: person.impact.people }} />
          <p>
            <Link to={auditLink("user", person.id)}>{t("concerns.staff.auditFor")}</Link>
          </p>
        </div>
      ) : null}
    </section>
  );
}

export function SuspendConfirmation({ detail, target, failure }: { detail: Detail; target: SuspensionTarget; failure: FormFailure | null }) {
  const t = useT();
  const name = target === "posting" ? detail.posting!.title : target === "organisation" ? detail.organisation!.name : detail.person!.display_name || detail.person!.email;
  const effect =
    target === "posting"
      ? t("concerns.staff.confirm.effect.posting", detail.posting!.impact)
      : target === "organisation"
        ? t("concerns.staff.confirm.effect.organisation", { count: detail.organisation!.publishedPostings, ...detail.organisation!.impact })
        : t("concerns.staff.confirm.effect.user", detail.person!.impact);
  return (
    <section className="card space-y-3 border-2 border-red-700" aria-labelledby="confirm-heading">
      <h2 id="confirm-heading">{t(`concerns.staff.confirm.title.${target}`, { name })}</h2>
      <p>{effect}</p>
      <Form method="post" noValidate className="space-y-3">
        <FormErrorSummary failure={failure} />
        <input type="hidden" name="intent" value="suspend" />
        <input type="hidden" name="target" value={target} />
        <input type="hidden" name="confirm" value="yes" />
        <TextArea
          name="reason"
          label={t("concerns.staff.reason")}
          hint={target === "organisation" ? t("concerns.staff.reasonHintOrganisation") : t("concerns.staff.reasonHint")}
          required
          rows={3}
          maxLength={MAX_REASON}
          failure={failure}
        />
        <div className="flex flex-wrap gap-2">
          <SubmitButton className="btn-danger">{t("concerns.staff.confirmSubmit")}</SubmitButton>
          <Link to={`/staff/concerns/${detail.concern.id}`} className="btn-secondary">
            {t("common.cancel")}
          </Link>
        </div>
      </Form>
    </section>
  );
}

export function LiftConfirmation({ detail, failure }: { detail: Detail; failure: FormFailure | null }) {
  const t = useT();
  return (
    <section className="card space-y-3 border-2 border-amber-600" aria-labelledby="lift-heading">
      <h2 id="lift-heading">{t("concerns.staff.liftTitle", { name: detail.posting!.title })}</h2>
      <p>{t("concerns.staff.liftEffect")}</p>
      <Form method="post" noValidate className="space-y-3">
        <FormErrorSummary failure={failure} />
        <input type="hidden" name="intent" value="lift" />
        <input type="hidden" name="confirm" value="yes" />
        <div className="flex flex-wrap gap-2">
          <SubmitButton>{t("concerns.staff.liftSubmit")}</SubmitButton>
          <Link to={`/staff/concerns/${detail.concern.id}`} className="btn-secondary">
            {t("common.cancel")}
          </Link>
        </div>
      </Form>
    </section>
  );
}

export function NotesSection({ notes, failure }: { notes: Detail["notes"]; failure: FormFailure | null }) {
  const t = useT();
  return (
    <section className="card space-y-3" aria-labelledby="notes-heading">
      <h2 id="notes-heading">{t("concerns.staff.notes")}</h2>
      {notes.length === 0 ? (
        <p>{t("concerns.staff.noNotes")}</p>
      ) : (
        <ol className="space-y-3">
          {notes.map((note) => (
            <li key={note.id} className="border-l-4 border-stone-300 pl-3">
              <p className="text-sm text-stone-700">
                <span className="font-semibold">{t(`concerns.staff.note.${note.kind}`)}</span> · {note.author_name || note.author_email || "—"} ·{" "}
                {formatDateTime(note.created_at, t.locale)}
              </p>
              {note.body ? <p className="whitespace-pre-wrap break-words">{note.body}</p> : null}
            </li>
          ))}
        </ol>
      )}
      <Form method="post" noValidate className="space-y-2" aria-labelledby="add-note-heading">
        <h3 id="add-note-heading" className="font-bold">
          {t("concerns.staff.addNote")}
        </h3>
        <FormErrorSummary failure={failure} />
        <input type="hidden" name="intent" value="note" />
        <TextArea name="body" label={t("concerns.staff.noteLabel")} rows={3} maxLength={MAX_NOTE} required failure={failure} />
        <SubmitButton className="btn-secondary">
          {t("concerns.staff.noteSubmit")}
        </SubmitButton>
      </Form>
    </section>
  );
}
