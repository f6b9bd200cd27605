import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { randomBytes } from "node:crypto";
import { OrganisationForm } from "~/components/organisation-form";
import { PageHeader } from "~/components/ui";
import { listDistricts } from "~/modules/catalogue/catalogue.server";
import { OrganisationSchema } from "~/modules/organisations/organisations.schema";
import { registerOrganisation } from "~/modules/organisations/organisations.server";
import { requireUser } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { formFailure, parseForm } from "~/utils/form";
import { checkRateLimits } from "~/utils/rate-limit.server";
import { afterCommit, requestContext } from "~/utils/request.server";
import { toastCookie } from "~/utils/toast.server";
import { useT } from "~/utils/use-i18n";
import { readFormData } from "~/utils/form-body.server";

export const meta: MetaFunction = () => [{ title: "団体の登録 / Register a group | つなぐ八幡東" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return { districts: await listDistricts(getDb()), submissionKey: randomBytes(12).toString("base64url") };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const parsed = parseForm(OrganisationSchema, await readFormData(request));
  if (!parsed.success) return data(parsed.failure, { status: 400 });
  // Anti-automation (security checklist E5): a person registers a handful of groups a day at most.
  if (!(await checkRateLimits(getDb(), [{ key: `org-register:user:${user.id}`, limit: 5, windowSeconds: 86400 }])))
    return data(formFailure({ form: ["auth.tooMany"] }), { status: 429 });
  const result = await registerOrganisation(getDb(), user.id, parsed.data, requestContext(request, context));
  if (result.status === "unknown-district") return data(formFailure({ districtId: ["v.choice"] }), { status: 400 });
  afterCommit();
  throw redirect(`/orgs/${result.id}`, { headers: { "Set-Cookie": toastCookie(request, { kind: "success", message: "org.registered" }) } });
}

export default function NewOrganisation() {
  const { districts, submissionKey } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const t = useT();
  return (
    <div className="mx-auto max-w-2xl">
      <PageHeader title={t("org.newTitle")} lead={t("org.newLead")} />
      <OrganisationForm failure={failure} districts={districts} submissionKey={submissionKey} submitLabel={t("org.register")} />
    </div>
  );
}
