import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { CONCERN_OUTCOMES } from "~/vocabulary";
import { FormErrorSummary, Select, SubmitButton, TextArea } from "~/components/form";
import { OrganisationStatusBadge, PageHeader, PostingStatusBadge } from "~/components/ui";
import { isUrgent, type SuspensionTarget } from "~/modules/concerns/concerns.rules";
import { CloseConcernSchema, ConcernNoteSchema, LiftPostingSuspensionSchema, MAX_NOTE, MAX_REASON, SuspendSchema } from "~/modules/concerns/concerns.schema";
import {
  addConcernNote,
  closeConcern,
  getConcernDetail,
  liftPostingSuspension,
  recordConcernViewed,
  reopenConcern,
  suspendFromConcern,
} from "~/modules/concerns/concerns.server";
import { requirePermission } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { formatDateTime } from "~/utils/format";
import { formFailure, parseForm, type FormFailure } from "~/utils/form";
import { notFound, requireIdParam } from "~/utils/http.server";
import { afterCommit, requestContext } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";
import { useT } from "~/utils/use-i18n";
import { readFormData } from "~/utils/form-body.server";

// A personal page: the loader's Cache-Control (no-store) applies to the page itself, not only to data requests.
export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export const meta: MetaFunction = () => [{ title: "懸念の報告 / Concern report | つなぐ八幡東" }];

const TARGETS: readonly SuspensionTarget[] = ["posting", "organisation", "user"];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const staff = await requirePermission(request, "staff:access");
  const id = requireIdParam(params.id);
  const db = getDb();
  const detail = await getConcernDetail(db, id);
  if (!detail) notFound();
  await recordConcernViewed(db, staff.id, id, requestContext(request, context).ip);
  // The confirmation step is a page of its own (?suspend=posting), so it works without JavaScript.
  const url = new URL(request.url);
  const asked = url.searchParams.get("suspend");
  const confirming = TARGETS.find((target) => target === asked && detail.suspensions.includes(target)) ?? null;
  const confirmingLift = url.searchParams.get("lift") === "posting" && Boolean(detail.posting?.suspended);
  return data({ ...detail, confirming, confirmingLift }, { headers: { "Cache-Control": "no-store" } });
}

type ActionResult = FormFailure & { intent: string };

const fail = (intent: string, failure: FormFailure, status = 400) => data<ActionResult>({ ...failure, intent }, { status });

export async function action({ request, params, context }: ActionFunctionArgs) {
  const staff = await requirePermission(request, "staff:access");
  const id = requireIdParam(params.id);
  const db = getDb();
  const ctx = requestContext(request, context);
  const formData = await readFormData(request);
  const intent = String(formData.get("intent") ?? "");
  const here = `/staff/concerns/${id}`;
  const done = (key: string) => redirectWithToast(request, here, { kind: "success", message: `concerns.staff.done.${key}` });
  const outcome = (result: "ok" | "not-found" | "not-allowed", key: string) => {
    if (result === "not-found") notFound();
    if (result === "not-allowed") return fail(intent, formFailure({ form: ["concerns.staff.error.notAllowed"] }), 409);
    afterCommit();
    return done(key);
  };
  switch (intent) {
    case "note": {
      const parsed = parseForm(ConcernNoteSchema, formData);
      if (!parsed.success) return fail(intent, parsed.failure);
      return outcome(await addConcernNote(db, staff.id, id, parsed.data.body, ctx.ip), "note");
    }
    case "close": {
      const parsed = parseForm(CloseConcernSchema, formData);
      if (!parsed.success) return fail(intent, parsed.failure);
      return outcome(await closeConcern(db, staff.id, id, parsed.data, ctx.ip), "close");
    }
    case "reopen":
      return outcome(await reopenConcern(db, staff.id, id, ctx.ip), "reopen");
    case "suspend": {
      const parsed = parseForm(SuspendSchema, formData);
      if (!parsed.success) return fail(intent, parsed.failure);
      return outcome(await suspendFromConcern(db, staff.id, id, parsed.data.target, parsed.data.reason, ctx), "suspend");
    }
    case "lift": {
      const parsed = parseForm(LiftPostingSuspensionSchema, formData);
      if (!parsed.success) return fail(intent, parsed.failure);
      return outcome(await liftPostingSuspension(db, staff.id, id, ctx.ip), "lift");
    }
    default:
      return fail(intent, formFailure({ form: ["v.invalid"] }));
  }
}

type Detail = ReturnType<typeof useLoaderData<typeof loader>>;

function Impact({ impact }: { impact: { applications: number; people: number } }) {
  const t = useT();
  return <p className="text-sm">{t("concerns.staff.upcoming", impact)}</p>;
}

function SubjectSection({ detail }: { detail: Detail }) {
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

function SuspendConfirmation({ detail, target, failure }: { detail: Detail; target: SuspensionTarget; failure: ActionResult | null }) {
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

function LiftConfirmation({ detail, failure }: { detail: Detail; failure: ActionResult | null }) {
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

export default function ConcernDetail() {
  const detail = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const { concern, reporter, notes, related, suspensions, confirming, confirmingLift } = detail;
  const failureFor = (intent: string) => (result && result.intent === intent ? result : null);
  const here = `/staff/concerns/${concern.id}`;
  return (
    <div className="space-y-6">
      <p>
        <Link to="/staff/concerns">← {t("concerns.staff.title")}</Link>
      </p>
      <PageHeader
        title={t("concerns.staff.detailTitle", { reference: concern.reference })}
        lead={
          <span className="flex flex-wrap items-center gap-2">
            {concern.status === "open" && isUrgent(concern.category) ? <span className="badge bg-red-700 text-white">{t("concerns.staff.urgent")}</span> : null}
            <span className="badge bg-stone-100 text-stone-800">
              {concern.status === "closed" && concern.outcome
                ? t("concerns.staff.closedAs", { outcome: t(`concerns.staff.outcome.${concern.outcome}`) })
                : t(`concerns.staff.status.${concern.status}`)}
            </span>
          </span>
        }
      />

      {confirming ? <SuspendConfirmation detail={detail} target={confirming} failure={failureFor("suspend")} /> : null}
      {confirmingLift ? <LiftConfirmation detail={detail} failure={failureFor("lift")} /> : null}
      {!confirming && failureFor("suspend") ? <FormErrorSummary failure={failureFor("suspend")} /> : null}

      <section className="card" aria-labelledby="report-heading">
        <h2 id="report-heading">{t("concerns.staff.report")}</h2>
        <dl className="mt-2 grid gap-x-4 gap-y-2 sm:grid-cols-[10rem_1fr]">
          <dt className="font-semibold">{t("concerns.staff.categoryFilter")}</dt>
          <dd>{t(`concerns.category.${concern.category}`)}</dd>
          <dt className="font-semibold">{t("concerns.staff.subject")}</dt>
          <dd>{t(`concerns.staff.subject.${concern.subject_type}`)}</dd>
          <dt className="font-semibold">{t("concerns.staff.received")}</dt>
          <dd>{formatDateTime(concern.created_at, t.locale)}</dd>
          <dt className="font-semibold">{t("concerns.staff.reporter")}</dt>
          <dd>{reporter ? t("concerns.staff.nameWithEmail", { name: reporter.display_name || "—", email: reporter.email }) : t("concerns.staff.anonymous")}</dd>
          <dt className="font-semibold">{t("concerns.staff.contactEmail")}</dt>
          <dd>{concern.contact_email || t("concerns.staff.none")}</dd>
          <dt className="font-semibold">{t("concerns.description")}</dt>
          {/* What the reporter typed, markup included, as text. */}
          <dd className="whitespace-pre-wrap break-words" data-testid="concern-description">
            {concern.description}
          </dd>
        </dl>
      </section>

      <SubjectSection detail={detail} />

      {!confirming && !confirmingLift ? (
        <section className="card space-y-3" aria-labelledby="actions-heading">
          <h2 id="actions-heading">{t("concerns.staff.actions")}</h2>
          {suspensions.length ? (
            <>
              <p>{t("concerns.staff.actionsLead")}</p>
              <div className="flex flex-wrap gap-2">
                {suspensions.map((target) => (
                  <Link key={target} to={`${here}?suspend=${target}`} className="btn-danger">
                    {t(`concerns.staff.suspend.${target}`)}
                  </Link>
                ))}
              </div>
            </>
          ) : (
            <p>{t("concerns.staff.noSuspension")}</p>
          )}
          {detail.posting?.suspended ? (
            <p>
              <Link to={`${here}?lift=posting`} className="btn-secondary">
                {t("concerns.staff.lift")}
              </Link>
            </p>
          ) : null}
        </section>
      ) : null}

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
          <FormErrorSummary failure={failureFor("note")} />
          <input type="hidden" name="intent" value="note" />
          <TextArea name="body" label={t("concerns.staff.noteLabel")} rows={3} maxLength={MAX_NOTE} required failure={failureFor("note")} />
          <SubmitButton className="btn-secondary">
            {t("concerns.staff.noteSubmit")}
          </SubmitButton>
        </Form>
      </section>

      {concern.status === "open" ? (
        <Form method="post" noValidate className="card space-y-2" aria-labelledby="close-heading">
          <h2 id="close-heading">{t("concerns.staff.close")}</h2>
          <FormErrorSummary failure={failureFor("close")} />
          <input type="hidden" name="intent" value="close" />
          <Select
            name="outcome"
            label={t("concerns.staff.outcome")}
            required
            options={CONCERN_OUTCOMES.map((o) => ({ value: o, label: t(`concerns.staff.outcome.${o}`) }))}
            failure={failureFor("close")}
          />
          <TextArea name="note" label={t("concerns.staff.closeNote")} rows={2} maxLength={MAX_NOTE} failure={failureFor("close")} />
          <SubmitButton>
            {t("concerns.staff.close")}
          </SubmitButton>
        </Form>
      ) : (
        <Form method="post" noValidate className="card space-y-2">
          <FormErrorSummary failure={failureFor("reopen")} />
          <input type="hidden" name="intent" value="reopen" />
          <SubmitButton className="btn-secondary">
            {t("concerns.staff.reopen")}
          </SubmitButton>
        </Form>
      )}

      {related.length ? (
        <section className="card" aria-labelledby="related-heading">
          <h2 id="related-heading">{t("concerns.staff.related")}</h2>
          <ul className="mt-2 list-disc pl-5">
            {related.map((r) => (
              <li key={r.id}>
                <Link to={`/staff/concerns/${r.id}`} className="font-mono">
                  {r.reference}
                </Link>{" "}
                {t(`concerns.category.${r.category}`)} · {t(`concerns.staff.status.${r.status}`)} · {formatDateTime(r.created_at, t.locale)}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
