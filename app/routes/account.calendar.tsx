import { data, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { FormErrorSummary, SubmitButton } from "~/components/form";
import { PageHeader } from "~/components/ui";
import { calendarFeedStatus, enableCalendarFeed, feedUrls, revokeCalendarFeed } from "~/modules/calendar/calendar.server";
import { requireUser } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { formatDateTime } from "~/utils/format";
import { parseForm } from "~/utils/form";
import { requestContext } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";
import { useT } from "~/utils/use-i18n";
import { readFormData } from "~/utils/form-body.server";

export const headers: HeadersFunction = ({ loaderHeaders, actionHeaders }) => (actionHeaders.has("Cache-Control") ? actionHeaders : loaderHeaders);

export const meta: MetaFunction = () => [{ title: "カレンダー / Calendar | つなぐ八幡東" }];

const CalendarFormSchema = z.object({
  intent: z.enum(["create", "stop"], { error: "v.invalid" }),
  // Only the confirmation step's form carries it: stopping is never one click away.
  confirm: z.literal("yes").optional(),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const status = await calendarFeedStatus(getDb(), user.id);
  const confirmingStop = status.enabled && new URL(request.url).searchParams.get("step") === "stop";
  return data({ ...status, confirmingStop }, { headers: { "Cache-Control": "no-store" } });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const parsed = parseForm(CalendarFormSchema, await readFormData(request));
  if (!parsed.success) return data({ ...parsed.failure, created: null }, { status: 400 });
  const { ip, origin } = requestContext(request, context);
  if (parsed.data.intent === "stop") {
    if (parsed.data.confirm !== "yes") throw redirect("/account/calendar?step=stop");
    const stopped = await revokeCalendarFeed(getDb(), user.id, { ip });
    return redirectWithToast(request, "/account/calendar", { kind: stopped ? "success" : "info", message: stopped ? "calendar.stopped" : "calendar.notEnabled" });
  }
  const token = await enableCalendarFeed(getDb(), user.id, { ip });
  // Shown once, in this response only: the page cannot show it again (only its hash is kept).
  return data({ status: "created" as const, created: feedUrls(origin, token), errors: undefined, values: undefined }, { headers: { "Cache-Control": "no-store" } });
}

function CreatedAddress({ https, webcal }: { https: string; webcal: string }) {
  const t = useT();
  return (
    <section aria-labelledby="created-heading" className="card space-y-3 border-2 border-brand-600" role="status">
      <h2 id="created-heading">{t("calendar.createdHeading")}</h2>
      <p className="font-semibold">{t("calendar.createdOnce")}</p>
      <div>
        <label htmlFor="feed-url" className="block font-semibold">
          {t("calendar.urlLabel")}
        </label>
        <input id="feed-url" className="input mt-1 font-mono text-sm" readOnly value={https} aria-describedby="feed-url-hint" />
        <p id="feed-url-hint" className="text-sm text-stone-700">
          {t("calendar.urlHint")}
        </p>
      </div>
      <h3 className="font-bold">{t("calendar.googleHeading")}</h3>
      <ol className="list-decimal space-y-1 pl-5">
        <li>{t("calendar.google1")}</li>
        <li>{t("calendar.google2")}</li>
        <li>{t("calendar.google3")}</li>
      </ol>
      <h3 className="font-bold">{t("calendar.appleHeading")}</h3>
      <p>
        <a href={webcal} className="btn-secondary">
          {t("calendar.openInApp")}
        </a>
      </p>
      <ol className="list-decimal space-y-1 pl-5">
        <li>{t("calendar.apple1")}</li>
        <li>{t("calendar.apple2")}</li>
      </ol>
      <p className="text-sm text-stone-700">{t("calendar.refreshNote")}</p>
    </section>
  );
}

export default function AccountCalendar() {
  const { enabled, createdAt, confirmingStop } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const created = result && "created" in result ? result.created : null;
  const failure = result && result.status === "error" ? result : null;
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <p>
        <Link to="/account">← {t("nav.account")}</Link>
      </p>
      <PageHeader title={t("calendar.title")} lead={t("calendar.lead")} />
      <FormErrorSummary failure={failure} />

      <section aria-labelledby="one-heading" className="card space-y-2">
        <h2 id="one-heading">{t("calendar.oneHeading")}</h2>
        <p>{t("calendar.oneBody")}</p>
        <p>
          <Link to="/activities">{t("calendar.toActivities")}</Link>
        </p>
      </section>

      {created ? <CreatedAddress {...created} /> : null}

      <section aria-labelledby="feed-heading" className="card space-y-3">
        <h2 id="feed-heading">{t("calendar.feedHeading")}</h2>
        <p>{t("calendar.feedBody")}</p>
        <p className="rounded-lg border-l-4 border-amber-600 bg-amber-50 p-3" role="note">
          {t("calendar.feedWarning")}
        </p>
        <p className="font-semibold">
          {enabled && createdAt ? t("calendar.statusOn", { date: formatDateTime(createdAt, t.locale) }) : t("calendar.statusOff")}
        </p>
        <Form method="post">
          <SubmitButton name="intent" value="create">
            {enabled ? t("calendar.replace") : t("calendar.create")}
          </SubmitButton>
        </Form>
        {enabled ? <p className="text-sm text-stone-700">{t("calendar.replaceNote")}</p> : null}
      </section>

      {enabled ? (
        <section aria-labelledby="stop-heading" className="card space-y-3 border-red-200">
          <h2 id="stop-heading">{t("calendar.stopHeading")}</h2>
          {confirmingStop ? (
            <>
              <p role="alert" className="font-semibold">
                {t("calendar.stopConfirm")}
              </p>
              <Form method="post" className="flex flex-wrap gap-2">
                <input type="hidden" name="confirm" value="yes" />
                <SubmitButton name="intent" value="stop" className="btn-danger">
                  {t("calendar.stopButton")}
                </SubmitButton>
                <Link to="/account/calendar" className="btn-secondary">
                  {t("common.cancel")}
                </Link>
              </Form>
            </>
          ) : (
            <>
              <p>{t("calendar.stopBody")}</p>
              <p>
                <Link to="/account/calendar?step=stop" className="btn-secondary">
                  {t("calendar.stopStart")}
                </Link>
              </p>
            </>
          )}
        </section>
      ) : null}
    </div>
  );
}
