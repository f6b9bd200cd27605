import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { inflateSync } from "node:zlib";
import type PDFDocumentType from "pdfkit";
import { formatDecimalHours, formatHoursMinutes } from "./attendance.rules";
import type { CertificateData } from "./certificate.rules";

/**
 * PDFs with Japanese text: pdfkit embeds a subset of Noto Sans JP (from the @fontsource package) holding only
 * the glyphs used, CJK included. fontkit reads the package's WOFF files slowly (it inflates tables on every
 * access: seconds per page), so each is unpacked to a plain TrueType font once per process.
 * See docs/decisions/023-verifiable-certificates.md.
 */
function woffToSfnt(woff: Buffer): Buffer {
  if (woff.readUInt32BE(0) !== 0x774f4646) throw new Error("not a WOFF font");
  const flavor = woff.readUInt32BE(4);
  const numTables = woff.readUInt16BE(12);
  const tables = Array.from({ length: numTables }, (_, i) => {
    const o = 44 + i * 20;
    const [tag, offset, compLength, origLength, checksum] = [0, 4, 8, 12, 16].map((d) => woff.readUInt32BE(o + d));
    const raw = woff.subarray(offset, offset + compLength);
    return { tag, checksum, data: compLength < origLength ? inflateSync(raw) : raw };
  });
  let offset = 12 + 16 * numTables;
  const offsets = tables.map((t) => {
    const at = offset;
    offset += (t.data.length + 3) & ~3;
    return at;
  });
  const out = Buffer.alloc(offset);
  let power = 1;
  let log = 0;
  while (power * 2 <= numTables) {
    power *= 2;
    log++;
  }
  out.writeUInt32BE(flavor, 0);
  out.writeUInt16BE(numTables, 4);
  out.writeUInt16BE(power * 16, 6);
  out.writeUInt16BE(log, 8);
  out.writeUInt16BE(numTables * 16 - power * 16, 10);
  tables.forEach((t, i) => {
    const o = 12 + i * 16;
    out.writeUInt32BE(t.tag, o);
    out.writeUInt32BE(t.checksum, o + 4);
    out.writeUInt32BE(offsets[i], o + 8);
    out.writeUInt32BE(t.data.length, o + 12);
    t.data.copy(out, offsets[i]);
  });
  return out;
}

const fonts = new Map<number, Buffer>();

function font(weight: 400 | 700): Buffer {
  let f = fonts.get(weight);
  if (!f) {
    const path = createRequire(import.meta.url).resolve(`@fontsource/noto-sans-jp/files/noto-sans-jp-japanese-${weight}-normal.woff`);
    f = woffToSfnt(readFileSync(path));
    fonts.set(weight, f);
  }
  return f;
}

/** An A4 document with the embedded Noto Sans JP subset registered as "regular" and "bold" (the park report uses it too). */
export async function newDocument(title: string): Promise<InstanceType<typeof PDFDocumentType>> {
  // pdfkit and its fonts are loaded by the first PDF, not by every server process at start (ADR 037).
  const { default: PDFDocument } = await import("pdfkit");
  const doc = new PDFDocument({ size: "A4", margin: 56, info: { Title: title, Author: "つなぐ八幡東", Producer: "つなぐ八幡東" }, lang: "ja" } as PDFKit.PDFDocumentOptions);
  doc.registerFont("regular", font(400));
  doc.registerFont("bold", font(700));
  doc.font("regular");
  return doc;
}

export function finish(doc: PDFKit.PDFDocument): Promise<Buffer> {
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
    doc.end();
  });
}

const LABELS = {
  ja: {
    title: "ボランティア活動証明書",
    name: "氏名",
    school: "学校",
    period: "期間",
    date: "日付",
    group: "団体",
    what: "活動",
    hours: "時間",
    total: "合計",
    statement: "上記の者が、つなぐ八幡東を通じて上記のボランティア活動を行ったことを、各団体が確定した出席記録に基づき証明します。",
    issued: "発行日",
    number: "証明書番号",
    issuer: "発行者",
    verify: "この証明書の内容と有効性は、QRコードまたは次のURLで確認できます（署名: Ed25519）。",
    hoursUnit: (m: number) => `${formatHoursMinutes(m)}（${formatDecimalHours(m)}時間）`,
    yearLabel: (y: number) => `${y}年度`,
  },
  en: {
    title: "Certificate of Volunteer Activity",
    name: "Name",
    school: "School",
    period: "Period",
    date: "Date",
    group: "Group",
    what: "Activity",
    hours: "Hours",
    total: "Total",
    statement: "This certifies that the person named above did the volunteer activities listed, through Tsunagu Yahatahigashi, as recorded and confirmed by each group.",
    issued: "Issued",
    number: "Certificate number",
    issuer: "Issuer",
    verify: "Check what this certificate says, and whether it is valid, with the QR code or at this address (signed with Ed25519):",
    hoursUnit: (m: number) => `${formatHoursMinutes(m)} (${formatDecimalHours(m)} h)`,
    yearLabel: (y: number) => `School year ${y}`,
  },
} as const;

/** The certificate as an A4 PDF: issuer, person, each activity, total, issue date, number, and a QR to its page. */
export async function certificatePdf(data: CertificateData, verifyUrl: string): Promise<Buffer> {
  const l = LABELS[data.locale];
  const doc = await newDocument(l.title);
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  doc.font("bold").fontSize(22).text(l.title, { align: "center" });
  doc.moveDown(1.2);
  doc.font("regular").fontSize(12);
  doc.text(`${l.name}: ${data.holder.name}`);
  if (data.holder.school) doc.text(`${l.school}: ${data.holder.school}`);
  const period = `${data.period.from} – ${data.period.to}${data.period.schoolYear ? `（${l.yearLabel(data.period.schoolYear)}）` : ""}`;
  doc.text(`${l.period}: ${period}`);
  doc.moveDown(0.8);
  const cols = [
    { label: l.date, width: 80 },
    { label: l.group, width: 140 },
    { label: l.what, width: width - 80 - 140 - 90 },
    { label: l.hours, width: 90 },
  ];
  const row = (cells: string[], bold = false) => {
    doc.font(bold ? "bold" : "regular").fontSize(10);
    const heights = cells.map((c, i) => doc.heightOfString(c, { width: cols[i].width - 6 }));
    const h = Math.max(...heights) + 6;
    if (doc.y + h > doc.page.height - doc.page.margins.bottom - 20) doc.addPage();
    const y = doc.y;
    let x = left;
    cells.forEach((c, i) => {
      doc.text(c, x + 3, y + 3, { width: cols[i].width - 6 });
      x += cols[i].width;
    });
    doc.moveTo(left, y + h).lineTo(left + width, y + h).lineWidth(0.5).strokeColor("#999999").stroke();
    doc.x = left;
    doc.y = y + h;
  };
  row(cols.map((c) => c.label), true);
  for (const a of data.activities) row([a.date, a.group, a.what, l.hoursUnit(a.minutes)]);
  row(["", "", l.total, l.hoursUnit(data.totalMinutes)], true);
  doc.moveDown(1);
  if (doc.y > doc.page.height - 300) doc.addPage();
  doc.font("regular").fontSize(11).text(l.statement, left, doc.y, { width });
  doc.moveDown(1);
  doc.text(`${l.issued}: ${data.issuedAt.slice(0, 10)}`);
  doc.text(`${l.number}: ${data.code}`);
  doc.text(`${l.issuer}: ${data.issuer.name}（${data.issuer.url}）`);
  doc.moveDown(1);
  const { default: QRCode } = await import("qrcode");
  const qr = await QRCode.toBuffer(verifyUrl, { margin: 1, width: 240 });
  const qrY = doc.y;
  doc.image(qr, left, qrY, { width: 110 });
  doc.fontSize(9).text(l.verify, left + 125, qrY, { width: width - 125 });
  doc.text(verifyUrl, { width: width - 125 });
  return finish(doc);
}

/** An A4 poster of a session's self check-in QR code, to put up at the venue. */
export async function posterPdf(input: { title: string; organisationName: string; when: string; url: string }): Promise<Buffer> {
  const doc = await newDocument("セルフチェックイン / Self check-in");
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  doc.font("bold").fontSize(28).text("セルフチェックイン", { align: "center" });
  doc.font("regular").fontSize(14).text("Self check-in", { align: "center" });
  doc.moveDown(1);
  doc.font("bold").fontSize(18).text(input.title, { align: "center" });
  doc.font("regular").fontSize(13).text(`${input.organisationName}　${input.when}`, { align: "center" });
  doc.moveDown(1);
  const { default: QRCode } = await import("qrcode");
  const qr = await QRCode.toBuffer(input.url, { margin: 1, width: 600 });
  const size = 300;
  doc.image(qr, doc.page.margins.left + (width - size) / 2, doc.y, { width: size });
  doc.y += size + 20;
  doc.fontSize(12).text("参加が確定している方は、ログインしてこのQRコードを読み取り、到着と退出を記録してください（開始1時間前から終了3時間後まで）。", { align: "center" });
  doc.text("Confirmed volunteers: sign in and scan this code to record your arrival and departure (from 1 hour before the start to 3 hours after the end).", { align: "center" });
  doc.moveDown(0.5);
  doc.fontSize(9).text(input.url, { align: "center" });
  return finish(doc);
}
