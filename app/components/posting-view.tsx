import type { ReactNode } from "react";
import type { OrganisationKind, PostingStatus, SafeguardingStatus } from "~/vocabulary";
import { formatRange } from "~/utils/format";
import { paragraphs } from "~/modules/postings/postings.rules";
import { pick } from "~/utils/pick";
import { useT } from "~/utils/use-i18n";
import { MinorsBadge } from "./minors-badge";
import { SafeguardingBadge } from "./safeguarding-badge";
import { PostingStatusBadge, RichText } from "./ui";

export interface PostingViewData {
  title: string;
  description: string;
  tags: string[];
  place_name: string;
  place_address: string;
  latitude: number | null;
  longitude: number | null;
  minimum_age: number | null;
  welcomes_minors: boolean;
  /** An under-18 can apply now: welcomes minors and the safeguarding review approved it. */
  open_to_minors: boolean;
  safeguarding_status?: SafeguardingStatus;
  what_to_bring: string;
  /** Whether the group gave a meeting point (told to confirmed people); the point itself is never part of this. */
  has_meeting_point?: boolean;
  contact_name: string;
  status: PostingStatus;
  organisation_name: string;
  organisation_kind: OrganisationKind;
  organisation_description: string;
  category_ja: string;
  category_en: string;
  district_ja: string | null;
  district_en: string | null;
  is_demo: boolean;
  shifts: { id: number; starts_at: Date | string; ends_at: Date | string; capacity: number; confirmed_count?: number }[];
}

/** A posting as the public sees it; also used for the organisation's preview. */
/**
 * `apply` replaces the "how to take part" section (the public page puts the application form there);
 * `meetingPoint` is given only to a person allowed to read it (confirmed, the group, staff).
 */
export function PostingView({ posting, now, apply, meetingPoint }: { posting: PostingViewData; now: string; apply?: ReactNode; meetingPoint?: string | null }) {
  const t = useT();
  const upcoming = posting.shifts.filter((s) => new Date(s.starts_at) > new Date(now));
  return (
    <article className="space-y-6">
      <header className="space-y-2">
        <div className="flex flex-wrap gap-1">
          <span className="badge bg-brand-50 text-brand-800">{pick(t.locale, posting.category_ja, posting.category_en)}</span>
          {posting.district_ja ? <span className="badge bg-stone-100 text-stone-800">{pick(t.locale, posting.district_ja, posting.district_en)}</span> : null}
          <MinorsBadge open={posting.open_to_minors} welcomes={posting.welcomes_minors} />
          {posting.status !== "published" ? <PostingStatusBadge status={posting.status} /> : null}
          {posting.is_demo ? <span className="badge bg-amber-100 text-amber-900">{t("posting.demo")}</span> : null}
          <SafeguardingBadge status={posting.safeguarding_status} welcomesMinors={posting.welcomes_minors} />
        </div>
        <h1>{posting.title}</h1>
        <p className="text-stone-700">
          {posting.organisation_name}（{t(`orgKind.${posting.organisation_kind}`)}）
        </p>
        {/* The way to apply is at the end of the page: a link near the top, so nobody scrolls past everything to find it. */}
        {apply && posting.status === "published" ? (
          <p>
            <a href="#apply" className="btn" data-testid="jump-to-apply">
              {t("posting.jumpToApply")} <span aria-hidden="true">↓</span>
            </a>
          </p>
        ) : null}
      </header>

      {posting.welcomes_minors && !posting.open_to_minors && posting.status !== "cancelled" ? (
        <p role="note" className="rounded-lg border-l-4 border-amber-600 bg-amber-50 p-3 text-amber-950" data-testid="minors-in-review-notice">
          {t("posting.minorsInReviewNotice")}
        </p>
      ) : null}
      {posting.status === "cancelled" ? (
        <p role="note" className="rounded-lg border-l-4 border-red-700 bg-red-50 p-3 font-semibold text-red-900">
          {t("posting.cancelledNotice")}
        </p>
      ) : posting.status === "closed" ? (
        <p role="note" className="rounded-lg border-l-4 border-amber-600 bg-amber-50 p-3 font-semibold text-amber-900">
          {t("posting.closedNotice")}
        </p>
      ) : null}

      <section aria-labelledby="what" className="card">
        <h2 id="what">{t("posting.what")}</h2>
        <div className="mt-2">
          <RichText paragraphs={paragraphs(posting.description)} />
        </div>
        {posting.tags.length ? (
          <ul className="mt-3 flex flex-wrap gap-1" aria-label={t("posting.tags")}>
            {posting.tags.map((tag) => (
              <li key={tag} className="badge bg-stone-100 text-stone-800">
                #{tag}
              </li>
            ))}
          </ul>
        ) : null}
      </section>

      <section aria-labelledby="when" className="card">
        <h2 id="when">{t("posting.when")}</h2>
        {upcoming.length ? (
          <ul className="mt-2 space-y-1">
            {upcoming.map((s) => (
              <li key={s.id}>
                {formatRange(s.starts_at, s.ends_at, t.locale)}
                <span className="ml-2 text-sm text-stone-700">
                  {s.confirmed_count === undefined
                    ? t("posting.capacity", { count: s.capacity })
                    : s.confirmed_count >= s.capacity
                      ? t("applications.full", { capacity: s.capacity })
                      : t("applications.placesLeft", { count: s.capacity - s.confirmed_count, capacity: s.capacity })}
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="mt-2">{t("posting.noUpcoming")}</p>
        )}
      </section>

      <section aria-labelledby="where" className="card">
        <h2 id="where">{t("posting.where")}</h2>
        <p className="mt-2 font-semibold">{posting.place_name}</p>
        {posting.place_address ? <p>{posting.place_address}</p> : null}
        {posting.latitude !== null && posting.longitude !== null ? (
          <p className="mt-1">
            <a href={`https://www.openstreetmap.org/?mlat=${posting.latitude}&mlon=${posting.longitude}#map=17/${posting.latitude}/${posting.longitude}`} rel="noopener noreferrer" target="_blank">
              {t("posting.map")}
            </a>
          </p>
        ) : null}
        {meetingPoint ? (
          <div className="mt-3 rounded-lg border-l-4 border-brand-600 bg-brand-50 p-3" data-testid="meeting-point">
            <h3 className="font-bold">{t("meetingPoint.label")}</h3>
            <p className="whitespace-pre-line">{meetingPoint}</p>
            <p className="mt-1 text-sm text-stone-700">{t("meetingPoint.shownTo")}</p>
          </div>
        ) : posting.has_meeting_point && posting.status !== "cancelled" ? (
          <p className="mt-3" data-testid="meeting-point-promise">
            {t("meetingPoint.promise")}
          </p>
        ) : null}
      </section>

      <section aria-labelledby="who" className="card">
        <h2 id="who">{t("posting.who")}</h2>
        <ul className="mt-2 list-disc pl-5">
          <li>{posting.minimum_age !== null ? t("posting.minimumAge", { age: posting.minimum_age }) : t("posting.anyAge")}</li>
          <li>{posting.open_to_minors ? t("posting.minorsYes") : posting.welcomes_minors ? t("posting.minorsInReviewNotice") : t("posting.minorsNo")}</li>
        </ul>
        {posting.what_to_bring ? (
          <>
            <h3 className="mt-3 font-bold">{t("posting.bring")}</h3>
            <p className="whitespace-pre-line">{posting.what_to_bring}</p>
          </>
        ) : null}
      </section>

      <section aria-labelledby="org" className="card">
        <h2 id="org">{t("posting.organisation")}</h2>
        <p className="mt-2 font-semibold">{posting.organisation_name}</p>
        <p className="whitespace-pre-line text-stone-700">{posting.organisation_description}</p>
        <p className="mt-2">
          {t("posting.contactPerson")}: {posting.contact_name}
        </p>
      </section>

      {apply ?? (
        <section aria-labelledby="apply" className="card border-brand-600">
          <h2 id="apply">{t("posting.howToApply")}</h2>
          <p className="mt-2">{t("posting.howToApplyBody")}</p>
        </section>
      )}
    </article>
  );
}
