import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type HeadersFunction, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Field, FormErrorSummary, Select, SubmitButton } from "~/components/form";
import { PageHeader } from "~/components/ui";
import { StaffAccountSchema } from "~/modules/admin/admin.schema";
import { createStaffAccount, listStaff, setAccountDisabled } from "~/modules/admin/admin.server";
import { requirePermission } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { formFailure, parseForm } from "~/utils/form";
import { afterCommit, requestContext } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";
import { useT } from "~/utils/use-i18n";
import { readFormData } from "~/utils/form-body.server";

// A personal page: the loader's Cache-Control (no-store) applies to the page itself, not only to data requests.
export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export const meta: MetaFunction = () => [{ title: "管理 / Admin | つなぐ八幡東" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requirePermission(request, "manage:staff");
  return data({ staff: await listStaff(getDb()), me: admin.id }, { headers: { "Cache-Control": "no-store" } });
}

const ToggleSchema = z.object({ id: z.coerce.number().int().positive(), disabled: z.enum(["true", "false"]) });

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = await requirePermission(request, "manage:staff");
  const ctx = requestContext(request, context);
  const formData = await readFormData(request);
  if (formData.get("intent") === "create") {
    const parsed = parseForm(StaffAccountSchema, formData);
    if (!parsed.success) return data(parsed.failure, { status: 400 });
    await createStaffAccount(getDb(), admin.id, parsed.data, ctx);
    afterCommit();
    return redirectWithToast(request, "/admin", { kind: "success", message: "admin.staffCreated" });
  }
  if (formData.get("intent") === "toggle") {
    const parsed = ToggleSchema.safeParse(Object.fromEntries(formData));
    if (!parsed.success) return data(formFailure({ form: ["v.invalid"] }), { status: 400 });
    const result = await setAccountDisabled(getDb(), admin.id, parsed.data.id, parsed.data.disabled === "true", ctx.ip);
    if (result === "self") return data(formFailure({ form: ["admin.notSelf"] }), { status: 400 });
    return redirectWithToast(request, "/admin", { kind: "success", message: "admin.saved" });
  }
  return data(formFailure({ form: ["v.invalid"] }), { status: 400 });
}

export default function Admin() {
  const { staff, me } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const t = useT();
  return (
    <div className="space-y-6">
      <PageHeader
        title={t("admin.title")}
        actions={
          <Link to="/admin/lists" className="btn-secondary">
            {t("admin.lists")}
          </Link>
        }
      />
      <FormErrorSummary failure={failure && failure.errors.form ? failure : null} />
      <section className="card" aria-labelledby="staff-heading">
        <h2 id="staff-heading">{t("admin.staff")}</h2>
        <ul className="mt-2 divide-y divide-stone-200">
          {staff.map((s) => (
            <li key={s.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
              <span>
                {s.display_name || s.email}（{t(`role.${s.role}`)}）<span className="text-sm text-stone-700">{s.email}</span>{" "}
                {s.totp_enabled_at ? <span className="badge bg-brand-100 text-brand-800">{t("admin.totpOn")}</span> : <span className="badge bg-amber-100 text-amber-900">{t("admin.totpOff")}</span>}
                {s.disabled_at ? <span className="badge ml-1 bg-red-100 text-red-800">{t("admin.disabled")}</span> : null}
              </span>
              {s.id !== me ? (
                <Form method="post">
                  <input type="hidden" name="intent" value="toggle" />
                  <input type="hidden" name="id" value={s.id} />
                  <input type="hidden" name="disabled" value={s.disabled_at ? "false" : "true"} />
                  <button type="submit" className="btn-secondary text-sm">
                    {s.disabled_at ? t("admin.enable") : t("admin.disable")}
                  </button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
      </section>
      <Form method="post" className="card space-y-2" noValidate aria-labelledby="new-staff">
        <h2 id="new-staff">{t("admin.addStaff")}</h2>
        <p className="text-sm text-stone-700">{t("admin.addStaffHint")}</p>
        <input type="hidden" name="intent" value="create" />
        <Field name="displayName" label={t("signup.displayName")} required failure={failure} />
        <Field name="email" type="email" label={t("auth.email")} required failure={failure} />
        <Select
          name="role"
          label={t("admin.role")}
          defaultValue="staff"
          required
          options={[
            { value: "staff", label: t("role.staff") },
            { value: "admin", label: t("role.admin") },
          ]}
          failure={failure}
        />
        <SubmitButton>{t("admin.create")}</SubmitButton>
      </Form>
    </div>
  );
}
