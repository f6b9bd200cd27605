import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { EmptyState, PageHeader } from "~/components/ui";
import { reasonTexts } from "~/modules/recommendations/recommend.reasons";
import { InviteVolunteerSchema } from "~/modules/recommendations/recommend.schema";
import { inviteVolunteer, postingInvitations, recommendVolunteers } from "~/modules/recommendations/volunteers.server";
import { requireOrganisationMember } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { formatDate } from "~/utils/format";
import { parseForm } from "~/utils/form";
import { notFound, requireIdParam } from "~/utils/http.server";
import { getLocale } from "~/utils/locale.server";
import { pick } from "~/utils/pick";
import { checkRateLimits } from "~/utils/rate-limit.server";
import { afterCommit, requestContext } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";
import { useT } from "~/utils/use-i18n";
import { readFormData } from "~/utils/form-body.server";

// A page about people: the loader's Cache-Control (no-store) applies to the page itself, not only to data requests.
export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.posting.title ?? ""}: 合いそうな人 / People who may fit | つなぐ八幡東` }];

/** Invitations an organisation may send in a day: enough for real use, a brake on mass mailing. */
const INVITATIONS_PER_DAY = 100;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const orgId = requireIdParam(params.orgId);
  const postingId = requireIdParam(params.postingId);
  const { organisation } = await requireOrganisationMember(request, orgId, "edit-postings");
  const db = getDb();
  const locale = getLocale(request);
  const [suggestions, invited] = await Promise.all([recommendVolunteers(db, orgId, postingId, { limit: 20 }), postingInvitations(db, orgId, postingId)]);
  if (!suggestions) notFound();
  const categoryName = () => pick(locale, suggestions.posting.categoryJa, suggestions.posting.categoryEn);
  return data(
    {
      organisation: { id: organisation.id, name: organisation.name },
      posting: { id: suggestions.posting.id, title: suggestions.posting.title },
      open: suggestions.open,
      people: suggestions.people.map((p) => ({
        userId: p.userId,
        name: p.name,
        volunteerType: p.volunteerType,
        district: p.districtJa === null ? null : pick(locale, p.districtJa, p.districtEn),
        reasons: reasonTexts(p.reasons, locale, "organisation", categoryName),
      })),
      invited,
    },
    { headers: { "Cache-Control": "no-store" } },
  );
}

const REFUSALS = {
  "already-invited": { kind: "info", message: "recommendations.candidates.error.alreadyInvited" },
  "not-eligible": { kind: "error", message: "recommendations.candidates.error.notEligible" },
  "not-open": { kind: "error", message: "recommendations.candidates.error.notPublished" },
} as const;

export async function action({ request, params, context }: ActionFunctionArgs) {
  const orgId = requireIdParam(params.orgId);
  const postingId = requireIdParam(params.postingId);
  const { user } = await requireOrganisationMember(request, orgId, "edit-postings");
  const here = `/orgs/${orgId}/postings/${postingId}/candidates`;
  const parsed = parseForm(InviteVolunteerSchema, await readFormData(request));
  if (!parsed.success) return redirectWithToast(request, here, { kind: "error", message: "recommendations.candidates.error.notEligible" });
  const db = getDb();
  if (!(await checkRateLimits(db, [{ key: `invite-volunteer:org:${orgId}`, limit: INVITATIONS_PER_DAY, windowSeconds: 86400 }])))
    return redirectWithToast(request, here, { kind: "error", message: `recommendations.candidates.error.tooMany?max=${INVITATIONS_PER_DAY}` });
  const ctx = requestContext(request, context);
  const result = await inviteVolunteer(db, { organisationId: orgId, postingId, userId: parsed.data.userId, invitedBy: user.id, origin: ctx.origin, ip: ctx.ip });
  if (result.status === "not-found") notFound();
  if (result.status !== "ok") return redirectWithToast(request, here, REFUSALS[result.status]);
  afterCommit();
  return redirectWithToast(request, here, { kind: "success", message: `recommendations.candidates.done?${new URLSearchParams({ name: result.name })}` });
}

export default function Candidates() {
  const { organisation, posting, open, people, invited } = useLoaderData<typeof loader>();
  const t = useT();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle" && navigation.formMethod === "POST";
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <p>
        <Link to={`/orgs/${organisation.id}/postings/${posting.id}`}>← {t("recommendations.candidates.back")}</Link>
      </p>
      <PageHeader title={t("recommendations.candidates.title")} lead={posting.title} />
      <p>{t("recommendations.candidates.lead")}</p>
      <p className="text-sm text-stone-700">{t("recommendations.candidates.privacy")}</p>

      {!open ? (
        <p className="card">{t("recommendations.candidates.notPublished")}</p>
      ) : people.length ? (
        <ul aria-label={t("recommendations.candidates.listLabel")} className="space-y-3">
          {people.map((person) => (
            <li key={person.userId} className="card flex flex-wrap items-start justify-between gap-3" data-testid="candidate">
              <div className="min-w-0 flex-1 space-y-1">
                <h2 className="text-lg font-bold">{person.name}</h2>
                <dl className="flex flex-wrap gap-x-4 text-sm text-stone-700">
                  <div className="flex gap-1">
                    <dt>{t("recommendations.candidates.type")}:</dt>
                    <dd>{t(person.volunteerType ? `recommendations.type.${person.volunteerType}` : "recommendations.type.unknown")}</dd>
                  </div>
                  <div className="flex gap-1">
                    <dt>{t("recommendations.candidates.district")}:</dt>
                    <dd>{person.district ?? t("recommendations.candidates.noDistrict")}</dd>
                  </div>
                </dl>
                {person.reasons.length ? (
                  <ul aria-label={t("recommendations.candidates.fits")} className="flex flex-wrap gap-1">
                    {person.reasons.map((reason) => (
                      <li key={reason} className="rounded-full bg-amber-50 px-2 py-0.5 text-sm text-amber-900 ring-1 ring-amber-200">
                        {reason}
                      </li>
                    ))}
                  </ul>
                ) : null}
              </div>
              <Form method="post">
                <input type="hidden" name="intent" value="invite" />
                <input type="hidden" name="userId" value={person.userId} />
                <button type="submit" className="btn" disabled={busy} aria-label={t("recommendations.candidates.inviteLabel", { name: person.name })}>
                  {t("recommendations.candidates.invite")}
                </button>
              </Form>
            </li>
          ))}
        </ul>
      ) : (
        <EmptyState title={t("recommendations.candidates.none")} />
      )}

      <section aria-labelledby="invited-heading" className="space-y-2">
        <h2 id="invited-heading">{t("recommendations.candidates.invitedHeading")}</h2>
        {invited.length ? (
          <ul className="divide-y divide-stone-200 rounded-xl border border-stone-200 bg-white">
            {invited.map((i) => (
              <li key={i.id} className="flex flex-wrap items-center justify-between gap-2 px-4 py-3">
                <span className="font-semibold">{i.name ?? t("recommendations.candidates.formerUser")}</span>
                <span className="flex items-center gap-2 text-sm text-stone-700">
                  <span className="badge bg-brand-100 text-brand-800">{t("recommendations.candidates.invited")}</span>
                  {t("recommendations.candidates.invitedOn", { date: formatDate(i.invitedAt, t.locale) })}
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-stone-700">{t("recommendations.candidates.invitedNone")}</p>
        )}
      </section>
    </div>
  );
}
