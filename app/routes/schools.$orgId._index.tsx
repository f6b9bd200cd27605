import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { FormErrorSummary } from "~/components/form";
import { EmptyState, PageHeader } from "~/components/ui";
import { requireSchoolCoordinator } from "~/modules/schools/coordinator.server";
import { formatJoinCode } from "~/modules/schools/schools.rules";
import { CodeActionSchema } from "~/modules/schools/schools.schema";
import { createJoinCode, decideAffiliation, revokeJoinCode, schoolOverview } from "~/modules/schools/schools.server";
import { audit } from "~/utils/audit.server";
import { getDb } from "~/utils/db.server";
import { formatDate } from "~/utils/format";
import { formFailure, parseForm } from "~/utils/form";
import { requireIdParam } from "~/utils/http.server";
import { requestContext } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";
import { useT } from "~/utils/use-i18n";
import { schoolApprovalsWaiting } from "~/modules/home/waiting.server";
import { readFormData } from "~/utils/form-body.server";
import { TeacherReadsNote } from "~/components/teacher-reads-note";
import { schoolThreadsNotes } from "~/modules/schools/threads-note.server";

/** The school coordinator's page: join codes to hand out, students waiting to be approved, and the students. */

export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.school.name ?? ""}: 学校の管理 / School | つなぐ八幡東` }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const orgId = requireIdParam(params.orgId);
  const { organisation, user } = await requireSchoolCoordinator(request, orgId);
  const db = getDb();
  const [overview, approvals] = await Promise.all([schoolOverview(db, orgId), schoolApprovalsWaiting(db, [orgId])]);
  if (overview.pending.length || overview.students.length)
    await audit(db, {
      actorUserId: user.id,
      action: "minor.data.viewed",
      subjectType: "organisation",
      subjectId: orgId,
      ip: requestContext(request, context).ip,
      details: { view: "school.students", students: [...overview.pending, ...overview.students].map((s) => s.userId) },
    });
  const origin = requestContext(request, context).origin;
  const [threads] = await schoolThreadsNotes(db, [orgId]);
  return data(
    {
      threads,
      school: { id: organisation.id, name: organisation.name, verified: organisation.status === "verified" },
      approvalsWaiting: approvals.get(orgId) ?? 0,
      ...overview,
      codes: overview.codes.map((c) => ({ ...c, display: formatJoinCode(c.code), link: `${origin}/schools/join/${c.code}` })),
    },
    { headers: { "Cache-Control": "no-store" } },
  );
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const orgId = requireIdParam(params.orgId);
  const { organisation, user } = await requireSchoolCoordinator(request, orgId);
  const parsed = parseForm(CodeActionSchema, await readFormData(request));
  if (!parsed.success) return data(parsed.failure, { status: 400 });
  const actor = { userId: user.id, ip: requestContext(request, context).ip };
  const here = `/schools/${orgId}`;
  const db = getDb();
  const input = parsed.data;
  switch (input.intent) {
    case "create-code":
      // Only a school the ward verified hands out codes: otherwise anyone could gather students under any name.
      if (organisation.status !== "verified") return data(formFailure({ form: ["schools.error.notVerified"] }), { status: 409 });
      await createJoinCode(db, orgId, actor);
      return redirectWithToast(request, here, { kind: "success", message: "schools.done.codeCreated" });
    case "revoke-code":
      await revokeJoinCode(db, orgId, input.codeId, actor);
      return redirectWithToast(request, here, { kind: "success", message: "schools.done.codeRevoked" });
    default: {
      const decision = input.intent === "approve-student" ? "approve" : input.intent === "decline-student" ? "decline" : "end";
      const result = await decideAffiliation(db, orgId, input.affiliationId, decision, actor);
      if (result !== "ok") return data(formFailure({ form: ["schools.error.notAllowed"] }), { status: result === "not-found" ? 404 : 409 });
      return redirectWithToast(request, here, { kind: "success", message: `schools.done.${decision}` });
    }
  }
}

function GradeLabel({ grade }: { grade: { stage: string; year: number } | null }) {
  const t = useT();
  return grade ? <span className="text-sm text-stone-700">{t.message(`minors.grade.${grade.stage}?year=${grade.year}`)}</span> : null;
}

export default function SchoolHome() {
  const { school, settings, threads, codes, pending, students, approvalsWaiting } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const t = useT();
  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <PageHeader
        title={school.name}
        lead={t("schools.home.lead")}
        actions={
          <>
            <Link to={`/schools/${school.id}/applications`} className="btn-secondary">
              {t("schools.home.applications")}
            </Link>
            <Link to={`/schools/${school.id}/group-signup`} className="btn-secondary">
              {t("schools.home.groupSignup")}
            </Link>
            <Link to={`/schools/${school.id}/hours`} className="btn-secondary">
              {t("attendance.school.link")}
            </Link>
          </>
        }
      />
      <FormErrorSummary failure={failure} />
      <section aria-labelledby="approvals" className="card space-y-2">
        <h2 id="approvals">
          {t("schools.home.approvalsTitle")}（{approvalsWaiting}）
        </h2>
        {approvalsWaiting ? (
          <Link to={`/schools/${school.id}/applications`} className="btn">
            {t("schools.home.approvalsLink")}
          </Link>
        ) : (
          <p className="text-stone-700">{t("schools.home.approvalsNone")}</p>
        )}
      </section>
      <section aria-labelledby="settings" className="card space-y-1">
        <h2 id="settings">{t("schools.home.settingsTitle")}</h2>
        <p>{t(settings.requiresCoordinatorApproval ? "schools.home.approvalOn" : "schools.home.approvalOff")}</p>
        <TeacherReadsNote school={threads} />
        <p className="text-sm text-stone-700">{t("schools.home.settingsBy")}</p>
      </section>

      <section aria-labelledby="codes" className="card space-y-3">
        <h2 id="codes">{t("schools.home.codesTitle")}</h2>
        <p className="text-sm text-stone-700">{t("schools.home.codesLead")}</p>
        {!school.verified ? <p>{t("schools.error.notVerified")}</p> : null}
        {codes.length === 0 ? (
          <p className="text-stone-700">{t("schools.home.noCodes")}</p>
        ) : (
          <ul className="divide-y divide-stone-200">
            {codes.map((c) => (
              <li key={c.id} className="flex flex-wrap items-center gap-3 py-2">
                <span className="font-mono text-lg font-bold">{c.display}</span>
                {c.open ? (
                  <>
                    <span className="text-sm">{t("schools.home.codeUntil", { date: formatDate(c.expires_at, t.locale) })}</span>
                    <span className="break-all text-sm">{c.link}</span>
                    <Form method="post">
                      <input type="hidden" name="intent" value="revoke-code" />
                      <input type="hidden" name="codeId" value={c.id} />
                      <button type="submit" className="btn-secondary">
                        {t("schools.home.revokeCode", { code: c.display })}
                      </button>
                    </Form>
                  </>
                ) : (
                  <span className="text-sm text-stone-700">{t("schools.home.codeClosed")}</span>
                )}
              </li>
            ))}
          </ul>
        )}
        {school.verified ? (
          <Form method="post">
            <input type="hidden" name="intent" value="create-code" />
            <button type="submit" className="btn">
              {t("schools.home.createCode")}
            </button>
          </Form>
        ) : null}
      </section>

      <section aria-labelledby="pending" className="card space-y-3">
        <h2 id="pending">
          {t("schools.home.pendingTitle")}（{pending.length}）
        </h2>
        {pending.length === 0 ? (
          <p className="text-stone-700">{t("schools.home.noPending")}</p>
        ) : (
          <ul className="divide-y divide-stone-200">
            {pending.map((p) => (
              <li key={p.affiliationId} className="flex flex-wrap items-center gap-3 py-2">
                <span className="font-semibold">{p.name || t("applicants.formerUser")}</span>
                {p.nameKana ? <span className="text-sm text-stone-700">（{p.nameKana}）</span> : null}
                <GradeLabel grade={p.grade} />
                <span className="text-sm text-stone-700">{t("schools.home.requestedAt", { date: formatDate(p.requestedAt, t.locale) })}</span>
                <Form method="post">
                  <input type="hidden" name="affiliationId" value={p.affiliationId} />
                  <button type="submit" name="intent" value="approve-student" className="btn">
                    {t("schools.home.approve", { name: p.name })}
                  </button>
                </Form>
                <Form method="post">
                  <input type="hidden" name="affiliationId" value={p.affiliationId} />
                  <button type="submit" name="intent" value="decline-student" className="btn-secondary">
                    {t("schools.home.decline", { name: p.name })}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="students" className="card space-y-3">
        <h2 id="students">
          {t("schools.home.studentsTitle")}（{students.length}）
        </h2>
        {students.length === 0 ? (
          <EmptyState title={t("schools.home.noStudents")}>{t("schools.home.noStudentsHint")}</EmptyState>
        ) : (
          <ul className="divide-y divide-stone-200">
            {students.map((s) => (
              <li key={s.affiliationId} className="flex flex-wrap items-center gap-3 py-2">
                <span className="font-semibold">{s.name || t("applicants.formerUser")}</span>
                <GradeLabel grade={s.grade} />
                <details>
                  <summary className="cursor-pointer text-sm">{t("schools.home.end", { name: s.name })}</summary>
                  <Form method="post" className="mt-1 space-y-1">
                    <input type="hidden" name="affiliationId" value={s.affiliationId} />
                    <p className="text-sm">{t("schools.home.endExplain")}</p>
                    <button type="submit" name="intent" value="end-student" className="btn-danger">
                      {t("schools.home.endButton")}
                    </button>
                  </Form>
                </details>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
