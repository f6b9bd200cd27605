import { describe, expect, it } from "vitest";
import { FIXTURE_SHIFT, FIXTURE_URLS } from "./applications.fixtures";
import { renderEmail, type EmailMessage } from "./render";

/*
 * The organisation-status and application-decision emails are each one parametrised template. These are the
 * subject, HTML and text every member of the two families rendered before they were merged (the golden files were
 * written by the separate templates), so a change to the shared skeleton that alters a single byte of any of them
 * fails here.
 */

const to = "hanako@example.jp";
const org = "高見公園愛護会";
const dashboardUrl = "https://tsunagu.example/orgs/3";
const editUrl = "https://tsunagu.example/orgs/3/edit";
const shift = FIXTURE_SHIFT;

const messages: Record<string, (locale: "ja" | "en") => EmailMessage> = {
  "organisation-submitted": (locale) => ({ template: "organisation-submitted", to, locale, props: { organisationName: org, dashboardUrl } }),
  "organisation-verified": (locale) => ({ template: "organisation-verified", to, locale, props: { organisationName: org, dashboardUrl } }),
  "organisation-rejected": (locale) => ({
    template: "organisation-rejected",
    to,
    locale,
    props: { organisationName: org, reason: "代表者の連絡先を\n確認できませんでした。<b>", editUrl },
  }),
  "organisation-suspended": (locale) => ({
    template: "organisation-suspended",
    to,
    locale,
    props: { organisationName: "<Park & \"Friends\">", reason: "募集内容に関する苦情が寄せられています。" },
  }),
  "application-received": (locale) => ({ template: "application-received", to, locale, props: { ...shift, settingsUrl: FIXTURE_URLS.settings } }),
  "application-confirmed": (locale) => ({
    template: "application-confirmed",
    to,
    locale,
    props: { ...shift, icsUrl: FIXTURE_URLS.ics, whatToBring: "軍手、帽子、飲み物", contactName: "田中 一郎" },
  }),
  "application-confirmed-bare": (locale) => ({
    template: "application-confirmed",
    to,
    locale,
    props: { ...shift, placeName: "", icsUrl: FIXTURE_URLS.ics, whatToBring: "", contactName: "" },
  }),
  "application-promoted": (locale) => ({ template: "application-promoted", to, locale, props: { ...shift, icsUrl: FIXTURE_URLS.ics } }),
  "application-declined": (locale) => ({ template: "application-declined", to, locale, props: { ...shift, reason: "今回は経験者のみを\n募集しています。" } }),
  "application-declined-no-reason": (locale) => ({ template: "application-declined", to, locale, props: { ...shift, reason: "  " } }),
};

describe("the merged email families render what the separate templates rendered", () => {
  for (const [name, message] of Object.entries(messages)) {
    for (const locale of ["ja", "en"] as const) {
      it(`${name} (${locale})`, async () => {
        const rendered = await renderEmail(message(locale));
        await expect(JSON.stringify(rendered, null, 2) + "\n").toMatchFileSnapshot(`./__golden__/${name}.${locale}.json`);
      });
    }
  }
});
