import type { ApplicationStatus } from "#db/schema";
import { formatDate, formatTime } from "~/utils/format";
import type { Locale } from "~/utils/i18n";
import { pick } from "~/utils/pick";
import { translate, translateMessage } from "~/utils/translate";
import type { ApplicantForOrganisation } from "./applications.rules";

/** How an instant is written in a roster CSV: Japan time, as the pages show it (2026/12/06 22:06). */
const TOKYO = new Intl.DateTimeFormat("ja-JP", {
  timeZone: "Asia/Tokyo",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

export function rosterDateTime(instant: Date | string): string {
  const parts = Object.fromEntries(TOKYO.formatToParts(new Date(instant)).map((p) => [p.type, p.value]));
  return `${parts.year}/${parts.month}/${parts.day} ${parts.hour}:${parts.minute}`;
}

/** One session of the applicants list (queries.server.ts `viewApplicants`): the page and the roster read the same. */
export interface RosterShift {
  starts_at: Date | string;
  ends_at: Date | string;
  applicants: (ApplicantForOrganisation & { status: ApplicationStatus; created_at: Date | string })[];
}

/**
 * The roster as rows of a spreadsheet, one per applicant and session, with what the applicants page shows of each
 * person and nothing more: the list already holds only what the organisation may see (a minor is cut down to a
 * first name, school year and school until confirmed; then the name and the guardian to call on the day).
 */
export function rosterRows(shifts: RosterShift[], locale: Locale): string[][] {
  const t = (key: Parameters<typeof translate>[1]) => translate(locale, key);
  const header = [
    t("roster.date"),
    t("roster.start"),
    t("roster.end"),
    t("roster.name"),
    t("roster.kana"),
    t("roster.status"),
    t("roster.type"),
    t("roster.school"),
    t("minors.roster.schoolYear"),
    t("roster.district"),
    t("roster.skills"),
    t("roster.appliedAt"),
    t("roster.message"),
    t("minors.roster.emergency"),
  ];
  const rows = [header];
  for (const s of shifts)
    for (const a of s.applicants) {
      const c = a.emergencyContact;
      rows.push([
        formatDate(s.starts_at, locale),
        formatTime(s.starts_at),
        formatTime(s.ends_at),
        a.displayName || t("applicants.formerUser"),
        a.nameKana,
        translate(locale, `applicationStatus.${a.status}`),
        a.volunteerType ? translate(locale, `volunteerType.${a.volunteerType}`) : "",
        a.schoolName,
        a.schoolYear ? translateMessage(locale, a.schoolYear) : "",
        a.districtJa ? pick(locale, a.districtJa, a.districtEn) : "",
        a.skills.map((k) => translate(locale, `skill.${k}` as "skill.mowing")).join(locale === "ja" ? "・" : ", "),
        rosterDateTime(a.created_at),
        a.message,
        c ? `${c.name} (${c.relationship}) ${c.phone} ${c.email}`.trim() : "",
      ]);
    }
  return rows;
}
