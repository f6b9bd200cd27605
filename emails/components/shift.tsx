import type { ReactNode } from "react";
import { Section, Text } from "@react-email/components";
import type { Locale } from "~/utils/i18n";
import { formatDate, formatRange, formatTime } from "~/utils/format";
import type { OtherSession, ShiftEmailProps } from "../templates/shared";
import { Paragraph, TextLink } from "./layout";

/*
 * Building blocks of the emails about applications and shifts: the date, time and place of a shift (always in
 * Asia/Tokyo, in the reader's language), and the secondary links every such email carries.
 */

const muted = "#525f6b";
const text = "#1f2933";
const border = "#d9e0e5";

/** 2026年12月6日(土) 9:00–11:00 / Sat 6 Dec 2026 9:00–11:00 (the end gets its own date after midnight). */
export function shiftWhen(startsAt: string, endsAt: string, locale: Locale): string {
  return formatRange(startsAt, endsAt, locale);
}

/** 12月6日(土) 9:00 / Sat 6 Dec 9:00: short enough for a subject. */
export function shiftStartShort(startsAt: string, locale: Locale): string {
  const date = formatDate(startsAt, locale);
  const withoutYear = locale === "ja" ? date.replace(/^\d{4}年/, "") : date.replace(/ \d{4}$/, "");
  return `${withoutYear} ${formatTime(startsAt)}`;
}

export function shiftDay(startsAt: string, locale: Locale): string {
  return formatDate(startsAt, locale);
}

/** A small label-and-value list, one row per line (also in the plain-text version). */
export function DetailList({ rows }: { rows: { label: string; value: ReactNode }[] }) {
  return (
    <Section style={{ border: `1px solid ${border}`, borderRadius: "6px", padding: "12px 16px", margin: "0 0 16px" }}>
      {rows.map((row, index) => (
        <Text key={index} style={{ fontSize: "15px", lineHeight: "24px", margin: index === rows.length - 1 ? 0 : "0 0 8px", color: text }}>
          <span style={{ color: muted, fontWeight: 700 }}>{row.label}</span>
          <br />
          {row.value}
        </Text>
      ))}
    </Section>
  );
}

const LABELS: Record<Locale, { posting: string; when: string; place: string; noPlace: string; meetingPoint: string; previous: string; now: string; others: string }> = {
  ja: {
    meetingPoint: "集合場所",
    others: "ほかの日程",
    posting: "募集",
    when: "日時",
    place: "場所",
    noPlace: "募集ページの案内をご確認ください",
    previous: "変更前の日時",
    now: "新しい日時",
  },
  en: {
    meetingPoint: "Meeting point",
    others: "Other dates",
    posting: "Posting",
    when: "Date and time",
    place: "Place",
    noPlace: "See the posting for where to go",
    previous: "Previous date and time",
    now: "New date and time",
  },
};

/**
 * The facts of one shift: posting and group, date and time, place. With `previous`, the old time is shown above
 * the new one (for a shift whose time changed).
 */
export function ShiftDetails({
  locale,
  shift,
  previous,
}: {
  locale: Locale;
  shift: Pick<ShiftEmailProps, "postingTitle" | "organisationName" | "startsAt" | "endsAt" | "placeName" | "otherSessions" | "meetingPoint">;
  previous?: { startsAt: string; endsAt: string };
}) {
  const l = LABELS[locale];
  const posting = locale === "ja" ? `${shift.postingTitle}（${shift.organisationName}）` : `${shift.postingTitle} (${shift.organisationName})`;
  const rows: { label: string; value: ReactNode }[] = [{ label: l.posting, value: posting }];
  if (previous) rows.push({ label: l.previous, value: shiftWhen(previous.startsAt, previous.endsAt, locale) });
  rows.push({ label: previous ? l.now : l.when, value: shiftWhen(shift.startsAt, shift.endsAt, locale) });
  const others = shift.otherSessions ?? [];
  if (others.length)
    rows.push({
      label: l.others,
      value: others.map((o, index) => (
        <span key={index}>
          {index > 0 ? <br /> : null}
          {otherSessionLine(o, locale)}
        </span>
      )),
    });
  rows.push({ label: l.place, value: shift.placeName.trim() || l.noPlace });
  const meetingPoint = shift.meetingPoint?.trim();
  if (meetingPoint) rows.push({ label: l.meetingPoint, value: <Lines text={meetingPoint} /> });
  return <DetailList rows={rows} />;
}

const STANDING: Record<Locale, Record<NonNullable<OtherSession["status"]>, (position?: number) => string>> = {
  ja: {
    confirmed: () => "参加確定",
    waitlisted: (n) => (n ? `キャンセル待ち（${n}番目）` : "キャンセル待ち"),
    pending: () => "団体の確認待ち",
    pending_consent: () => "保護者の同意待ち",
  },
  en: {
    confirmed: () => "confirmed",
    waitlisted: (n) => (n ? `waiting list (number ${n})` : "waiting list"),
    pending: () => "waiting for the group",
    pending_consent: () => "waiting for consent",
  },
};

/** One more date of the same application: 12月13日(土) 9:00–11:00 — キャンセル待ち（2番目）. */
function otherSessionLine(o: OtherSession, locale: Locale): string {
  const when = shiftWhen(o.startsAt, o.endsAt, locale);
  return o.status ? `${when} — ${STANDING[locale][o.status](o.position)}` : when;
}

/** "label: https://…" as its own paragraph, for links after the main button. */
export function LinkLine({ label, href }: { label: string; href: string }) {
  return (
    <Paragraph>
      {label}
      <br />
      <TextLink href={href} />
    </Paragraph>
  );
}

/** The two links every email about a volunteer's shift ends with: the posting and My activities. */
export function ShiftLinks({ locale, shift, activitiesLabel }: { locale: Locale; shift: Pick<ShiftEmailProps, "postingUrl" | "activitiesUrl">; activitiesLabel?: string }) {
  return (
    <>
      <LinkLine label={activitiesLabel ?? (locale === "ja" ? "お申し込みの状況は「わたしの活動」で確認できます。" : "See your applications in My activities:")} href={shift.activitiesUrl} />
      <LinkLine label={locale === "ja" ? "募集の詳細：" : "The posting:"} href={shift.postingUrl} />
    </>
  );
}

/** Text written by the group, its line breaks kept. */
function Lines({ text }: { text: string }) {
  return (
    <>
      {text.split(/\r\n?|\n/).map((line, index) => (
        <span key={index}>
          {index > 0 ? <br /> : null}
          {line}
        </span>
      ))}
    </>
  );
}

/** Text written by the group (what to bring, a contact name) shown only when given. */
export function OptionalLine({ label, value }: { label: string; value: string }) {
  const trimmed = value.trim();
  if (!trimmed) return null;
  return (
    <Paragraph>
      <span style={{ fontWeight: 700 }}>{label}</span>
      <br />
      <Lines text={trimmed} />
    </Paragraph>
  );
}

export const SETTINGS_LABEL: Record<Locale, { optional: string; tune: string }> = {
  ja: {
    optional: "これらのお知らせメールを止める（マイページの「メールのお知らせ」）：",
    tune: "メールのお知らせの設定（マイページ）：",
  },
  en: {
    optional: "Turn these emails off (Email notices on My page):",
    tune: "Your email notice settings (My page):",
  },
};
