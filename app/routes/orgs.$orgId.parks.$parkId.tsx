import { randomUUID } from "node:crypto";
import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { FormErrorSummary, SubmitButton } from "~/components/form";
import { ActivityForm } from "~/components/parks/activity-form";
import { AssociationFields } from "~/components/parks/association-form";
import { PageHeader } from "~/components/ui";
import { deleteActivity, recordActivity } from "~/modules/parks/activities.server";
import { associationPage } from "~/modules/parks/association-page.server";
import { draftOutreachPosting } from "~/modules/parks/outreach.server";
import { activitySchema, AssociationSchema } from "~/modules/parks/parks.schema";
import { isOwnPark, saveAssociation } from "~/modules/parks/registry.server";
import { requireOrganisationMember } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { formatDate, tokyoDateString } from "~/utils/format";
import { parseForm } from "~/utils/form";
import { readFormData } from "~/utils/form-body.server";
import { notFound, requireIdParam } from "~/utils/http.server";
import { memberCan } from "~/utils/permissions";
import { requestContext } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";
import { useT } from "~/utils/use-i18n";
import { toDbId } from "~/utils/zod-number";

// A personal page: the loader's Cache-Control (no-store) applies to the page itself.
export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.page.park.name ?? ""} | 公園の記録 / Park records | つなぐ八幡東` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const orgId = requireIdParam(params.orgId);
  const parkId = requireIdParam(params.parkId);
  const { role } = await requireOrganisationMember(request, orgId, "view-dashboard");
  const page = await associationPage(getDb(), orgId, parkId);
  // Another association's park reads as missing: its record is not this group's to see.
  if (!page) notFound();
  return data({ orgId, page, canEditRecord: memberCan(role, "edit-organisation"), submissionKey: randomUUID() }, { headers: { "Cache-Control": "no-store" } });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const orgId = requireIdParam(params.orgId);
  const parkId = requireIdParam(params.parkId);
  const formData = await readFormData(request);
  const intent = formData.get("intent");
  const { user } = await requireOrganisationMember(request, orgId, intent === "record" ? "edit-organisation" : "edit-postings");
  const db = getDb();
  if (!(await isOwnPark(db, orgId, parkId))) notFound();
  const actor = { userId: user.id, ip: requestContext(request, context).ip };
  const back = `/orgs/${orgId}/parks/${parkId}`;
  if (intent === "record") {
    const parsed = parseForm(AssociationSchema, formData);
    if (!parsed.success) return data({ form: "record" as const, ...parsed.failure }, { status: 400 });
    await saveAssociation(db, parkId, parsed.data, actor);
    return redirectWithToast(request, back, { kind: "success", message: "parks.org.recordSaved" });
  }
  if (intent === "delete") {
    const id = toDbId(formData.get("activityId"));
    if (id === null || !(await deleteActivity(db, parkId, id))) notFound();
    return redirectWithToast(request, back, { kind: "success", message: "parks.org.logDeleted" });
  }
  if (intent === "outreach") {
    const key = formData.get("submissionKey");
    const result = await draftOutreachPosting(db, { organisationId: orgId, parkId, userId: user.id, ip: actor.ip, submissionKey: typeof key === "string" && /^[A-Za-z0-9_-]{8,64}$/.test(key) ? key : undefined });
    if (result.status !== "ok") notFound();
    return redirectWithToast(request, `/orgs/${orgId}/postings/${result.id}`, { kind: "success", message: "parks.org.outreachDone" });
  }
  const parsed = parseForm(activitySchema(tokyoDateString(new Date())), formData);
  if (!parsed.success) return data({ form: "log" as const, ...parsed.failure }, { status: 400 });
  await recordActivity(db, parkId, parsed.data, actor);
  return redirectWithToast(request, back, { kind: "success", message: "parks.org.logSaved" });
}

export default function AssociationPark() {
  const { orgId, page, canEditRecord, submissionKey } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const t = useT();
  const hours = (m: number) => (Math.round((m / 60) * 10) / 10).toString();
  return (
    <div className="space-y-6">
      <p>
        <Link to={`/orgs/${orgId}`}>← {page.association.organisation_name ?? page.association.name}</Link>
      </p>
      <PageHeader
        title={page.park.name}
        lead={`${page.association.name} · ${t("parks.staff.grant", { yen: page.grant.yen.toLocaleString("ja-JP"), band: page.grant.band })}`}
        actions={page.years.map((y) => (
          <a key={y} href={`/orgs/${orgId}/parks/${page.park.id}/report.pdf?year=${y}`} className="btn-secondary" download>
            {t("parks.org.report")} {t("parks.org.reportYear", { year: y })}
          </a>
        ))}
      />

      <section aria-labelledby="log-heading" className="card">
        <h2 id="log-heading">{t("parks.org.log")}</h2>
        {failure?.form === "log" ? <FormErrorSummary failure={failure} /> : null}
        <ActivityForm today={page.today} failure={failure?.form === "log" ? failure : null} submissionKey={submissionKey} />
      </section>

      <section aria-labelledby="recent-heading" className="card">
        <h2 id="recent-heading">{t("parks.org.recent")}</h2>
        <p className="text-sm text-stone-700">{t("parks.org.siteSessions")}</p>
        {page.recent.length === 0 && page.site.length === 0 ? <p>{t("parks.org.noActivities")}</p> : null}
        <ul className="mt-2 divide-y divide-stone-200">
          {page.recent.map((a) => (
            <li key={a.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
              <span>
                {formatDate(`${a.date}T12:00:00+09:00`, t.locale)} · {t(`parks.kind.${a.kind}`)} · {t("parks.page.members", { count: a.people })} · {hours(a.minutes)}h{a.note ? ` · ${a.note}` : ""}
              </span>
              <Form method="post">
                <input type="hidden" name="activityId" value={a.id} />
                <SubmitButton name="intent" value="delete" className="btn-secondary">
                  {t("parks.org.delete")}
                </SubmitButton>
              </Form>
            </li>
          ))}
          {page.site.map((s) => (
            <li key={`${s.date}-${s.title}`} className="py-2">
              {formatDate(`${s.date}T12:00:00+09:00`, t.locale)} · {t("parks.kind.site")}: {s.title} · {t("parks.page.members", { count: s.people })}
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="outreach-heading" className="card">
        <h2 id="outreach-heading">{t("parks.org.outreach")}</h2>
        <p>{t("parks.org.outreachLead")}</p>
        <p className="mt-1 text-sm">{t("parks.org.youth", { came: page.youth.came, cameBack: page.youth.cameBack, members: page.youth.becameMembers })}</p>
        <Form method="post" className="mt-2">
          <input type="hidden" name="submissionKey" value={submissionKey} />
          <SubmitButton name="intent" value="outreach">
            {t("parks.org.outreachButton")}
          </SubmitButton>
        </Form>
      </section>

      {canEditRecord ? (
        <section aria-labelledby="record-heading" className="card">
          <h2 id="record-heading">{t("parks.org.record")}</h2>
          {failure?.form === "record" ? <FormErrorSummary failure={failure} /> : null}
          <Form method="post">
            <AssociationFields values={page.association} failure={failure?.form === "record" ? failure : null} />
            <SubmitButton name="intent" value="record">
              {t("common.save")}
            </SubmitButton>
          </Form>
        </section>
      ) : null}
    </div>
  );
}
