import { ActionButton, EmailLayout, Paragraph } from "../components/layout";
import type { Locale } from "~/utils/i18n";
import { v, type TemplateProps } from "./shared";

/** Monthly, to ward staff: a few of the month's impact figures and the link to the full report (counts only). */

export interface ImpactMonthlyProps {
  /** The Tokyo month summarised, 'YYYY-MM'. */
  month: string;
  participants: number;
  firstTime: number;
  sessions: number;
  applications: number;
  hours: number;
  /** Places filled as a percentage of places offered (one decimal), null when no place was offered. */
  fillRate: number | null;
  reportUrl: string;
}

const monthText = (month: string, locale: Locale) => {
  const [y, m] = month.split("-").map(Number);
  return locale === "ja" ? `${y}年${m}月` : new Date(Date.UTC(y, m - 1, 1)).toLocaleString("en-GB", { month: "long", year: "numeric", timeZone: "UTC" });
};

export function impactMonthlyTitle(props: ImpactMonthlyProps, locale: Locale): string {
  return locale === "ja" ? `${v(monthText(props.month, locale))}の実績（新たな担い手 ${props.firstTime}人）` : `Impact in ${v(monthText(props.month, locale))}: ${props.firstTime} new volunteers`;
}

export function ImpactMonthly({ locale, ...props }: TemplateProps<ImpactMonthlyProps>) {
  const title = impactMonthlyTitle(props, locale);
  const rate = props.fillRate === null ? "—" : `${props.fillRate.toFixed(1)}%`;
  if (locale === "ja") {
    const rows: [string, string][] = [
      ["参加した人", `${props.participants}人`],
      ["初めて参加した人", `${props.firstTime}人`],
      ["実施した回", `${props.sessions}回`],
      ["応募", `${props.applications}件`],
      ["活動時間", `${props.hours}時間`],
      ["充足率", rate],
    ];
    return (
      <EmailLayout locale={locale} title={title} preview="主な数値と、実績レポートへのリンクです。" footerReason="このメールは、八幡東区役所の職員アカウントをお持ちのため、毎月お送りしています。">
        <Paragraph>{monthText(props.month, locale)}の主な数値です（件数のみ。個人の情報は含みません）。</Paragraph>
        {rows.map(([label, value]) => (
          <Paragraph key={label}>
            {label}：{value}
          </Paragraph>
        ))}
        <Paragraph>前年度との比較、内訳、一覧は実績レポートでご覧ください。</Paragraph>
        <ActionButton locale={locale} href={props.reportUrl} label="実績レポートを開く" />
      </EmailLayout>
    );
  }
  const rows: [string, string][] = [
    ["People who took part", String(props.participants)],
    ["First-timers", String(props.firstTime)],
    ["Sessions held", String(props.sessions)],
    ["Applications", String(props.applications)],
    ["Hours", String(props.hours)],
    ["Fill rate", rate],
  ];
  return (
    <EmailLayout locale={locale} title={title} preview="The main figures and a link to the full report." footerReason="You are receiving this monthly email because you have a ward staff account.">
      <Paragraph>The main figures of {monthText(props.month, locale)} (counts only; no personal data).</Paragraph>
      {rows.map(([label, value]) => (
        <Paragraph key={label}>
          {label}: {value}
        </Paragraph>
      ))}
      <Paragraph>The comparison with the previous year, the breakdowns and the lists are in the impact report.</Paragraph>
      <ActionButton locale={locale} href={props.reportUrl} label="Open the impact report" />
    </EmailLayout>
  );
}
