import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { applicantForOrganisation, schoolYearKey } from "./applications.rules";
import { csvDownloadHeaders, csvEncoding, encodeCsv } from "~/utils/csv-file.server";
import { csv } from "./applications.rules";
import { rosterDateTime, rosterRows, type RosterShift } from "./roster-csv";

describe("the roster CSV's 申込日時", () => {
  it("is Japan time, written as the pages write it, not UTC", () => {
    expect(rosterDateTime("2026-12-06T13:06:28.560Z")).toBe("2026/12/06 22:06");
    expect(rosterDateTime(new Date("2026-12-31T15:00:00Z"))).toBe("2027/01/01 00:00");
  });
});

const person = {
  deleted: false,
  displayName: "山田 花子",
  nameKana: "やまだ はなこ",
  volunteerType: "university" as const,
  schoolName: "北九州の大学",
  schoolYear: null,
  districtJa: "平野",
  districtEn: "Hirano",
  skills: ["mowing", "english"],
  message: "軍手を持っていきます。",
  guardian: null,
};
const minor = {
  ...person,
  displayName: "佐藤 翔太",
  nameKana: "さとう しょうた",
  volunteerType: "high_school" as const,
  schoolName: "八幡東の高校",
  schoolYear: schoolYearKey({ stage: "high", year: 2 }),
  message: "初めてです",
  guardian: { name: "佐藤 恵子", relationship: "母", phone: "090-1234-5678", email: "g@example.com" },
};
const created_at = "2026-12-06T13:06:28.560Z";

function shift(applicants: RosterShift["applicants"]): RosterShift {
  return { starts_at: "2026-12-13T00:00:00Z", ends_at: "2026-12-13T02:00:00Z", applicants };
}

describe("rosterRows", () => {
  it("writes every column the applicants page shows of an adult, in Japan time", () => {
    const adult = { ...applicantForOrganisation({ ...person, status: "confirmed", minor: false }), status: "confirmed" as const, created_at };
    const [header, row] = rosterRows([shift([adult])], "ja");
    expect(Object.fromEntries(header.map((h, i) => [h, row[i]]))).toEqual({
      日付: "2026年12月13日(日)",
      開始: "9:00",
      終了: "11:00",
      氏名: "山田 花子",
      ふりがな: "やまだ はなこ",
      状況: "参加確定",
      区分: "大学生・専門学校生",
      学校: "北九州の大学",
      学年: "",
      地域: "平野",
      得意なこと: "草刈り・英語",
      申込日時: "2026/12/06 22:06",
      メッセージ: "軍手を持っていきます。",
      "緊急連絡先（保護者）": "",
    });
  });

  it("cuts a minor down as the page does: first name, year and school before confirmation; name and guardian after", () => {
    const before = { ...applicantForOrganisation({ ...minor, status: "pending_consent", minor: true }), status: "pending_consent" as const, created_at };
    const after = { ...applicantForOrganisation({ ...minor, status: "confirmed", minor: true }), status: "confirmed" as const, created_at };
    const [header, b, a] = rosterRows([shift([before, after])], "ja");
    const col = (row: string[], name: string) => row[header.indexOf(name)];
    expect(col(b, "氏名")).toBe("翔太");
    expect(col(b, "学年")).toBe("高校2年生相当");
    expect(col(b, "学校")).toBe("八幡東の高校");
    for (const hidden of ["ふりがな", "区分", "地域", "得意なこと", "メッセージ", "緊急連絡先（保護者）"]) expect(col(b, hidden)).toBe("");
    expect(col(a, "氏名")).toBe("佐藤 翔太");
    expect(col(a, "緊急連絡先（保護者）")).toBe("佐藤 恵子 (母) 090-1234-5678 g@example.com");
    expect(b.join("")).not.toContain("佐藤");
  });

  it("speaks English to an English reader", () => {
    const adult = { ...applicantForOrganisation({ ...person, status: "pending", minor: false }), status: "pending" as const, created_at };
    const [header, row] = rosterRows([shift([adult])], "en");
    expect(header[0]).toBe("Date");
    expect(row[header.indexOf("District")]).toBe("Hirano");
    expect(row[header.indexOf("Skills")]).toBe("Grass cutting, English");
  });
});

describe("the CSV's encodings", () => {
  const rows = [["氏名", "メッセージ"], ["髙橋 ①", "=1+1"]];
  it("UTF-8 starts with a BOM; Shift_JIS has none and decodes back", () => {
    const utf8 = encodeCsv(csv(rows), "utf8");
    expect([...utf8.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(utf8.toString("utf8")).toBe("\uFEFF氏名,メッセージ\r\n髙橋 ①,'=1+1\r\n");
    const sjis = encodeCsv(csv(rows), "sjis");
    expect(sjis[0]).not.toBe(0xef);
    expect(iconv.decode(sjis, "cp932")).toBe("氏名,メッセージ\r\n髙橋 ①,'=1+1\r\n");
  });
  it("is chosen by ?encoding=sjis and named in the headers", () => {
    expect(csvEncoding("sjis")).toBe("sjis");
    expect(csvEncoding(null)).toBe("utf8");
    expect(csvEncoding("SJIS")).toBe("utf8");
    expect(csvDownloadHeaders("roster-5", "sjis")).toMatchObject({ "Content-Type": "text/csv; charset=Shift_JIS", "Content-Disposition": 'attachment; filename="roster-5-sjis.csv"' });
    expect(csvDownloadHeaders("roster-5", "utf8")).toMatchObject({ "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": 'attachment; filename="roster-5.csv"' });
  });
});
