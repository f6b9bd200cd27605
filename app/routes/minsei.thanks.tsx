import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { PageHeader } from "~/components/ui";
import { ADVICE_COOKIE, adviceFromCodes } from "~/modules/recruitment/interest.server";
import { getRecruitmentSettings } from "~/modules/recruitment/settings.server";
import { getDb } from "~/utils/db.server";
import { readCookie, serializeCookie } from "~/utils/session.server";
import { useT } from "~/utils/use-i18n";

export const meta: MetaFunction = () => [{ title: "ありがとうございました / Thank you | つなぐ八幡東" }];

/** The thank-you page, with the eligibility advice the form left in a short-lived cookie (codes only). */
export async function loader({ request }: LoaderFunctionArgs) {
  const codes = (readCookie(request, ADVICE_COOKIE) ?? "").slice(0, 200);
  const advice = codes ? adviceFromCodes(codes, await getRecruitmentSettings(getDb())) : [];
  return data({ advice }, { headers: { "Cache-Control": "no-store", "Set-Cookie": serializeCookie(request, ADVICE_COOKIE, "", { maxAgeSeconds: 0 }) } });
}

export default function MinseiThanks() {
  const { advice } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div className="mx-auto max-w-2xl space-y-4">
      <PageHeader title={t("recruitment.thanks.title")} lead={t("recruitment.thanks.body")} />
      <p>{t("recruitment.thanks.email")}</p>
      {advice.length ? (
        <section className="card space-y-2" data-testid="advice">
          <h2 className="font-bold">{t("recruitment.thanks.adviceTitle")}</h2>
          <ul className="list-disc pl-6">
            {advice.map((a) => (
              <li key={a.code}>{t(`recruitment.advice.${a.code}`, a.code === "over_guidance" ? { limit: a.limit } : a.code === "residence" ? { months: a.months } : { minAge: a.minAge })}</li>
            ))}
          </ul>
        </section>
      ) : null}
      <p>
        <Link to="/minsei">{t("recruitment.public.title")}</Link>
      </p>
    </div>
  );
}
