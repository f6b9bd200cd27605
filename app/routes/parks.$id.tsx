import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { PageHeader } from "~/components/ui";
import { publicPark } from "~/modules/parks/public.server";
import { getDb } from "~/utils/db.server";
import { formatDateTime } from "~/utils/format";
import { notFound, requireIdParam } from "~/utils/http.server";
import { useT } from "~/utils/use-i18n";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.park.name ?? ""} | つなぐ八幡東` }];

/** A park's public page: what its association does, when it meets, how to join, open postings, supporters. */
export async function loader({ params }: LoaderFunctionArgs) {
  const page = await publicPark(getDb(), requireIdParam(params.id));
  if (!page) notFound();
  return data(page);
}

export default function ParkPage() {
  const { park, association, postings, supporters } = useLoaderData<typeof loader>();
  const t = useT();
  const district = t.locale === "ja" ? park.district_ja : park.district_en;
  return (
    <div className="space-y-6">
      <p>
        <Link to="/parks">← {t("parks.public.title")}</Link>
      </p>
      <PageHeader
        title={park.name}
        lead={[district, park.address].filter(Boolean).join(" · ")}
      />
      <dl className="card grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
        <dt className="font-semibold">{t("parks.page.area")}</dt>
        <dd>{park.area_m2.toLocaleString("ja-JP")}㎡</dd>
        {park.facilities.length ? (
          <>
            <dt className="font-semibold">{t("parks.page.facilities")}</dt>
            <dd>{park.facilities.map((f) => t(`parks.facility.${f}` as "parks.facility.toilet")).join("・")}</dd>
          </>
        ) : null}
      </dl>

      {park.model_story ? (
        <section aria-labelledby="story-heading" className="card border-l-4 border-green-700">
          <h2 id="story-heading">{t("parks.page.story")}</h2>
          <p className="whitespace-pre-line">{park.model_story}</p>
        </section>
      ) : null}

      <section aria-labelledby="association-heading" className="card">
        <h2 id="association-heading">{t("parks.page.association")}</h2>
        {association ? (
          <div className="space-y-2">
            <p className="font-semibold">
              {association.name}（{t(`parks.status.${association.status}`)}）· {t("parks.page.members", { count: association.member_count })}
              {association.founded_on ? ` · ${t("parks.page.founded", { year: association.founded_on.slice(0, 4) })}` : ""}
            </p>
            {association.activities ? (
              <p>
                <span className="font-semibold">{t("parks.page.what")}: </span>
                {association.activities}
              </p>
            ) : null}
            {/* A paused association does not meet: say so instead of a meeting time and a way to join. */}
            {association.status === "paused" ? (
              <p>{t("parks.page.paused")}</p>
            ) : (
              <>
                {association.meeting_day || association.meeting_time ? (
                  <p>
                    <span className="font-semibold">{t("parks.page.when")}: </span>
                    {[association.meeting_day, association.meeting_time].filter(Boolean).join(" ")}
                  </p>
                ) : null}
                <p>
                  <span className="font-semibold">{t("parks.page.howToJoin")}: </span>
                  {association.how_to_join || t(postings.length ? "parks.page.howToJoinPostings" : "parks.page.howToJoinNoPostings")}
                </p>
              </>
            )}
          </div>
        ) : (
          <p>{t("parks.page.noAssociation")}</p>
        )}
      </section>

      <section aria-labelledby="postings-heading" className="card">
        <h2 id="postings-heading">{t("parks.page.postings")}</h2>
        {postings.length ? (
          <ul className="divide-y divide-stone-200">
            {postings.map((p) => (
              <li key={p.id} className="py-2">
                <Link to={`/postings/${p.id}`} className="font-semibold">
                  {p.title}
                </Link>
                <span className="block text-sm text-stone-700">
                  {formatDateTime(p.next, t.locale)} · {p.organisation}
                  {p.welcomes_minors ? ` · ${t("parks.page.minorsWelcome")}` : ""}
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p>{t("parks.page.noPostings")}</p>
        )}
      </section>

      <section aria-labelledby="supporters-heading" className="card">
        <h2 id="supporters-heading">{t("parks.page.supporters")}</h2>
        {supporters.length ? (
          <ul className="space-y-1">
            {supporters.map((s) => (
              <li key={s.id}>
                <span className="font-semibold">{s.name}</span>（{t(`parks.supporterKind.${s.kind}`)}）: {s.offer}
              </li>
            ))}
          </ul>
        ) : (
          <p>{t("parks.page.noSupporters")}</p>
        )}
        <p className="mt-2">
          <Link to={`/parks/${park.id}/support`}>{t("parks.page.becomeSupporter")}</Link>
        </p>
      </section>
    </div>
  );
}
