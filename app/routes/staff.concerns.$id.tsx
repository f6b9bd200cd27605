import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { CONCERN_OUTCOMES } from "~/vocabulary";
import { LiftConfirmation, NotesSection, SubjectSection, SuspendConfirmation } from "~/components/concerns/concern-detail";
import { FormErrorSummary, Select, SubmitButton, TextArea } from "~/components/form";
import { PageHeader } from "~/components/ui";
import { isUrgent, type SuspensionTarget } from "~/modules/concerns/concerns.rules";
import { CloseConcernSchema, ConcernNoteSchema, LiftPostingSuspensionSchema, MAX_NOTE, SuspendSchema } from "~/modules/concerns/concerns.schema";
import { getConcernDetail } from "~/modules/concerns/concerns.server";
import { addConcernNote, closeConcern, recordConcernViewed, reopenConcern } from "~/modules/concerns/handling.server";
import { liftPostingSuspension, suspendFromConcern } from "~/modules/concerns/suspensions.server";
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

      <NotesSection notes={notes} failure={failureFor("note")} />

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
