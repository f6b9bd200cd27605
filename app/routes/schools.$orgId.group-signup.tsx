import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { FieldErrors, FormErrorSummary } from "~/components/form";
import { EmptyState, PageHeader } from "~/components/ui";
import { requireSchoolCoordinator } from "~/modules/schools/coordinator.server";
import { GroupSignupSchema } from "~/modules/schools/schools.schema";
import { groupSignup, groupSignupChoices, groupSignupPostings } from "~/modules/schools/schools.server";
import { getDb } from "~/utils/db.server";
import { formatDateTime, formatRange } from "~/utils/format";
import { parseForm } from "~/utils/form";
import { requireIdParam } from "~/utils/http.server";
import { afterCommit, requestContext } from "~/utils/request.server";
import { useT } from "~/utils/use-i18n";
import { readFormData } from "~/utils/form-body.server";

/**
 * Group sign-up: a coordinator chooses a posting that passed the safeguarding review, one of its sessions, and
 * some of their students; each student gets their own application (each still needs their guardian's consent).
 */

export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export const meta: MetaFunction = () => [{ title: "まとめて申し込む / Group sign-up | つなぐ八幡東" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const orgId = requireIdParam(params.orgId);
  const { organisation } = await requireSchoolCoordinator(request, orgId);
  const db = getDb();
  const chosen = new URL(request.url).searchParams.get("posting");
  const postingId = chosen && /^[1-9]\d{0,9}$/.test(chosen) && Number(chosen) <= 2147483647 ? Number(chosen) : null;
  const [postings, choices] = await Promise.all([groupSignupPostings(db), postingId ? groupSignupChoices(db, orgId, postingId) : null]);
  return data({ school: { id: organisation.id, name: organisation.name }, postings, choices, postingId }, { headers: { "Cache-Control": "no-store" } });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const orgId = requireIdParam(params.orgId);
  const { user } = await requireSchoolCoordinator(request, orgId);
  const parsed = parseForm(GroupSignupSchema, await readFormData(request));
  if (!parsed.success) return data({ failure: parsed.failure, outcomes: null }, { status: 400 });
  const outcomes = await groupSignup(
    getDb(),
    { schoolId: orgId, coordinatorId: user.id, postingId: parsed.data.postingId, shiftId: parsed.data.shiftId, studentIds: parsed.data.studentId },
    requestContext(request, context),
  );
  afterCommit();
  return data({ failure: null, outcomes });
}

export default function GroupSignup() {
  const { school, postings, choices, postingId } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const failure = result?.failure ?? null;
  const names = new Map((choices?.students ?? []).map((s) => [s.id, s.name]));
  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <p>
        <Link to={`/schools/${school.id}`}>← {school.name}</Link>
      </p>
      <PageHeader title={t("schools.group.title")} lead={t("schools.group.lead")} />
      {result?.outcomes ? (
        <section aria-labelledby="outcomes" role="status" className="card space-y-2">
          <h2 id="outcomes">{t("schools.group.outcomesTitle")}</h2>
          <ul className="list-disc pl-5">
            {result.outcomes.map((o) => (
              <li key={o.userId}>
                {names.get(o.userId) ?? `#${o.userId}`}：{t(`schools.group.outcome.${o.result}` as "schools.group.outcome.ok")}
                {o.detail ? `（${t.message(o.detail)}）` : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="choose-posting" className="card space-y-2">
        <h2 id="choose-posting">{t("schools.group.choosePosting")}</h2>
        {postings.length === 0 ? (
          <p className="text-stone-700">{t("schools.group.noPostings")}</p>
        ) : (
          <Form method="get" className="flex flex-wrap items-end gap-2">
            <div>
              <label htmlFor="posting" className="block font-semibold">
                {t("schools.group.posting")}
              </label>
              <select id="posting" name="posting" className="input mt-1" defaultValue={postingId ?? ""}>
                {postings.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.title}（{p.organisation_name}）{p.next_starts_at ? ` ${formatDateTime(p.next_starts_at, t.locale)}` : ""}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" className="btn-secondary">
              {t("schools.group.show")}
            </button>
          </Form>
        )}
      </section>
      {postingId && !choices ? <EmptyState title={t("schools.group.notOpen")} /> : null}
      {choices ? (
        <section aria-labelledby="choose-students" className="card space-y-3">
          <h2 id="choose-students">{choices.posting.title}</h2>
          {choices.posting.safeguarding_status !== "approved" || !choices.posting.welcomes_minors ? <p>{t("schools.group.notReviewed")}</p> : null}
          {choices.shifts.length === 0 || choices.students.length === 0 ? (
            <p className="text-stone-700">{choices.shifts.length === 0 ? t("posting.noUpcoming") : t("schools.home.noStudents")}</p>
          ) : (
            <Form method="post" className="space-y-3" noValidate>
              <FormErrorSummary failure={failure} />
              <input type="hidden" name="postingId" value={choices.posting.id} />
              <fieldset aria-describedby="shiftId-error">
                <legend className="font-semibold">{t("schools.group.shift")}</legend>
                <ul className="mt-1 space-y-1">
                  {choices.shifts.map((s, i) => (
                    <li key={s.id}>
                      <label className="flex items-center gap-2">
                        <input type="radio" name="shiftId" value={s.id} defaultChecked={i === 0} className="h-5 w-5" />
                        {formatRange(s.starts_at, s.ends_at, t.locale)}（{t("applications.placesLeft", { count: Math.max(0, s.capacity - s.confirmed_count), capacity: s.capacity })}）
                      </label>
                    </li>
                  ))}
                </ul>
                <FieldErrors id="shiftId-error" errors={failure?.errors.shiftId} />
              </fieldset>
              <fieldset aria-describedby="studentId-error">
                <legend className="font-semibold">{t("schools.group.students")}</legend>
                <ul className="mt-1 space-y-1">
                  {choices.students.map((s) => {
                    const problems = [...new Set(s.eligibility.flatMap((e) => e.problems))];
                    return (
                      <li key={s.id}>
                        <label className="flex items-start gap-2">
                          <input type="checkbox" name="studentId" value={s.id} className="mt-1 h-5 w-5" />
                          <span>
                            {s.name}
                            {problems.length ? (
                              <span className="block text-sm text-stone-700">
                                {t("schools.group.someShiftsClosed")}: {problems.map((p) => t.message(`minors.problem.${p}`)).join(" ")}
                              </span>
                            ) : null}
                          </span>
                        </label>
                      </li>
                    );
                  })}
                </ul>
                <FieldErrors id="studentId-error" errors={failure?.errors.studentId} />
              </fieldset>
              <p className="text-sm text-stone-700">{t("schools.group.consentNote")}</p>
              <button type="submit" className="btn">
                {t("schools.group.submit")}
              </button>
            </Form>
          )}
        </section>
      ) : null}
    </div>
  );
}
