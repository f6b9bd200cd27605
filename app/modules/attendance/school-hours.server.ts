import type { Executor } from "#db/client.server";
import { csv } from "~/modules/applications/applications.rules";
import { encodeCsv, type CsvEncoding } from "~/utils/csv-file.server";
import { tokyoDateString } from "~/utils/format";
import { formatDecimalHours, formatHoursMinutes, schoolYearRange } from "./attendance.rules";
import { confirmedHours } from "./hours.server";

/**
 * The confirmed hours of a school's students (approved affiliations only: students who joined the school on the
 * site, which the join page tells them) in one 年度: a total per student and the activities behind it.
 */
export async function schoolHours(db: Executor, schoolId: number, schoolYear: number) {
  const students = await db
    .selectFrom("school_affiliations as a")
    .innerJoin("users as u", "u.id", "a.user_id")
    .select(["u.id", "u.display_name", "u.name_kana"])
    .where("a.organisation_id", "=", schoolId)
    .where("a.status", "=", "approved")
    .where("u.deleted_at", "is", null)
    .orderBy("u.name_kana")
    .orderBy("u.display_name")
    .execute();
  const entries = await confirmedHours(
    db,
    students.map((s) => s.id),
    schoolYearRange(schoolYear),
  );
  return students.map((s) => {
    const mine = entries.filter((e) => e.userId === s.id);
    return {
      userId: s.id,
      name: s.display_name,
      nameKana: s.name_kana,
      sessions: mine.length,
      minutes: mine.reduce((sum, e) => sum + e.minutes, 0),
      activities: mine.map((e) => ({ date: tokyoDateString(e.startsAt), group: e.organisationName, what: e.title, minutes: e.minutes })),
    };
  });
}

/**
 * The school's hours as a spreadsheet, one row per activity and a total row per student: UTF-8 with a BOM (Excel
 * opens it correctly), or Shift_JIS (CP932) for older Excel.
 */
export function schoolHoursCsv(rows: Awaited<ReturnType<typeof schoolHours>>, headers: string[], totalLabel: string, encoding: CsvEncoding): Buffer {
  const lines: (string | number)[][] = [headers];
  for (const s of rows) {
    for (const a of s.activities) lines.push([s.name, s.nameKana, a.date, a.group, a.what, formatHoursMinutes(a.minutes), formatDecimalHours(a.minutes)]);
    lines.push([s.name, s.nameKana, totalLabel, "", "", formatHoursMinutes(s.minutes), formatDecimalHours(s.minutes)]);
  }
  return encodeCsv(csv(lines), encoding);
}
