import { finish, newDocument } from "../attendance/certificate-pdf.server";
import { formatChange, formatNumber, GRID, INK, monthLabel, niceScale, SERIES } from "~/utils/chart-style";
import { pdfTable } from "~/utils/pdf-table.server";
import { tokyoFormatter } from "~/utils/format";
import { figureText, label, monthGridsByTable, periodLabels, reportTables, stateNote, type Labeller, type MonthGridTable, type ReportTable } from "./report-csv";
import type { FigureUnit, ImpactReport } from "./report.types";

/**
 * The whole impact report as an A4 PDF for a meeting: a cover titled for the ward's policy progress report, then
 * each section with its charts drawn from the same tables as the page and the CSV files (this period solid, the
 * previous hatched, values written beside the bars, so it reads in greyscale), each chart followed by its table.
 * Japanese fonts and the document set-up are the certificates'.
 */
type Doc = PDFKit.PDFDocument;
type Row = ReportTable["rows"][number];

const STAMP = tokyoFormatter("ja-JP", { year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });

const valueText = (value: number | null, unit: FigureUnit | undefined | null, l: Labeller) => figureText(l, value, unit);

function hatched(doc: Doc, x: number, y: number, w: number, h: number) {
  doc.save();
  doc.rect(x, y, w, h).fill(SERIES[1].fill);
  doc.rect(x, y, w, h).clip();
  for (let i = -h; i < w; i += 3.5) doc.moveTo(x + i, y + h).lineTo(x + i + h, y).lineWidth(0.6).strokeColor(INK).stroke();
  doc.restore();
  doc.rect(x, y, w, h).lineWidth(0.5).strokeColor(INK).stroke();
}

function solid(doc: Doc, x: number, y: number, w: number, h: number) {
  doc.rect(x, y, w, h).fillAndStroke(SERIES[0].fill, INK);
}

function ensureRoom(doc: Doc, height: number) {
  if (doc.y + height > doc.page.height - doc.page.margins.bottom) doc.addPage();
}

function legend(doc: Doc, labels: { current: string; previous: string }) {
  const left = doc.page.margins.left;
  const y = doc.y;
  doc.lineWidth(0.5);
  solid(doc, left, y + 2, 14, 8);
  doc.font("regular").fontSize(8).fillColor(INK).text(labels.current, left + 18, y, { lineBreak: false });
  const x2 = left + 24 + doc.widthOfString(labels.current) + 12;
  hatched(doc, x2, y + 2, 14, 8);
  doc.text(labels.previous, x2 + 18, y, { lineBreak: false });
  doc.x = left;
  doc.y = y + 14;
}

/** Horizontal bars, two per row (this period, then the previous hatched and thinner), on one scale. */
function barChart(doc: Doc, rows: Row[], unit: FigureUnit | null, l: Labeller, labels: { current: string; previous: string }) {
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const labelWidth = 150;
  const barSpace = width - labelWidth - 60;
  const max = Math.max(1, ...rows.flatMap((r) => [r.value ?? 0, r.previous ?? 0]));
  ensureRoom(doc, 14 + Math.min(rows.length, 6) * 22);
  legend(doc, labels);
  for (const r of rows) {
    ensureRoom(doc, 22);
    const y = doc.y;
    doc.font("regular").fontSize(8).fillColor(INK).text(r.label, left, y + 2, { width: labelWidth - 6, height: 20, ellipsis: true });
    const x = left + labelWidth;
    const u = r.unit ?? unit;
    if (r.value !== null) {
      const w = Math.max(0.5, (barSpace * r.value) / max);
      solid(doc, x, y + 1, w, 9);
      doc.fillColor(INK).fontSize(8).text(valueText(r.value, u, l), x + w + 4, y + 1, { lineBreak: false });
    }
    if (r.previous !== null) {
      const w = Math.max(0.5, (barSpace * r.previous) / max);
      hatched(doc, x, y + 11, w, 6);
      doc.fillColor(INK).fontSize(7).text(valueText(r.previous, u, l), x + w + 4, y + 10, { lineBreak: false });
    }
    doc.moveTo(x, y).lineTo(x, y + 20).lineWidth(0.5).strokeColor(GRID).stroke();
    doc.x = left;
    doc.y = y + 22;
  }
  doc.moveDown(0.5);
}

/** Months as bars (this period) with the previous period as a dashed line with square markers. */
function monthChart(doc: Doc, table: ReportTable, l: Labeller, labels: { current: string; previous: string }) {
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const height = 120;
  ensureRoom(doc, height + 40);
  legend(doc, labels);
  const top = doc.y + 4;
  const axis = 40;
  const slot = (width - axis) / table.rows.length;
  const scale = niceScale(Math.max(0, ...table.rows.flatMap((r) => [r.value ?? 0, r.previous ?? 0])));
  const y = (v: number) => top + height - (height * v) / scale.max;
  for (const tick of scale.ticks) {
    doc.moveTo(left + axis, y(tick)).lineTo(left + width, y(tick)).lineWidth(tick === 0 ? 0.8 : 0.3).strokeColor(GRID).stroke();
    doc.fillColor(INK).fontSize(7).text(formatNumber(tick), left, y(tick) - 4, { width: axis - 4, align: "right", lineBreak: false });
  }
  table.rows.forEach((r, i) => {
    const cx = left + axis + slot * i + slot / 2;
    if (r.value !== null) solid(doc, cx - slot * 0.3, y(r.value), slot * 0.6, top + height - y(r.value));
    doc.fillColor(INK).fontSize(7).text(monthLabel(r.label, l.locale), cx - slot / 2, top + height + 3, { width: slot, align: "center", lineBreak: false });
  });
  const points = table.rows.map((r, i) => (r.previous === null ? null : ([left + axis + slot * i + slot / 2, y(r.previous)] as const))).filter((p) => p !== null);
  if (points.length) {
    doc.save();
    points.forEach(([px, py], i) => (i === 0 ? doc.moveTo(px, py) : doc.lineTo(px, py)));
    doc.lineWidth(1).dash(3, { space: 2 }).strokeColor(INK).stroke();
    doc.undash();
    doc.restore();
    for (const [px, py] of points) doc.rect(px - 2.5, py - 2.5, 5, 5).lineWidth(0.5).fillAndStroke(SERIES[1].fill, INK);
  }
  doc.x = left;
  doc.y = top + height + 16;
}

function tableOf(doc: Doc, table: ReportTable, l: Labeller) {
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const month = table.id.endsWith(".months");
  doc.fillColor(INK);
  const numbers = [table.headers.at(-2)!, table.headers.at(-1)!, l.t("reportsPage.table.change")];
  pdfTable(
    doc,
    [{ label: table.headers[0], width: width - 3 * 95 }, ...numbers.map((n) => ({ label: n, width: 95, align: "right" as const }))],
    table.rows.map((r) => [month ? monthLabel(r.label, l.locale) : r.label, valueText(r.value, r.unit ?? table.unit, l), valueText(r.previous, r.unit ?? table.unit, l), formatChange(r.value, r.previous)]),
    { fontSize: 9 },
  );
  doc.moveDown(0.8);
}

/**
 * A breakdown month by month: the names, then twelve months across A4 in a smaller type (a longer range goes on
 * in another block of twelve below).
 */
function monthGridOf(doc: Doc, grid: MonthGridTable, l: Labeller) {
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const nameWidth = 75;
  const column = (width - nameWidth) / 12;
  doc.fillColor(INK);
  for (let start = 0; start < grid.months.length; start += 12) {
    const months = grid.months.slice(start, start + 12);
    pdfTable(
      doc,
      [{ label: grid.by, width: nameWidth }, ...months.map((m) => ({ label: monthLabel(m, l.locale), width: column, align: "right" as const }))],
      grid.rows.map((r) => [r.label, ...r.values.slice(start, start + 12).map((v) => valueText(v, grid.unit, l))]),
      { fontSize: 7 },
    );
    doc.moveDown(0.8);
  }
}

function heading(doc: Doc, text: string, size: number) {
  ensureRoom(doc, size * 4);
  doc.font("bold").fontSize(size).fillColor(INK).text(text, doc.page.margins.left);
  doc.moveDown(0.3);
}

export async function impactReportPdf(report: ImpactReport, l: Labeller): Promise<Buffer> {
  const periods = periodLabels(l, report);
  const title = l.t("reportsPage.pdf.title", { period: periods.current });
  const doc = await newDocument(title);
  const left = doc.page.margins.left;

  doc.moveDown(8);
  doc.font("bold").fontSize(22).fillColor(INK).text(title, { align: "center" });
  doc.moveDown(2);
  doc.font("regular").fontSize(12);
  doc.text(l.t("reportsPage.pdf.period", { from: report.range.from, to: report.range.to }), { align: "center" });
  doc.text(l.t("reportsPage.pdf.compared", { from: report.previousRange.from, to: report.previousRange.to }), { align: "center" });
  doc.moveDown(1);
  doc.text(l.t("reportsPage.pdf.computedAt", { at: STAMP.format(new Date(report.computedAt)) }), { align: "center" });
  doc.moveDown(6);
  doc.font("bold").fontSize(12).text(l.t("reportsPage.pdf.contents"), left);
  doc.font("regular").fontSize(11);
  report.sections.forEach((s, i) => doc.text(`${i + 1}. ${label(l, s.labelKey)}`, left + 12));
  doc.moveDown(2);
  doc.fontSize(9).text(l.t("reportsPage.pdf.note"), left);

  const tables = reportTables(l, report);
  const grids = monthGridsByTable(l, report);
  for (const section of report.sections) {
    doc.addPage();
    heading(doc, label(l, section.labelKey), 16);
    for (const f of section.figures.filter((x) => x.atPeriodEnd)) {
      doc.font("regular").fontSize(9).fillColor(INK).text(`${label(l, f.labelKey)}: ${stateNote(l, f)}`, left);
      doc.moveDown(0.4);
    }
    const own = tables.filter((t) => t.id === section.id || t.id.startsWith(`${section.id}.`));
    for (const table of own) {
      if (table.id !== section.id) heading(doc, table.title, 11);
      if (table.rows.length === 0) {
        doc.font("regular").fontSize(9).text(l.t("reportsPage.empty"), left);
        doc.moveDown(0.8);
        continue;
      }
      if (table.id.endsWith(".months")) monthChart(doc, table, l, periods);
      else if (table.id === section.id) {
        const counted = table.rows.filter((r) => r.unit !== "percent");
        if (counted.length) barChart(doc, counted, null, l, periods);
      } else barChart(doc, table.rows, table.unit, l, periods);
      tableOf(doc, table, l);
      const grid = grids.get(table.id);
      if (grid) {
        heading(doc, grid.title, 11);
        monthGridOf(doc, grid, l);
      }
    }
  }
  return finish(doc);
}
