import { Link } from "@remix-run/react";
import { useT } from "~/utils/use-i18n";

/**
 * "Report a concern" for a posting, an organisation or a person: a plain link to the report form with the
 * subject filled in, so it works without JavaScript and without an account.
 */
export function ReportConcernLink(props: { postingId: number } | { organisationId: number } | { userId: number }) {
  const t = useT();
  const query = "postingId" in props ? `posting=${props.postingId}` : "organisationId" in props ? `organisation=${props.organisationId}` : `user=${props.userId}`;
  return (
    <p className="text-sm">
      <Link to={`/concerns/new?${query}`} className="inline-flex min-h-11 items-center gap-1 text-stone-700 underline">
        <span aria-hidden="true">⚑</span>
        {t("concerns.link")}
      </Link>
    </p>
  );
}
