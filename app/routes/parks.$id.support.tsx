import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Field, FormErrorSummary, Select, SubmitButton, TextArea } from "~/components/form";
import { PageHeader } from "~/components/ui";
import { SupporterSchema } from "~/modules/parks/parks.schema";
import { SUPPORTER_KINDS } from "~/modules/parks/parks.vocabulary";
import { publicPark } from "~/modules/parks/public.server";
import { registerSupporter } from "~/modules/parks/supporters.server";
import { getDb } from "~/utils/db.server";
import { formDataToObject, formFailure, parseForm } from "~/utils/form";
import { readFormData } from "~/utils/form-body.server";
import { notFound, requireIdParam } from "~/utils/http.server";
import { checkRateLimits } from "~/utils/rate-limit.server";
import { requestContext } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";
import { useT } from "~/utils/use-i18n";

export const meta: MetaFunction = () => [{ title: "公園応援団 / Park supporters | つなぐ八幡東" }];

export async function loader({ params }: LoaderFunctionArgs) {
  const page = await publicPark(getDb(), requireIdParam(params.id));
  if (!page) notFound();
  return data({ park: { id: page.park.id, name: page.park.name } });
}

/** A company or school offers support; staff approve it before it shows. Limited per address like other public forms. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const parkId = requireIdParam(params.id);
  const formData = await readFormData(request);
  const parsed = parseForm(SupporterSchema, formData);
  if (!parsed.success) return data(parsed.failure, { status: 400 });
  const db = getDb();
  const ctx = requestContext(request, context);
  const rules = [
    { key: `park-supporter:ip:${ctx.ip}`, limit: 5, windowSeconds: 15 * 60 },
    { key: `park-supporter:ip-day:${ctx.ip}`, limit: 20, windowSeconds: 24 * 3600 },
  ];
  if (!(await checkRateLimits(db, rules))) return data(formFailure({ form: ["auth.tooMany"] }, formDataToObject(formData).values), { status: 429 });
  if ((await registerSupporter(db, parkId, parsed.data, ctx)) === "not-found") notFound();
  return redirectWithToast(request, `/parks/${parkId}`, { kind: "success", message: "parks.support.done" });
}

export default function SupportPark() {
  const { park } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const t = useT();
  return (
    <div className="space-y-6">
      <p>
        <Link to={`/parks/${park.id}`}>← {park.name}</Link>
      </p>
      <PageHeader title={t("parks.support.title", { park: park.name })} lead={t("parks.support.lead")} />
      <FormErrorSummary failure={failure} />
      <Form method="post" className="card max-w-2xl space-y-1">
        <Field name="name" label={t("parks.support.name")} required maxLength={100} failure={failure} />
        <Select name="kind" label={t("parks.support.kind")} required failure={failure} options={SUPPORTER_KINDS.map((k) => ({ value: k, label: t(`parks.supporterKind.${k}`) }))} />
        <TextArea name="offer" label={t("parks.support.offer")} required rows={4} maxLength={1000} failure={failure} />
        <Field name="contactName" label={t("parks.support.contactName")} required maxLength={60} autoComplete="name" failure={failure} />
        <Field name="contactEmail" label={t("parks.support.contactEmail")} type="email" required maxLength={200} autoComplete="email" failure={failure} />
        <Field name="contactPhone" label={t("parks.support.contactPhone")} type="tel" inputMode="tel" maxLength={30} failure={failure} />
        <SubmitButton>{t("parks.support.submit")}</SubmitButton>
      </Form>
    </div>
  );
}
