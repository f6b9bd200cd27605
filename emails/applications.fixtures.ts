import type { Locale } from "~/utils/i18n";
import type { EmailMessage } from "./render";
import type { ShiftEmailProps } from "./templates/shared";

/*
 * Example messages for the emails about applications, shifts, messages and invitations (used by the tests and
 * handy for previewing). `facts` are strings the plain-text version must contain; `urls` are all its links, the
 * main button first; `optional` says whether the email links to the settings that turn it off.
 */

export const APPLICATION_EMAIL_TEMPLATES = [
  "application-received",
  "application-confirmed",
  "application-declined",
  "application-waitlisted",
  "application-promoted",
  "shift-reminder",
  "shift-changed",
  "shift-cancelled",
  "new-message",
  "volunteer-invitation",
  "new-applicant",
] as const satisfies readonly EmailMessage["template"][];

export const FIXTURE_URLS = {
  activities: "https://tsunagu.example/activities",
  posting: "https://tsunagu.example/postings/42",
  settings: "https://tsunagu.example/account#notifications",
  ics: "https://tsunagu.example/activities/7/calendar.ics",
  thread: "https://tsunagu.example/messages/15",
  manage: "https://tsunagu.example/orgs/3/postings/42/applicants?shift=9&from=email",
} as const;

/** Saturday 5 December 2026, 9:00–11:00 in Tokyo. */
export const FIXTURE_SHIFT: ShiftEmailProps = {
  postingTitle: "大蔵川の清掃ボランティア",
  organisationName: "高見公園愛護会",
  startsAt: "2026-12-05T00:00:00.000Z",
  endsAt: "2026-12-05T02:00:00.000Z",
  placeName: "高見中央公園 東口",
  activitiesUrl: FIXTURE_URLS.activities,
  postingUrl: FIXTURE_URLS.posting,
};

export const FIXTURE_WHEN: Record<Locale, string> = {
  ja: "2026年12月5日(土) 9:00–11:00",
  en: "Sat 5 Dec 2026 9:00–11:00",
};

export interface EmailFixture {
  message: EmailMessage;
  urls: string[];
  facts: string[];
  optional: boolean;
}

export function applicationFixtures(locale: Locale): EmailFixture[] {
  const to = "hanako@example.jp";
  const ja = locale === "ja";
  const shift = FIXTURE_SHIFT;
  const shiftUrls = [FIXTURE_URLS.activities, FIXTURE_URLS.posting];
  const shiftFacts = [FIXTURE_WHEN[locale], shift.placeName, shift.postingTitle, shift.organisationName];
  return [
    {
      message: { template: "application-received", to, locale, props: { ...shift, settingsUrl: FIXTURE_URLS.settings } },
      urls: [...shiftUrls, FIXTURE_URLS.settings],
      facts: [...shiftFacts, ja ? "まだ参加は確定していません" : "your place is not confirmed yet"],
      optional: false,
    },
    {
      message: {
        template: "application-confirmed",
        to,
        locale,
        props: { ...shift, icsUrl: FIXTURE_URLS.ics, whatToBring: "軍手、帽子、飲み物", contactName: "田中 一郎" },
      },
      urls: [...shiftUrls, FIXTURE_URLS.ics],
      facts: [...shiftFacts, "軍手、帽子、飲み物", "田中 一郎", ja ? "参加が確定しました" : "is confirmed"],
      optional: false,
    },
    {
      message: { template: "application-declined", to, locale, props: { ...shift, reason: "今回は経験者のみを募集しています。" } },
      urls: shiftUrls,
      facts: [...shiftFacts, "今回は経験者のみを募集しています。"],
      optional: false,
    },
    {
      message: { template: "application-waitlisted", to, locale, props: { ...shift, position: 3 } },
      urls: shiftUrls,
      facts: [...shiftFacts, ja ? "キャンセル待ちの3番目" : "you are number 3", ja ? "メールでお知らせします" : "we will email you"],
      optional: false,
    },
    {
      message: { template: "application-promoted", to, locale, props: { ...shift, icsUrl: FIXTURE_URLS.ics } },
      urls: [...shiftUrls, FIXTURE_URLS.ics],
      facts: [...shiftFacts, ja ? "空きが出たため" : "A place has freed up"],
      optional: false,
    },
    {
      message: {
        template: "shift-reminder",
        to,
        locale,
        props: {
          ...shift,
          when: "day-before",
          whatToBring: "軍手、帽子、飲み物",
          contactName: "田中 一郎",
          threadUrl: FIXTURE_URLS.thread,
          settingsUrl: FIXTURE_URLS.settings,
        },
      },
      urls: [FIXTURE_URLS.thread, ...shiftUrls, FIXTURE_URLS.settings],
      facts: [...shiftFacts, "軍手、帽子、飲み物", "田中 一郎"],
      optional: true,
    },
    {
      message: {
        template: "shift-changed",
        to,
        locale,
        props: { ...shift, previousStartsAt: "2026-11-28T00:00:00.000Z", previousEndsAt: "2026-11-28T02:00:00.000Z", capacityChanged: false },
      },
      urls: shiftUrls,
      facts: [...shiftFacts, ja ? "2026年11月28日(土) 9:00–11:00" : "Sat 28 Nov 2026 9:00–11:00", ja ? "変更前の日時" : "Previous date and time"],
      optional: false,
    },
    {
      message: { template: "shift-cancelled", to, locale, props: { ...shift, reason: "大雨の予報のため中止します。" } },
      urls: shiftUrls,
      facts: [...shiftFacts, "大雨の予報のため中止します。"],
      optional: false,
    },
    {
      message: {
        template: "new-message",
        to,
        locale,
        props: { postingTitle: shift.postingTitle, senderLabel: "高見公園愛護会", threadUrl: FIXTURE_URLS.thread, settingsUrl: FIXTURE_URLS.settings },
      },
      urls: [FIXTURE_URLS.thread, FIXTURE_URLS.settings],
      facts: [shift.postingTitle, "高見公園愛護会"],
      optional: true,
    },
    {
      message: {
        template: "volunteer-invitation",
        to,
        locale,
        props: {
          postingTitle: shift.postingTitle,
          organisationName: shift.organisationName,
          postingUrl: FIXTURE_URLS.posting,
          threadUrl: FIXTURE_URLS.thread,
          // Reasons arrive already in the reader's language.
          reasons: ja ? ["公園・緑化に関心", "自宅の校区から1.2km", "土曜の午前"] : ["Interested in parks and greenery", "1.2 km from your school district", "Saturday morning"],
          settingsUrl: FIXTURE_URLS.settings,
        },
      },
      urls: [FIXTURE_URLS.posting, FIXTURE_URLS.thread, FIXTURE_URLS.settings],
      facts: ja
        ? [shift.postingTitle, shift.organisationName, "公園・緑化に関心", "自宅の校区から1.2km", "土曜の午前", "あなたが決められます"]
        : [shift.postingTitle, shift.organisationName, "Interested in parks and greenery", "1.2 km from your school district", "Saturday morning", "It is up to you"],
      optional: true,
    },
    {
      message: {
        template: "new-applicant",
        to,
        locale,
        props: {
          postingTitle: shift.postingTitle,
          startsAt: shift.startsAt,
          endsAt: shift.endsAt,
          applicantLabel: "山田 花子",
          status: "pending",
          manageUrl: FIXTURE_URLS.manage,
        },
      },
      urls: [FIXTURE_URLS.manage],
      facts: [shift.postingTitle, FIXTURE_WHEN[locale], "山田 花子", ja ? "確定または見送りを選んでください" : "confirm or decline"],
      optional: false,
    },
  ];
}
