import { Link } from "@remix-run/react";
import type { Highlighted, SearchHit } from "#search/types";
import { formatRange } from "~/utils/format";
import { useT } from "~/utils/use-i18n";
import { MinorsBadge } from "~/components/minors-badge";

/** A search result on /postings: the title and snippet with the matched words marked, as React text. */
function Marked({ segments }: { segments: Highlighted[] }) {
  return (
    <>
      {segments.map((s, i) =>
        s.match ? (
          <mark key={i} className="rounded bg-amber-200 px-0.5 text-stone-900">
            {s.text}
          </mark>
        ) : (
          <span key={i}>{s.text}</span>
        ),
      )}
    </>
  );
}

export function HitCard({ hit, categoryName, districtName }: { hit: SearchHit; categoryName: string; districtName: string | null }) {
  const t = useT();
  return (
    <li className="card flex flex-col gap-2">
      <div className="flex flex-wrap gap-1">
        <span className="badge bg-brand-50 text-brand-800">{categoryName}</span>
        {districtName ? <span className="badge bg-stone-100 text-stone-800">{districtName}</span> : null}
        <MinorsBadge open={hit.welcomesMinors} welcomes={hit.welcomesMinors || hit.minorsInReview} />
      </div>
      <h3 className="text-lg font-bold leading-snug">
        <Link to={`/postings/${hit.id}`}>
          <Marked segments={hit.titleHighlight} />
        </Link>
      </h3>
      <p className="text-sm text-stone-700">{hit.organisationName}</p>
      <p className="text-sm text-stone-800">
        <Marked segments={hit.snippet} />
      </p>
      {hit.nextStartsAt && hit.nextEndsAt ? (
        <p className="text-sm">
          <span className="font-semibold">{t("posting.next")}: </span>
          {formatRange(hit.nextStartsAt, hit.nextEndsAt, t.locale)}
        </p>
      ) : null}
      <p className="text-sm">
        <span className="font-semibold">{t("posting.place")}: </span>
        {hit.placeName}
        {hit.distanceKm !== null ? <span className="ml-1 text-stone-700">（{t("search.distance", { km: hit.distanceKm.toFixed(1) })}）</span> : null}
      </p>
    </li>
  );
}

