import { data, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { Field, FieldErrors, FormErrorSummary } from "~/components/form";
import { PageHeader } from "~/components/ui";
import { answerGuardianConsent } from "~/modules/applications/minors.server";
import { ConsentAnswerSchema } from "~/modules/safeguarding/consent.schema";
import { consentByToken, consentSubject, currentConsentLinkState, postingFacts, standingWordingFor, wordingFor } from "~/modules/safeguarding/consent.server";
import { getSafeguardingSettings } from "~/modules/safeguarding/settings.server";
import { audit } from "~/utils/audit.server";
import { getDb } from "~/utils/db.server";
import { formatDate, formatDateTime, formatRange } from "~/utils/format";
import { parseForm } from "~/utils/form";
import { isLocale, type Locale } from "~/utils/i18n";
import { getLocale } from "~/utils/locale.server";
import { afterCommit, requestContext } from "~/utils/request.server";
import { useT } from "~/utils/use-i18n";
import { readFormData } from "~/utils/form-body.server";

/**
 * The guardian's consent page (no account: the link in the email is the key). It shows the activity — what,
 * where, when, who is responsible, insurance, what to bring, emergencies — and the exact wording they agree to.
 * A forged, tampered, expired, used or revoked link gets a page that says which and what to do (404 / 410).
 */

export const headers: HeadersFunction = ({ loaderHeaders, actionHeaders }) => (actionHeaders.has("Cache-Control") ? actionHeaders : loaderHeaders);

export const meta: MetaFunction = () => [
  { title: "保護者の同意 / Guardian consent | つなぐ八幡東" },
  { name: "robots", content: "noindex" },
  { name: "referrer", content: "no-referrer" },
];

const NO_STORE = { "Cache-Control": "no-store" };

type Closed = "unknown" | "expired" | "answered" | "revoked" | "ended";
const STATUS: Record<Closed, number> = { unknown: 404, expired: 410, answered: 410, revoked: 410, ended: 410 };

async function page(request: Request, token: string, locale: Locale) {
  const db = getDb();
  const now = new Date();
  const row = await consentByToken(db, token, "consent");
  const state = await currentConsentLinkState(db, row, now);
  if (!row || state !== "open" || row.posting_id === null) return { state: (state === "open" ? "unknown" : state) as Closed } as const;
  const [facts, subject, settings] = await Promise.all([postingFacts(db, row.posting_id), consentSubject(db, row.id), getSafeguardingSettings(db)]);
  if (!facts) return { state: "unknown" as Closed } as const;
  return {
    state: "open",
    consentId: row.id,
    guardianName: row.guardian_name,
    expiresAt: new Date(row.expires_at).toISOString(),
    childName: subject.childName,
    sessions: subject.sessions.map((s) => ({ startsAt: s.startsAt.toISOString(), endsAt: s.endsAt.toISOString() })),
    facts,
    wording: wordingFor(locale, facts, subject),
    standingWording: settings.standingConsentOffered ? standingWordingFor(locale, subject.childName, now) : null,
    locale,
  } as const;
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const result = await page(request, params.token ?? "", getLocale(request));
  if (result.state !== "open") return data(result, { status: STATUS[result.state], headers: NO_STORE });
  // The page names the child: a view of a minor's data, by whoever holds the link.
  await audit(getDb(), {
    actorUserId: null,
    action: "consent.viewed",
    subjectType: "guardian_consent",
    subjectId: result.consentId,
    ip: requestContext(request, context).ip,
  });
  return data(result, { headers: NO_STORE });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const token = params.token ?? "";
  const formData = await readFormData(request);
  const shown = formData.get("locale");
  const locale = isLocale(typeof shown === "string" ? shown : null) ? (shown as Locale) : getLocale(request);
  const parsed = parseForm(ConsentAnswerSchema, formData);
  if (!parsed.success) return data({ ...parsed.failure }, { status: 400, headers: NO_STORE });
  const answer =
    parsed.data.intent === "consent"
      ? { given: true, signedName: parsed.data.signedName, emergencyPhone: parsed.data.emergencyPhone, standing: parsed.data.standing }
      : { given: false, signedName: "", emergencyPhone: "", standing: false };
  const result = await answerGuardianConsent(getDb(), token, answer, { ...requestContext(request, context), locale });
  if (result.status !== "ok") {
    // The page itself explains the state the link is in now.
    const closed = await page(request, token, locale);
    return data({ closed }, { status: closed.state === "open" ? 409 : STATUS[closed.state], headers: NO_STORE });
  }
  afterCommit();
  throw redirect(`/consent/thanks?answer=${result.given ? "given" : "declined"}`, { headers: NO_STORE });
}

function ClosedLink({ state }: { state: Closed }) {
  const t = useT();
  return (
    <div className="mx-auto max-w-xl">
      <PageHeader title={t(`minors.consent.closed.${state}.title`)} />
      <div className="card space-y-2">
        <p>{t(`minors.consent.closed.${state}.body`)}</p>
        <p className="text-sm text-stone-700">{t("minors.consent.closed.help")}</p>
      </div>
    </div>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt className="font-semibold">{label}</dt>
      <dd className="whitespace-pre-line">{children}</dd>
    </div>
  );
}

export default function ConsentPage() {
  const loaded = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const closed = actionData && "closed" in actionData ? actionData.closed : null;
  if (closed && closed.state !== "open") return <ClosedLink state={closed.state} />;
  if (loaded.state !== "open") return <ClosedLink state={loaded.state} />;
  const failure = actionData && "errors" in actionData ? actionData : null;
  const f = loaded.facts;
  const notGiven = t("minors.consent.notGiven");
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <PageHeader title={t("minors.consent.title", { child: loaded.childName })} lead={t("minors.consent.lead")} />
      <section aria-labelledby="activity" className="card space-y-3">
        <h2 id="activity">{f.title}</h2>
        <p className="text-stone-700">{f.organisationName}</p>
        {f.safeguardingApproved ? <p className="badge bg-brand-100 text-brand-800">{t("minors.consent.reviewed")}</p> : null}
        <dl className="space-y-3">
          <Fact label={t("minors.consent.when")}>
            <ul>
              {loaded.sessions.map((s) => (
                <li key={s.startsAt}>{formatRange(s.startsAt, s.endsAt, t.locale)}</li>
              ))}
            </ul>
          </Fact>
          <Fact label={t("minors.consent.where")}>{[f.placeName, f.placeAddress].filter(Boolean).join("\n") || notGiven}</Fact>
          <Fact label={t("minors.consent.what")}>{f.description}</Fact>
          <Fact label={t("minors.consent.responsible")}>{f.responsibleAdults.length ? f.responsibleAdults.join("、") : f.contactName || notGiven}</Fact>
          <Fact label={t("minors.consent.insurance")}>
            {f.insuranceHolder
              ? t("minors.consent.insuranceValue", { holder: f.insuranceHolder, until: f.insuranceValidUntil ? formatDate(`${f.insuranceValidUntil}T00:00:00+09:00`, t.locale) : "—" })
              : notGiven}
          </Fact>
          <Fact label={t("minors.consent.bring")}>{f.whatToBring || notGiven}</Fact>
          <Fact label={t("minors.consent.emergency")}>
            {[f.emergencyContact, f.firstAid, f.organisationPhone ? t("minors.consent.groupPhone", { phone: f.organisationPhone }) : ""].filter(Boolean).join("\n") || notGiven}
          </Fact>
        </dl>
      </section>

      <section aria-labelledby="answer" className="card space-y-3">
        <h2 id="answer">{t("minors.consent.answerTitle")}</h2>
        <Form method="post" className="space-y-3" noValidate>
          <FormErrorSummary failure={failure} />
          <input type="hidden" name="locale" value={loaded.locale} />
          <blockquote className="rounded-lg border-l-4 border-brand-600 bg-stone-50 p-3" id="wording">
            {loaded.wording}
          </blockquote>
          <Field name="signedName" label={t("minors.consent.signedName")} hint={t("minors.consent.signedNameHint")} failure={failure} defaultValue={loaded.guardianName} required maxLength={60} />
          <Field
            name="emergencyPhone"
            type="tel"
            inputMode="tel"
            label={t("minors.consent.phone")}
            hint={t("minors.consent.phoneHint")}
            failure={failure}
            required
            maxLength={20}
            autoComplete="tel"
          />
          <div>
            <label className="flex items-start gap-2">
              <input type="checkbox" name="agree" className="mt-1 h-5 w-5" aria-describedby="agree-error" aria-invalid={failure?.errors.agree ? true : undefined} />
              <span>{t("minors.consent.agree")}</span>
            </label>
            <FieldErrors id="agree-error" errors={failure?.errors.agree} />
          </div>
          {loaded.standingWording ? (
            <label className="flex items-start gap-2">
              <input type="checkbox" name="standing" className="mt-1 h-5 w-5" />
              <span>
                <span className="font-semibold">{t("minors.consent.standing")}</span>
                <span className="block text-sm text-stone-700">{loaded.standingWording}</span>
              </span>
            </label>
          ) : null}
          <button type="submit" name="intent" value="consent" className="btn">
            {t("minors.consent.give")}
          </button>
        </Form>
        <details className="rounded-lg border border-stone-300 p-2">
          <summary className="cursor-pointer font-semibold">{t("minors.consent.declineSummary")}</summary>
          <Form method="post" className="mt-2 space-y-2">
            <input type="hidden" name="locale" value={loaded.locale} />
            <p>{t("minors.consent.declineExplain")}</p>
            <button type="submit" name="intent" value="decline" className="btn-danger">
              {t("minors.consent.decline")}
            </button>
          </Form>
        </details>
        <p className="text-sm text-stone-700">{t("minors.consent.expires", { until: formatDateTime(loaded.expiresAt, t.locale) })}</p>
      </section>
    </div>
  );
}
