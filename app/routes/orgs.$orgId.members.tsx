import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type HeadersFunction, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Field, FormErrorSummary, Select, SubmitButton } from "~/components/form";
import { PageHeader } from "~/components/ui";
import { InviteSchema } from "~/modules/organisations/organisations.schema";
import { inviteMember, listMembers, listOpenInvitations, removeMember, revokeInvitation } from "~/modules/organisations/organisations.server";
import { requireOrganisationMember } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { formatDate } from "~/utils/format";
import { formFailure, parseForm } from "~/utils/form";
import { requireIdParam } from "~/utils/http.server";
import { checkRateLimits } from "~/utils/rate-limit.server";
import { afterCommit, requestContext } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";
import { useT } from "~/utils/use-i18n";
import { readFormData } from "~/utils/form-body.server";

// A personal page: the loader's Cache-Control (no-store) applies to the page itself, not only to data requests.
export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export const meta: MetaFunction = () => [{ title: "メンバー / Members | つなぐ八幡東" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const orgId = requireIdParam(params.orgId);
  const { organisation, user } = await requireOrganisationMember(request, orgId, "manage-members");
  const db = getDb();
  const [members, invitations] = await Promise.all([listMembers(db, orgId), listOpenInvitations(db, orgId)]);
  return data({ organisation: { id: organisation.id, name: organisation.name }, members, invitations, me: user.id }, { headers: { "Cache-Control": "no-store" } });
}

const IdSchema = z.object({ id: z.coerce.number().int().positive() });

export async function action({ request, params, context }: ActionFunctionArgs) {
  const orgId = requireIdParam(params.orgId);
  const { user } = await requireOrganisationMember(request, orgId, "manage-members");
  const db = getDb();
  const ctx = requestContext(request, context);
  const formData = await readFormData(request);
  const intent = formData.get("intent");
  const back = `/orgs/${orgId}/members`;
  if (intent === "invite") {
    const parsed = parseForm(InviteSchema, formData);
    if (!parsed.success) return data(parsed.failure, { status: 400 });
    if (!(await checkRateLimits(db, [{ key: `invite:org:${orgId}`, limit: 30, windowSeconds: 3600 }])))
      return data(formFailure({ form: ["auth.tooMany"] }), { status: 429 });
    const result = await inviteMember(db, orgId, user.id, parsed.data, ctx);
    if (result === "already-member") return data(formFailure({ email: ["members.alreadyMember"] }, { email: parsed.data.email }), { status: 400 });
    afterCommit();
    return redirectWithToast(request, back, { kind: "success", message: "members.invited" });
  }
  const parsed = IdSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return data(formFailure({ form: ["v.invalid"] }), { status: 400 });
  if (intent === "revoke") {
    await revokeInvitation(db, orgId, parsed.data.id);
    return redirectWithToast(request, back, { kind: "success", message: "members.revoked" });
  }
  if (intent === "remove") {
    const result = await removeMember(db, orgId, parsed.data.id, user.id, ctx.ip);
    if (result === "last-owner") return data(formFailure({ form: ["members.lastOwner"] }), { status: 400 });
    return redirectWithToast(request, back, { kind: "success", message: "members.removed" });
  }
  return data(formFailure({ form: ["v.invalid"] }), { status: 400 });
}

export default function Members() {
  const { organisation, members, invitations, me } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const t = useT();
  return (
    <div className="space-y-6">
      <p>
        <Link to={`/orgs/${organisation.id}`}>← {organisation.name}</Link>
      </p>
      <PageHeader title={t("members.title")} lead={t("members.lead")} />
      <FormErrorSummary failure={failure && failure.errors.form ? failure : null} />
      <section aria-labelledby="current" className="card">
        <h2 id="current">{t("members.current")}</h2>
        <ul className="mt-2 divide-y divide-stone-200">
          {members.map((m) => (
            <li key={m.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
              <span>
                {m.display_name || m.email} <span className="text-sm text-stone-700">（{t(`memberRole.${m.role}`)}）</span>
              </span>
              {m.id !== me ? (
                <Form method="post">
                  <input type="hidden" name="intent" value="remove" />
                  <input type="hidden" name="id" value={m.id} />
                  <button type="submit" className="btn-secondary text-sm" aria-label={t("members.removeNamed", { name: m.display_name || m.email })}>
                    {t("members.remove")}
                  </button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
      </section>
      {invitations.length ? (
        <section aria-labelledby="pending" className="card">
          <h2 id="pending">{t("members.pending")}</h2>
          <ul className="mt-2 divide-y divide-stone-200">
            {invitations.map((i) => (
              <li key={i.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                <span>
                  {i.email}（{t(`memberRole.${i.role}`)}）{" "}
                  <span className="text-sm text-stone-700">{t("members.expires", { date: formatDate(i.expires_at, t.locale) })}</span>
                </span>
                <Form method="post">
                  <input type="hidden" name="intent" value="revoke" />
                  <input type="hidden" name="id" value={i.id} />
                  <button type="submit" className="btn-secondary text-sm">
                    {t("members.revoke")}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <Form method="post" className="card space-y-2" noValidate aria-labelledby="invite">
        <h2 id="invite">{t("members.invite")}</h2>
        <input type="hidden" name="intent" value="invite" />
        <Field name="email" type="email" label={t("auth.email")} required failure={failure} />
        <Select
          name="role"
          label={t("members.role")}
          hint={t("members.roleHint")}
          defaultValue="editor"
          required
          options={[
            { value: "editor", label: t("memberRole.editor") },
            { value: "owner", label: t("memberRole.owner") },
          ]}
          failure={failure}
        />
        <SubmitButton>{t("members.send")}</SubmitButton>
      </Form>
    </div>
  );
}
