import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { randomBytes } from "node:crypto";
import { PostingForm } from "~/components/posting-form";
import { PageHeader } from "~/components/ui";
import { addRowsResponse, postingFormLists } from "~/modules/postings/posting-form.server";
import { postingSchema } from "~/modules/postings/postings.schema";
import { createPosting } from "~/modules/postings/postings.server";
import { requireOrganisationMember } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { formDataToObject, formFailure, parseForm } from "~/utils/form";
import { notFound, requireIdParam } from "~/utils/http.server";
import { requestContext } from "~/utils/request.server";
import { toastCookie } from "~/utils/toast.server";
import { useT } from "~/utils/use-i18n";
import { readFormData } from "~/utils/form-body.server";

export const meta: MetaFunction = () => [{ title: "募集をつくる / New posting | つなぐ八幡東" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { organisation, user } = await requireOrganisationMember(request, requireIdParam(params.orgId), "edit-postings");
  return {
    organisation: { id: organisation.id, name: organisation.name, status: organisation.status, district_id: organisation.district_id },
    contactName: user.display_name,
    lists: await postingFormLists(getDb()),
    submissionKey: randomBytes(12).toString("base64url"),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const orgId = requireIdParam(params.orgId);
  const { user } = await requireOrganisationMember(request, orgId, "edit-postings");
  const formData = await readFormData(request);
  if (formData.get("intent") === "add-rows") return addRowsResponse(formData);
  const parsed = parseForm(postingSchema(new Date()), formData);
  if (!parsed.success) return data(parsed.failure, { status: 400 });
  const result = await createPosting(getDb(), orgId, user.id, parsed.data, requestContext(request, context).ip);
  if (result.status === "invalid") return data(formFailure({ [result.field]: [result.message] }, formDataToObject(formData).values), { status: 400 });
  if (result.status !== "ok") notFound();
  throw redirect(`/orgs/${orgId}/postings/${result.id}`, { headers: { "Set-Cookie": toastCookie(request, { kind: "success", message: "postingForm.created" }) } });
}

export default function NewPosting() {
  const { organisation, contactName, lists, submissionKey } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const t = useT();
  return (
    <div className="mx-auto max-w-3xl">
      <p>
        <Link to={`/orgs/${organisation.id}`}>← {organisation.name}</Link>
      </p>
      <PageHeader title={t("postingForm.newTitle")} lead={t("postingForm.newLead")} />
      {organisation.status !== "verified" ? (
        <p role="note" className="mb-4 rounded-lg border-l-4 border-amber-600 bg-amber-50 p-3">
          {t("postingForm.unverifiedNote")}
        </p>
      ) : null}
      <PostingForm
        failure={failure}
        defaults={{ districtId: organisation.district_id, contactName }}
        lists={lists}
        submissionKey={submissionKey}
        submitLabel={t("postingForm.saveDraft")}
        extraRows={failure && "extraRows" in failure ? failure.extraRows : undefined}
      />
    </div>
  );
}
