import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { configureIndex, createMeilisearchClient, meilisearchConfigFromEnv } from "#search/meilisearch.server";
import { formatSynonymGroups, loadSynonymGroups, parseSynonymText, saveSynonymGroups } from "#search/synonyms.server";
import { FormErrorSummary, TextArea } from "~/components/form";
import { PageHeader } from "~/components/ui";
import { requirePermission } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { formFailure } from "~/utils/form";
import { requestContext } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";
import { useT } from "~/utils/use-i18n";
import { readFormData } from "~/utils/form-body.server";

export const meta: MetaFunction = () => [{ title: "検索の同義語 / Search synonyms | つなぐ八幡東" }];
export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "staff:access");
  const { groups, isDefault } = await loadSynonymGroups(getDb());
  return data({ text: formatSynonymGroups(groups), isDefault, count: groups.length }, { headers: { "Cache-Control": "no-store" } });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const staff = await requirePermission(request, "staff:access");
  const text = String((await readFormData(request)).get("synonyms") ?? "");
  if (text.length > 50_000) return data(formFailure({ synonyms: ["v.tooLong?max=50000"] }, { synonyms: text.slice(0, 50_000) }), { status: 400 });
  const { groups, errors } = parseSynonymText(text);
  if (errors.length) return data(formFailure({ synonyms: errors }, { synonyms: text }), { status: 400 });
  const reindexed = await saveSynonymGroups(getDb(), staff.id, groups, requestContext(request, context).ip);
  // Meilisearch, where configured, gets the same list (after the commit, never inside the transaction).
  const meili = meilisearchConfigFromEnv();
  if (meili) {
    try {
      await configureIndex(createMeilisearchClient(meili), { synonymGroups: groups });
    } catch (error) {
      console.error("synonyms: Meilisearch not updated:", error instanceof Error ? error.message : error);
      return redirectWithToast(request, "/staff/synonyms", { kind: "info", message: "synonyms.savedMeiliLater" });
    }
  }
  return redirectWithToast(request, "/staff/synonyms", { kind: "success", message: `synonyms.saved?count=${reindexed}` });
}

export default function Synonyms() {
  const { text, isDefault, count } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const t = useT();
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <p>
        <Link to="/staff">← {t("staff.title")}</Link>
      </p>
      <PageHeader title={t("synonyms.title")} lead={t("synonyms.lead")} />
      {isDefault ? <p className="rounded-lg bg-stone-100 p-3 text-sm">{t("synonyms.default", { count })}</p> : null}
      <Form method="post" className="card space-y-3" noValidate>
        <FormErrorSummary failure={failure} />
        <TextArea name="synonyms" label={t("synonyms.label")} hint={t("synonyms.hint")} defaultValue={text} rows={20} failure={failure} />
        <button type="submit" className="btn">
          {t("synonyms.save")}
        </button>
      </Form>
    </div>
  );
}
