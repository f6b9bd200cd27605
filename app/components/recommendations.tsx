import { Link } from "@remix-run/react";
import type { RecommendationCard, RecommendationsSection } from "~/modules/recommendations/recommend.server";
import { formatRange } from "~/utils/format";
import { useT } from "~/utils/use-i18n";
import { MinorsBadge } from "~/components/minors-badge";
import { EmptyState } from "./ui";

/**
 * おすすめ: postings ranked for the signed-in volunteer, each with the reasons it was chosen. The data comes from
 * loadRecommendationsSection (recommend.server.ts), already in the reader's language.
 */
export function Recommendations({ section, headingLevel = 2 }: { section: RecommendationsSection; headingLevel?: 2 | 3 }) {
  const t = useT();
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <section aria-labelledby="recommendations-heading" className="space-y-3">
      <div className="flex flex-wrap items-end justify-between gap-2">
        <div>
          <Heading id="recommendations-heading" className="text-xl font-bold">
            {t("recommendations.title")}
          </Heading>
          {section.items.length ? <p className="text-stone-700">{t("recommendations.lead")}</p> : null}
        </div>
        {section.items.length ? <Link to="/postings">{t("recommendations.seeAll")}</Link> : null}
      </div>
      {section.items.length ? (
        <>
          <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
            {section.items.map((item) => (
              <RecommendationItem key={item.id} item={item} />
            ))}
          </ul>
          {section.profileEmpty ? (
            <p className="text-sm text-stone-700">
              {t("recommendations.improveHint")} <Link to="/account/profile">{t("recommendations.completeProfile")}</Link>
            </p>
          ) : null}
        </>
      ) : (
        <EmptyState title={t("recommendations.emptyTitle")}>
          <p>{t("recommendations.emptyBody")}</p>
          <p className="mt-3">
            <Link to="/account/profile" className="btn-secondary">
              {t("recommendations.completeProfile")}
            </Link>
          </p>
        </EmptyState>
      )}
    </section>
  );
}

function RecommendationItem({ item }: { item: RecommendationCard }) {
  const t = useT();
  return (
    <li className="card flex flex-col gap-2" data-testid="recommendation">
      <div className="flex flex-wrap gap-1">
        <span className="badge bg-brand-50 text-brand-800">{item.categoryName}</span>
        {item.districtName ? <span className="badge bg-stone-100 text-stone-800">{item.districtName}</span> : null}
        <MinorsBadge open={item.welcomesMinors} welcomes={item.welcomesMinors} />
      </div>
      <h3 className="text-lg font-bold leading-snug">
        <Link to={`/postings/${item.id}`}>{item.title}</Link>
      </h3>
      <p className="text-sm text-stone-700">{item.organisationName}</p>
      <p className="text-sm">
        <span className="font-semibold">{t("posting.next")}: </span>
        {formatRange(item.startsAt, item.endsAt, t.locale)}
      </p>
      {item.placeName ? (
        <p className="text-sm">
          <span className="font-semibold">{t("posting.place")}: </span>
          {item.placeName}
          {item.distanceKm !== null ? <span className="ml-1 text-stone-700">（{t("recommendations.distance", { km: item.distanceKm.toFixed(1) })}）</span> : null}
        </p>
      ) : null}
      {item.reasons.length ? (
        <ul aria-label={t("recommendations.reasonsLabel")} className="flex flex-wrap gap-1">
          {item.reasons.map((reason) => (
            <li key={reason} className="rounded-full bg-amber-50 px-2 py-0.5 text-sm text-amber-900 ring-1 ring-amber-200">
              {reason}
            </li>
          ))}
        </ul>
      ) : null}
    </li>
  );
}
