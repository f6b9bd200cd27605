/**
 * A table in a pdfkit document (the park report and the impact report share it): a bold header row, rows that
 * grow to their tallest wrapped cell, a hairline under each, a new page (with the header again) when a row would
 * cross the bottom margin. Expects fonts registered as "regular" and "bold".
 */
export interface PdfColumn {
  label: string;
  width: number;
  align?: "left" | "right";
}

export function pdfTable(doc: PDFKit.PDFDocument, cols: PdfColumn[], rows: string[][], options: { fontSize?: number } = {}): void {
  const left = doc.page.margins.left;
  const width = cols.reduce((sum, c) => sum + c.width, 0);
  const size = options.fontSize ?? 10;
  const row = (cells: string[], bold: boolean) => {
    doc.font(bold ? "bold" : "regular").fontSize(size);
    const h = Math.max(...cells.map((c, i) => doc.heightOfString(c, { width: cols[i].width - 6 }))) + 6;
    if (doc.y + h > doc.page.height - doc.page.margins.bottom) {
      doc.addPage();
      if (!bold) row(cols.map((c) => c.label), true);
      doc.font(bold ? "bold" : "regular").fontSize(size);
    }
    const y = doc.y;
    let x = left;
    cells.forEach((c, i) => {
      doc.text(c, x + 3, y + 3, { width: cols[i].width - 6, align: cols[i].align ?? "left" });
      x += cols[i].width;
    });
    doc.moveTo(left, y + h).lineTo(left + width, y + h).lineWidth(0.5).strokeColor("#999999").stroke();
    doc.x = left;
    doc.y = y + h;
  };
  row(cols.map((c) => c.label), true);
  for (const r of rows) row(r, false);
}
