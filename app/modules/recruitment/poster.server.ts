/** qrcode is loaded when a code is first drawn, not at every start (ADR 037). */
const qrcode = async () => (await import("qrcode")).default;
import { finish, newDocument } from "../attendance/certificate-pdf.server";

/**
 * A channel's QR code (PNG or SVG, with the short link in it) and its A4 poster: the campaign's message, the
 * QR code and the link, in Noto Sans JP embedded the way the certificates are.
 */
export function channelQrPng(url: string): Promise<Buffer> {
  return qrcode().then((QRCode) => QRCode.toBuffer(url, { margin: 2, width: 600, errorCorrectionLevel: "M" }));
}

export function channelQrSvg(url: string): Promise<string> {
  return qrcode().then((QRCode) => QRCode.toString(url, { type: "svg", margin: 2, errorCorrectionLevel: "M" }));
}

export async function channelPosterPdf(input: { message: string; url: string }): Promise<Buffer> {
  const doc = await newDocument("民生委員・児童委員になりませんか");
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  doc.font("bold").fontSize(30).text("民生委員・児童委員に", { align: "center" });
  doc.text("なりませんか", { align: "center" });
  doc.moveDown(0.6);
  if (input.message) doc.font("regular").fontSize(16).text(input.message, { align: "center" });
  doc.moveDown(0.6);
  doc.font("regular").fontSize(13).text("地域の身近な相談相手として、ひとり暮らしのお年寄りや子育て中の家庭を見守り、困りごとを区役所などにつなぐ役割です。給与はありませんが、活動費の支給、研修、保険があります。まずは話を聞くだけでも大丈夫です。", { align: "left" });
  doc.moveDown(1);
  const qr = await (await qrcode()).toBuffer(input.url, { margin: 1, width: 600 });
  const size = 240;
  doc.image(qr, doc.page.margins.left + (width - size) / 2, doc.y, { width: size });
  doc.y += size + 16;
  doc.fontSize(13).text("QRコードを読み取ると、活動の内容とお申し出のページが開きます（2分ほど・アカウント不要）。", { align: "center" });
  doc.fontSize(11).text("Scan to read about the role and raise your hand (about two minutes, no account needed).", { align: "center" });
  doc.moveDown(0.5);
  doc.fontSize(12).text(input.url, { align: "center" });
  doc.moveDown(0.5);
  doc.fontSize(11).text("八幡東区役所 ／ つなぐ八幡東", { align: "center" });
  return finish(doc);
}
