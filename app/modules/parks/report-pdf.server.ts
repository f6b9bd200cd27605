import { finish, newDocument } from "../attendance/certificate-pdf.server";
import { pdfTable } from "~/utils/pdf-table.server";
import { hoursText, type LoggedActivity, type ReportTotals, type SiteSession } from "./report.rules";
import type { ActivityKind } from "./parks.vocabulary";

/** The year's 活動報告書 as an A4 PDF in Japanese, with the embedded Noto Sans JP subset the certificates use. */
export interface ReportData {
  year: number;
  park: { name: string; address: string; areaM2: number };
  association: { name: string; memberCount: number };
  range: { from: string; to: string };
  totals: ReportTotals;
  log: LoggedActivity[];
  site: SiteSession[];
  issuedOn: string;
}

const KIND_JA: Record<ActivityKind | "site", string> = { weeding: "除草", cleaning: "清掃", flowerbed: "花壇", inspection: "点検", other: "その他", site: "サイトで募集した活動" };
const yen = (n: number) => `${n.toLocaleString("ja-JP")}円`;

export async function parkReportPdf(data: ReportData): Promise<Buffer> {
  const title = `${data.year}年度 公園愛護会 活動報告書`;
  const doc = await newDocument(title);
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  doc.font("bold").fontSize(20).text(title, { align: "center" });
  doc.moveDown(1);
  doc.font("regular").fontSize(11);
  doc.text(`公園: ${data.park.name}（${data.park.address || "住所未登録"}）`);
  doc.text(`愛護会: ${data.association.name}（会員 ${data.association.memberCount}人）`);
  doc.text(`期間: ${data.range.from} 〜 ${data.range.to}`);
  doc.text(`管理面積: ${data.park.areaM2.toLocaleString("ja-JP")}㎡（${data.totals.grant.band}）`);
  doc.font("bold").text(`助成金額: ${yen(data.totals.grant.yen)}`);
  doc.moveDown(0.8);

  doc.font("bold").fontSize(13).text("活動の合計", left);
  doc.moveDown(0.3);
  const t = data.totals;
  pdfTable(
    doc,
    [
      { label: "活動内容", width: width * 0.4 },
      { label: "回数", width: width * 0.15 },
      { label: "延べ人数", width: width * 0.2 },
      { label: "時間", width: width * 0.25 },
    ],
    [
      ...t.byKind.map((k) => [KIND_JA[k.kind], `${k.count}回`, `${k.people}人`, `${hoursText(k.minutes)}時間`]),
      ["合計", `${t.activities}回`, `${t.people}人`, `${hoursText(t.minutes)}時間`],
    ],
  );
  doc.moveDown(0.5);
  doc.font("regular").fontSize(11).text(`うちサイト経由の参加: ${t.viaSite}人　延べ活動時間（人×時間）: ${hoursText(t.personMinutes)}時間`, left);
  doc.moveDown(0.8);

  doc.font("bold").fontSize(13).text("活動の記録", left);
  doc.moveDown(0.3);
  const entries = [
    ...data.log.map((a) => ({ date: a.date, what: a.note ? `${KIND_JA[a.kind]}（${a.note}）` : KIND_JA[a.kind], people: a.people, viaSite: a.viaSite, minutes: a.minutes })),
    ...data.site.map((s) => ({ date: s.date, what: `${KIND_JA.site}: ${s.title}`, people: s.people, viaSite: s.people, minutes: s.minutes })),
  ].sort((a, b) => a.date.localeCompare(b.date));
  pdfTable(
    doc,
    [
      { label: "日付", width: 80 },
      { label: "内容", width: width - 80 - 60 - 70 - 60 },
      { label: "人数", width: 60 },
      { label: "サイト経由", width: 70 },
      { label: "時間", width: 60 },
    ],
    entries.length ? entries.map((e) => [e.date, e.what, `${e.people}人`, `${e.viaSite}人`, `${hoursText(e.minutes)}時間`]) : [["—", "記録なし", "", "", ""]],
  );
  doc.moveDown(1);
  doc.font("regular").fontSize(10).text(`作成日: ${data.issuedOn}　つなぐ八幡東で記録した内容から作成しました。`, left);
  return finish(doc);
}
