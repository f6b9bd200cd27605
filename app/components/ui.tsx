import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import type { OrganisationStatus, PostingStatus } from "~/vocabulary";
import { formatRange } from "~/utils/format";
import { pick } from "~/utils/pick";
import type { TextRun } from "~/modules/postings/postings.rules";
import { useT } from "~/utils/use-i18n";
import { MinorsBadge } from "~/components/minors-badge";

export function PageHeader({ title, lead, actions }: { title: ReactNode; lead?: ReactNode; actions?: ReactNode }) {
  return (
    <div className="mb-6 flex flex-wrap items-end justify-between gap-3">
      <div>
        <h1>{title}</h1>
        {lead ? <p className="mt-1 text-stone-700">{lead}</p> : null}
      </div>
      {actions ? <div className="flex flex-wrap gap-2">{actions}</div> : null}
    </div>
  );
}

export function EmptyState({ title, children }: { title: ReactNode; children?: ReactNode }) {
  return (
    <div className="card border-dashed text-center">
      <p className="font-semibold">{title}</p>
      {children ? <div className="mt-2 text-stone-700">{children}</div> : null}
    </div>
  );
}

const POSTING_STATUS_COLOURS: Record<PostingStatus, string> = {
  draft: "bg-stone-200 text-stone-800",
  published: "bg-brand-100 text-brand-800",
  closed: "bg-amber-100 text-amber-900",
  cancelled: "bg-red-100 text-red-800",
};

export function PostingStatusBadge({ status }: { status: PostingStatus }) {
  const t = useT();
  return <span className={`badge ${POSTING_STATUS_COLOURS[status]}`}>{t(`postingStatus.${status}`)}</span>;
}

const ORG_STATUS_COLOURS: Record<OrganisationStatus, string> = {
  pending: "bg-amber-100 text-amber-900",
  verified: "bg-brand-100 text-brand-800",
  rejected: "bg-red-100 text-red-800",
  suspended: "bg-red-100 text-red-800",
};

export function OrganisationStatusBadge({ status }: { status: OrganisationStatus }) {
  const t = useT();
  return <span className={`badge ${ORG_STATUS_COLOURS[status]}`}>{t(`orgStatus.${status}`)}</span>;
}

export function RichText({ paragraphs }: { paragraphs: TextRun[][] }) {
  return (
    <div className="space-y-3">
      {paragraphs.map((runs, i) => (
        <p key={i} className="whitespace-pre-line">
          {runs.map((r, j) =>
            r.kind === "link" ? (
              <a key={j} href={r.href} rel="nofollow noopener noreferrer" target="_blank">
                {r.text}
              </a>
            ) : (
              <span key={j}>{r.text}</span>
            ),
          )}
        </p>
      ))}
    </div>
  );
}

export interface PostingCardData {
  id: number;
  title: string;
  place_name: string;
  welcomes_minors: boolean;
  open_to_minors: boolean;
  organisation_name: string;
  category_ja: string;
  category_en: string;
  district_ja: string | null;
  district_en: string | null;
  next_starts_at: Date | string | null;
  next_ends_at: Date | string | null;
  is_demo: boolean;
}

export function PostingCard({ posting }: { posting: PostingCardData }) {
  const t = useT();
  return (
    <li className="card flex flex-col gap-2">
      <div className="flex flex-wrap gap-1">
        <span className="badge bg-brand-50 text-brand-800">{pick(t.locale, posting.category_ja, posting.category_en)}</span>
        {posting.district_ja ? <span className="badge bg-stone-100 text-stone-800">{pick(t.locale, posting.district_ja, posting.district_en)}</span> : null}
        <MinorsBadge open={posting.open_to_minors} welcomes={posting.welcomes_minors} />
      </div>
      <h3 className="text-lg font-bold leading-snug">
        <Link to={`/postings/${posting.id}`}>{posting.title}</Link>
      </h3>
      <p className="text-sm text-stone-700">{posting.organisation_name}</p>
      {posting.next_starts_at && posting.next_ends_at ? (
        <p className="text-sm">
          <span className="font-semibold">{t("posting.next")}: </span>
          {formatRange(posting.next_starts_at, posting.next_ends_at, t.locale)}
        </p>
      ) : null}
      {posting.place_name ? (
        <p className="text-sm">
          <span className="font-semibold">{t("posting.place")}: </span>
          {posting.place_name}
        </p>
      ) : null}
    </li>
  );
}
