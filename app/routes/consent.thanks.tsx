import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { PageHeader } from "~/components/ui";
import { useT } from "~/utils/use-i18n";

export const meta: MetaFunction = () => [{ title: "ありがとうございました / Thank you | つなぐ八幡東" }, { name: "robots", content: "noindex" }];

const ANSWERS = ["given", "declined", "revoked"] as const;
type Answer = (typeof ANSWERS)[number];

/** After the guardian answered or withdrew: what was recorded and what happens next. */
export function loader({ request }: LoaderFunctionArgs) {
  const answer = new URL(request.url).searchParams.get("answer");
  return { answer: (ANSWERS as readonly string[]).includes(answer ?? "") ? (answer as Answer) : null };
}

export default function ConsentThanks() {
  const { answer } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div className="mx-auto max-w-xl">
      <PageHeader title={t("minors.thanks.title")} />
      <div className="card space-y-2">
        <p>{answer ? t(`minors.thanks.${answer}`) : t("minors.thanks.generic")}</p>
        <p className="text-sm text-stone-700">{t("minors.thanks.keepEmail")}</p>
      </div>
    </div>
  );
}
