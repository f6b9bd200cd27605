import { data, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { AuditActionSelect } from "~/components/audit-action-select";
import { AuditEntry } from "~/components/audit-entry";
import { FieldErrors } from "~/components/form";
import { EmptyState, PageHeader } from "~/components/ui";
import { parseAuditParams, searchAuditLog } from "~/modules/concerns/audit-search.server";
import { requirePermission } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { formatInstant } from "~/modules/audit/audit.labels";
import { useT } from "~/utils/use-i18n";

// A personal page: the loader's Cache-Control (no-store) applies to the page itself, not only to data requests.
export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export const meta: MetaFunction = () => [{ title: "監査ログ / Audit log | つなぐ八幡東" }];

/**
 * Read-only by design: this route has a loader and no action, and the table refuses changes (a trigger), so
 * the log can be searched but never edited from here.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "staff:access");
  const { query, errors, values } = parseAuditParams(new URL(request.url).searchParams);
  const result = await searchAuditLog(getDb(), query);
  // A filter the page cannot use (an id out of range, a date that is not one) is a 400, with its message beside the field.
  return data({ errors, values, ...result }, { status: Object.keys(errors).length ? 400 : 200, headers: { "Cache-Control": "no-store" } });
}


const FIELDS = [
  { name: "actor", label: "audit.actor", hint: "audit.actorHint" },
  { name: "subjectType", label: "audit.subjectType", hint: "audit.subjectTypeHint" },
  { name: "subjectId", label: "audit.subjectId", hint: null },
] as const;

export default function AuditLog() {
  const { errors, values, entries, hasNewer, hasOlder, newest, oldest } = useLoaderData<typeof loader>();
  const t = useT();
  const filters = new URLSearchParams(values);
  const pageLink = (cursor: Record<string, number>) => {
    const p = new URLSearchParams(filters);
    for (const [k, v] of Object.entries(cursor)) p.set(k, String(v));
    return `/staff/audit?${p}`;
  };
  return (
    <div className="space-y-6">
      <p>
        <Link to="/staff">← {t("staff.title")}</Link>
      </p>
      <PageHeader
        title={t("audit.title")}
        lead={t("audit.lead")}
        actions={
          <>
            <a href={`/staff/audit.csv${filters.toString() ? `?${filters}` : ""}`} className="btn-secondary" download>
              {t("audit.export")}
            </a>
            <Link to="/staff/concerns" className="btn-secondary">
              {t("concerns.staff.homeLink")}
            </Link>
          </>
        }
      />
      <Form method="get" className="card grid gap-3 sm:grid-cols-2 lg:grid-cols-3" aria-label={t("audit.filter")}>
        <AuditActionSelect value={values.action ?? ""} errors={errors.action} />
        {FIELDS.map((f) => (
          <div key={f.name}>
            <label htmlFor={`f-${f.name}`} className="block font-semibold">
              {t(f.label)}
            </label>
            {f.hint ? (
              <p id={`f-${f.name}-hint`} className="text-sm text-stone-600">
                {t(f.hint)}
              </p>
            ) : null}
            <input
              id={`f-${f.name}`}
              name={f.name}
              defaultValue={values[f.name] ?? ""}
              className="input mt-1"
              autoComplete="off"
              maxLength={f.name === "actor" ? 254 : 100}
              aria-invalid={errors[f.name] ? true : undefined}
              aria-describedby={[f.hint ? `f-${f.name}-hint` : "", `f-${f.name}-error`].filter(Boolean).join(" ")}
            />
            <FieldErrors id={`f-${f.name}-error`} errors={errors[f.name]} />
          </div>
        ))}
        {(["from", "to"] as const).map((name) => (
          <div key={name}>
            <label htmlFor={`f-${name}`} className="block font-semibold">
              {t(`audit.${name}`)}
            </label>
            <input
              id={`f-${name}`}
              name={name}
              type="date"
              defaultValue={values[name] ?? ""}
              className="input mt-1"
              aria-invalid={errors[name] ? true : undefined}
              aria-describedby={`f-${name}-error`}
            />
            <FieldErrors id={`f-${name}-error`} errors={errors[name]} />
          </div>
        ))}
        <div className="flex flex-wrap items-end gap-2 pb-6">
          <button type="submit" className="btn">
            {t("audit.search")}
          </button>
          <Link to="/staff/audit" className="btn-secondary">
            {t("audit.clear")}
          </Link>
        </div>
      </Form>
      {/* A paging link edited by hand (before=/after= not an id): said here, as the cursor has no field. */}
      {errors.before || errors.after ? <FieldErrors id="f-cursor-error" errors={errors.before ?? errors.after} /> : null}

      {entries.length === 0 ? (
        <EmptyState title={t("audit.empty")} />
      ) : (
        <ol className="space-y-2" aria-label={t("audit.listCaption")}>
          {entries.map((e) => (
            <AuditEntry key={e.id} entry={e} when={formatInstant(e.at, t.locale)} />
          ))}
        </ol>
      )}
      <nav aria-label={t("audit.pagination")} className="flex flex-wrap gap-2">
        {hasNewer ? (
          <>
            <Link to={`/staff/audit${filters.toString() ? `?${filters}` : ""}`} className="btn-secondary">
              {t("audit.latest")}
            </Link>
            {newest !== undefined ? (
              <Link to={pageLink({ after: newest })} className="btn-secondary">
                ← {t("audit.newer")}
              </Link>
            ) : null}
          </>
        ) : null}
        {hasOlder && oldest !== undefined ? (
          <Link to={pageLink({ before: oldest })} className="btn-secondary">
            {t("audit.older")} →
          </Link>
        ) : null}
      </nav>
    </div>
  );
}
