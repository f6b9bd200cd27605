import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { CredentialStates, SafeguardingStatusBadge } from "~/components/safeguarding-badge";
import { Field, FormErrorSummary, Select, SubmitButton } from "~/components/form";
import { EmptyState, PageHeader, PostingStatusBadge } from "~/components/ui";
import { tokyoDate } from "~/modules/safeguarding/declarations.rules";
import { criminalRecordCheckSchema } from "~/modules/safeguarding/declarations.schema";
import { listChecks, recordCriminalRecordCheck, safeguardingPeople } from "~/modules/safeguarding/declarations.server";
import { minorsPostingsOf } from "~/modules/safeguarding/review.server";
import { requireOrganisationMember } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { formatDate } from "~/utils/format";
import { formDataToObject, formFailure, parseForm } from "~/utils/form";
import { requireIdParam } from "~/utils/http.server";
import { memberCan } from "~/utils/permissions";
import { requestContext } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";
import { useT } from "~/utils/use-i18n";
import { readFormData } from "~/utils/form-body.server";

// A personal page: the loader's Cache-Control (no-store) applies to the page itself, not only to data requests.
export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export const meta: MetaFunction = () => [{ title: "安全確認 / Safeguarding | つなぐ八幡東" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const orgId = requireIdParam(params.orgId);
  const { organisation, role } = await requireOrganisationMember(request, orgId, "view-dashboard");
  const db = getDb();
  const today = tokyoDate(new Date());
  const owner = memberCan(role, "manage-members");
  const [people, postings, checks] = await Promise.all([safeguardingPeople(db, orgId, today), minorsPostingsOf(db, orgId), owner ? listChecks(db, orgId) : Promise.resolve([])]);
  return data({ organisation: { id: organisation.id, name: organisation.name }, people, postings, checks, owner, today }, { headers: { "Cache-Control": "no-store" } });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const orgId = requireIdParam(params.orgId);
  // Recording checks is for owners: the people who answer for the organisation.
  const { user } = await requireOrganisationMember(request, orgId, "manage-members");
  const formData = await readFormData(request);
  const parsed = parseForm(criminalRecordCheckSchema(tokyoDate(new Date())), formData);
  if (!parsed.success) return data(parsed.failure, { status: 400 });
  const result = await recordCriminalRecordCheck(getDb(), orgId, user.id, parsed.data, requestContext(request, context).ip);
  if (result === "not-member") return data(formFailure({ userId: ["safeguarding.check.notMember"] }, formDataToObject(formData).values), { status: 400 });
  return redirectWithToast(request, `/orgs/${orgId}/safeguarding`, { kind: "success", message: "safeguarding.check.done" });
}

const dateText = (date: string, locale: "ja" | "en") => formatDate(`${date}T12:00:00+09:00`, locale);

export default function OrganisationSafeguarding() {
  const { organisation, people, postings, checks, owner } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const t = useT();
  const warnings = people.flatMap((p) => {
    const out: { key: string; text: string; expired: boolean }[] = [];
    for (const [what, state, until] of [
      ["declaration", p.declaration.state, p.declaration.validUntil],
      ["check", p.check.state, p.check.validUntil],
    ] as const) {
      if ((state === "expiring" || state === "expired") && until)
        out.push({
          key: `${p.userId}-${what}`,
          expired: state === "expired",
          text: t(state === "expired" ? "safeguarding.people.warnExpired" : "safeguarding.people.warnExpiring", {
            name: p.name,
            what: t(`safeguarding.what.${what}`),
            date: dateText(until, t.locale),
          }),
        });
    }
    return out;
  });
  return (
    <div className="space-y-6">
      <p>
        <Link to={`/orgs/${organisation.id}`}>← {organisation.name}</Link>
      </p>
      <PageHeader
        title={t("safeguarding.people.title")}
        lead={t("safeguarding.people.lead")}
        actions={
          <Link to={`/orgs/${organisation.id}/safeguarding/declaration`} className="btn">
            {t("safeguarding.people.declareLink")}
          </Link>
        }
      />

      {warnings.length ? (
        <section aria-labelledby="warnings-heading" role="status" className="rounded-lg border-l-4 border-amber-600 bg-amber-50 p-3">
          <h2 id="warnings-heading" className="text-base">
            {t("safeguarding.people.warningsTitle")}
          </h2>
          <ul className="mt-1 list-disc pl-5">
            {warnings.map((w) => (
              <li key={w.key} className={w.expired ? "font-semibold text-red-800" : "text-amber-900"}>
                {w.text}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="people-heading" className="card overflow-x-auto">
        <h2 id="people-heading">{t("safeguarding.people.tableCaption")}</h2>
        <table className="mt-2 w-full border-collapse text-left">
          <caption className="sr-only">{t("safeguarding.people.tableCaption")}</caption>
          <thead className="bg-stone-100">
            <tr>
              <th scope="col" className="p-2">
                {t("safeguarding.people.name")}
              </th>
              <th scope="col" className="p-2">
                {t("safeguarding.people.declaration")} / {t("safeguarding.people.check")}
              </th>
              <th scope="col" className="hidden p-2 sm:table-cell">
                {t("safeguarding.people.named")}
              </th>
            </tr>
          </thead>
          <tbody>
            {people.map((p) => (
              <tr key={p.userId} className="border-t border-stone-200 align-top">
                <th scope="row" className="p-2 text-left font-semibold">
                  {p.name || "—"}
                  <span className="block text-sm font-normal text-stone-700">{t(`memberRole.${p.role}`)}</span>
                </th>
                <td className="p-2 text-sm">
                  <CredentialStates declaration={p.declaration} check={p.check} />
                </td>
                <td className="hidden p-2 text-sm sm:table-cell">
                  {p.postings.length ? (
                    <ul className="space-y-1">
                      {p.postings.map((posting) => (
                        <li key={posting.id}>
                          <Link to={`/orgs/${organisation.id}/postings/${posting.id}/safeguarding`} className="inline-flex min-h-6 items-center">
                            {posting.title}
                          </Link>
                        </li>
                      ))}
                    </ul>
                  ) : (
                    t("safeguarding.people.noneNamed")
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="postings-heading" className="card">
        <h2 id="postings-heading">{t("safeguarding.people.postingsTitle")}</h2>
        {postings.length === 0 ? (
          <EmptyState title={t("safeguarding.people.postingsNone")} />
        ) : (
          <ul className="mt-2 divide-y divide-stone-200">
            {postings.map((p) => (
              <li key={p.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                <span className="flex flex-wrap items-center gap-2">
                  <Link to={`/orgs/${organisation.id}/postings/${p.id}`}>{p.title}</Link>
                  <PostingStatusBadge status={p.status} />
                  <SafeguardingStatusBadge status={p.safeguarding_status} />
                </span>
                <Link to={`/orgs/${organisation.id}/postings/${p.id}/safeguarding`} className="btn-secondary">
                  {t("safeguarding.people.checklistLink")}
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="check-heading" className="card space-y-3">
        <h2 id="check-heading">{t("safeguarding.check.title")}</h2>
        <p role="note" className="rounded-lg border-l-4 border-brand-600 bg-brand-50 p-3 text-sm">
          {t("safeguarding.check.lead")}
        </p>
        {owner ? (
          <>
            <Form method="post" className="space-y-2" noValidate>
              <FormErrorSummary failure={failure} />
              <Select
                name="userId"
                label={t("safeguarding.check.person")}
                required
                failure={failure}
                options={people.map((p) => ({ value: p.userId, label: p.name || "—" }))}
              />
              <Field name="checkedOn" type="date" label={t("safeguarding.check.checkedOn")} required failure={failure} />
              <Field name="checkedBy" label={t("safeguarding.check.checkedBy")} hint={t("safeguarding.check.checkedByHint")} required maxLength={100} failure={failure} />
              <Field name="validUntil" type="date" label={t("safeguarding.check.validUntil")} required failure={failure} />
              <SubmitButton>{t("safeguarding.check.submit")}</SubmitButton>
            </Form>
            <h3 className="font-bold">{t("safeguarding.check.recorded")}</h3>
            {checks.length === 0 ? (
              <p>{t("safeguarding.check.none")}</p>
            ) : (
              <ul className="list-disc pl-5 text-sm">
                {checks.map((c) => (
                  <li key={c.id}>
                    {t("safeguarding.check.entry", {
                      name: c.display_name || "—",
                      checkedOn: dateText(c.checked_on, t.locale),
                      checkedBy: c.checked_by,
                      validUntil: dateText(c.valid_until, t.locale),
                    })}
                  </li>
                ))}
              </ul>
            )}
          </>
        ) : (
          <p>{t("safeguarding.check.ownerOnly")}</p>
        )}
      </section>
    </div>
  );
}
