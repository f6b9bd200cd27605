import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { ApplyPanel } from "~/components/apply-panel";
import { PostingView } from "~/components/posting-view";
import { ReportConcernLink } from "~/components/report-concern-link";
import { ApplySchema } from "~/modules/applications/applications.schema";
import { applyToShifts, myApplicationsForPosting } from "~/modules/applications/applications.server";
import { getPublicPosting } from "~/modules/postings/postings.server";
import { getUser, requireUser } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { formDataToObject, formFailure, parseForm } from "~/utils/form";
import { notFound, requireIdParam } from "~/utils/http.server";
import { afterCommit, requestContext } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";
import { useT } from "~/utils/use-i18n";

export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.posting.title} | つなぐ八幡東` : "つなぐ八幡東" },
  { name: "description", content: data?.posting.description.slice(0, 120) ?? "" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = requireIdParam(params.id);
  const db = getDb();
  const posting = await getPublicPosting(db, id);
  if (!posting) notFound();
  const user = await getUser(request);
  const mine = user ? await myApplicationsForPosting(db, user.id, id) : [];
  // Signed-in people see their own applications here: such a page must not be cached by a shared cache.
  return data({ posting, mine, signedIn: Boolean(user), now: new Date().toISOString() }, user ? { headers: { "Cache-Control": "private, no-store" } } : undefined);
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const postingId = requireIdParam(params.id);
  const user = await requireUser(request);
  const formData = await request.formData();
  const parsed = parseForm(ApplySchema, formData);
  if (!parsed.success) return data(parsed.failure, { status: 400 });
  const ctx = requestContext(request, context);
  const { shiftId, message, acknowledgeOverlap } = parsed.data;
  const result = await applyToShifts(getDb(), { userId: user.id, postingId, shiftIds: shiftId, message, acknowledgeOverlap }, ctx);
  const values = formDataToObject(formData).values;
  switch (result.status) {
    case "not-found":
      notFound();
    case "not-open":
      return data(formFailure({ form: ["applications.error.notOpen"] }, values), { status: 409 });
    case "invalid":
      return data(formFailure({ [result.field]: [result.message] }, values), { status: 400 });
    case "overlap":
      return data(
        {
          ...formFailure({ acknowledgeOverlap: ["applications.error.overlap"] }, values),
          overlap: result.conflicts.map((c) => ({ shiftId: c.shiftId, withTitle: c.withTitle, startsAt: c.startsAt.toISOString(), endsAt: c.endsAt.toISOString() })),
        },
        { status: 409 },
      );
    case "ok": {
      afterCommit();
      const statuses = new Set(result.outcomes.map((o) => o.status));
      const message = statuses.has("pending") ? "applications.done.pending" : statuses.has("waitlisted") ? "applications.done.waitlisted" : "applications.done.confirmed";
      return redirectWithToast(request, "/activities", { kind: "success", message });
    }
  }
}

export default function PostingPage() {
  const { posting, mine, signedIn, now } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const t = useT();
  return (
    <div className="space-y-4">
      <p>
        <Link to="/postings">← {t("posting.back")}</Link>
      </p>
      <PostingView
        posting={posting}
        now={now}
        apply={
          <ApplyPanel
            postingId={posting.id}
            mode={posting.application_mode}
            open={posting.status === "published"}
            signedIn={signedIn}
            shifts={posting.shifts}
            mine={mine}
            failure={failure ?? null}
            now={now}
          />
        }
      />
      <ReportConcernLink postingId={posting.id} />
    </div>
  );
}
