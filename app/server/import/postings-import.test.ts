import { describe, expect, it } from "vitest";
import {
  checkImportFile,
  decodeText,
  fieldForHeader,
  formatProblem,
  normaliseDate,
  normaliseTime,
  parseBoolean,
  parseCsv,
  parseShiftsCell,
  readCsv,
  readImportFile,
  readJsonl,
  validateRecords,
  type Catalogue,
} from "./postings-import";
import { toShiftJis } from "../../../tests/support/shift-jis";

const now = new Date("2026-11-24T03:00:00Z"); // 12:00 in Tokyo

const catalogue: Catalogue = {
  categories: [
    { id: 11, code: "cleanup", name_ja: "清掃・環境", name_en: "Clean-up & environment" },
    { id: 12, code: "parks", name_ja: "公園・緑化", name_en: "Parks & greenery" },
  ],
  districts: [
    { id: 21, code: "chuo", name_ja: "中央", name_en: "Chuo" },
    { id: 22, code: "momozono", name_ja: "桃園", name_en: "Momozono" },
  ],
  places: [{ id: 31, name_ja: "桃園公園", name_en: "Momozono Park", address: "八幡東区桃園", latitude: 33.857, longitude: 130.801 }],
};

const HEADER = "タイトル,説明,分野,タグ,地域,場所,担当者,日付,開始,終了,定員";
const DESCRIPTION = "桃園公園の花壇で草取りと植え替えをします。初めての方も歓迎です。";

describe("CSV parser", () => {
  it("reads plain records with the line each starts on", () => {
    expect(parseCsv("a,b,c\n1,2,3\n").records).toEqual([
      { line: 1, fields: ["a", "b", "c"] },
      { line: 2, fields: ["1", "2", "3"] },
    ]);
  });

  it("reads quoted fields with commas and doubled quotes", () => {
    const { records } = parseCsv('title,tags\n"花壇, 草取り","彼は""はい""と言った"\n');
    expect(records[1].fields).toEqual(["花壇, 草取り", '彼は"はい"と言った']);
  });

  it("keeps line breaks inside quotes and counts physical lines for the next record", () => {
    const { records } = parseCsv('a,b\n"一行目\r\n二行目\n三行目",x\ny,z\n');
    expect(records[1]).toEqual({ line: 2, fields: ["一行目\n二行目\n三行目", "x"] });
    expect(records[2]).toEqual({ line: 5, fields: ["y", "z"] });
  });

  it("accepts CRLF, LF and CR line ends, a last line without one, and skips blank lines", () => {
    const { records } = parseCsv("a,b\r\n1,2\r\n\r\n3,4\r5,6");
    expect(records.map((r) => [r.line, r.fields])).toEqual([
      [1, ["a", "b"]],
      [2, ["1", "2"]],
      [4, ["3", "4"]],
      [5, ["5", "6"]],
    ]);
  });

  it("ignores a BOM at the start", () => {
    expect(parseCsv("\uFEFFタイトル,説明\n").records[0].fields).toEqual(["タイトル", "説明"]);
  });

  it("keeps empty fields, quoted or not", () => {
    expect(parseCsv('a,"",,b\n').records[0].fields).toEqual(["a", "", "", "b"]);
  });

  it("reports an unterminated quote at the line where its record starts", () => {
    const { records, problems } = parseCsv('a,b\n1,2\n"open,3\n4,5\n');
    expect(records).toHaveLength(2);
    expect(problems).toMatchObject([{ line: 3, field: "row", message: "import.unterminatedQuote" }]);
  });
});

describe("decoding", () => {
  it("reads UTF-8 with a BOM as UTF-8", () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode("公園")]);
    expect(decodeText(bytes)).toEqual({ text: "公園", encoding: "utf-8-bom" });
  });

  it("reads valid UTF-8 without a BOM as UTF-8", () => {
    expect(decodeText(new TextEncoder().encode("桃園公園,ア"))).toEqual({ text: "桃園公園,ア", encoding: "utf-8" });
  });

  it("reads other bytes as Shift_JIS (公 8CF6, 園 8980, ア 8341)", () => {
    const bytes = new Uint8Array([0x8c, 0xf6, 0x89, 0x80, 0x2c, 0x83, 0x41]);
    expect(decodeText(bytes)).toEqual({ text: "公園,ア", encoding: "shift_jis" });
  });

  it("the test's Shift_JIS encoder gives the known bytes", () => {
    expect([...toShiftJis("公園ア,a")]).toEqual([0x8c, 0xf6, 0x89, 0x80, 0x83, 0x41, 0x2c, 0x61]);
  });

  it("a Shift_JIS file reads the same as its UTF-8 copy", () => {
    const csv = `${HEADER}\r\n花壇の植え替え,${DESCRIPTION},公園・緑化,花壇,桃園,桃園公園,公園 太郎,2026/12/5,9:00,11:00,10\r\n`;
    const sjis = readImportFile(toShiftJis(csv), "postings.csv");
    const utf8 = readImportFile(new TextEncoder().encode(csv), "postings.csv");
    expect(sjis.encoding).toBe("shift_jis");
    expect(utf8.encoding).toBe("utf-8");
    expect(sjis.records).toEqual(utf8.records);
    expect(sjis.records[0].values.category).toBe("公園・緑化");
  });
});

describe("headers", () => {
  it.each([
    ["タイトル", "title"],
    ["title", "title"],
    ["Title", "title"],
    ["説明", "description"],
    ["分野", "category"],
    ["category", "category"],
    ["地域", "district"],
    ["場所", "place"],
    ["住所", "address"],
    ["緯度", "latitude"],
    ["経度", "longitude"],
    ["最低年齢", "minimumAge"],
    ["minimum_age", "minimumAge"],
    ["Minimum age", "minimumAge"],
    ["最低年齢（歳）", "minimumAge"],
    ["高校生歓迎", "welcomesMinors"],
    ["welcomes_minors", "welcomesMinors"],
    ["持ち物", "whatToBring"],
    ["what_to_bring", "whatToBring"],
    ["集合場所", "meetingPoint"],
    ["meeting_point", "meetingPoint"],
    ["担当者", "contactName"],
    ["contact_name", "contactName"],
    ["日付", "date"],
    ["開始", "start"],
    ["終了", "end"],
    ["定員", "capacity"],
    ["日程", "shifts"],
    ["shifts", "shifts"],
    [" ＴＩＴＬＥ ", "title"],
  ])("%s → %s", (header, field) => {
    expect(fieldForHeader(header)).toBe(field);
  });

  it("an unknown header names no field", () => {
    expect(fieldForHeader("備考")).toBeNull();
    expect(fieldForHeader("")).toBeNull();
  });

  it("English headers read the same as Japanese ones", () => {
    const en = readCsv(`title,description,category,tags,district,place,contact_name,date,start,end,capacity\n花壇,${DESCRIPTION},parks,花壇,chuo,桃園公園,公園 太郎,2026-12-05,09:00,11:00,10\n`);
    const ja = readCsv(`${HEADER}\n花壇,${DESCRIPTION},parks,花壇,chuo,桃園公園,公園 太郎,2026-12-05,09:00,11:00,10\n`);
    expect(en.records).toEqual(ja.records);
    expect(en.problems).toEqual([]);
  });

  it("reports unknown headers once and ignores their cells", () => {
    const r = readCsv(`${HEADER},備考\n花壇,${DESCRIPTION},parks,,chuo,桃園公園,公園 太郎,2026-12-05,09:00,11:00,10,メモ\n花壇2,${DESCRIPTION},parks,,chuo,桃園公園,公園 太郎,2026-12-06,09:00,11:00,10,メモ\n`);
    expect(r.unknownHeaders).toEqual(["備考"]);
    expect(r.records).toHaveLength(2);
    expect(r.problems).toEqual([]);
  });

  it("a file without a needed column says which, once", () => {
    const r = readCsv("タイトル,分野\n花壇,parks\n");
    expect(r.records).toEqual([]);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ line: 1, field: "file" });
    expect(r.problems[0].ja).toContain("説明");
    expect(r.problems[0].ja).toContain("日程");
  });
});

describe("shift formats", () => {
  it("one shift per row; a row with the same title and no description adds a shift", () => {
    const r = readCsv(`${HEADER}\n花壇,${DESCRIPTION},parks,,chuo,桃園公園,公園 太郎,2026-12-05,09:00,11:00,10\n花壇,,,,,,,2026-12-12,09:00,11:00,8\n清掃,${DESCRIPTION},cleanup,,chuo,桃園公園,公園 太郎,2026-12-06,10:00,12:00,5\n`);
    expect(r.records).toHaveLength(2);
    expect(r.records[0].shifts).toEqual([
      { line: 2, date: "2026-12-05", start: "09:00", end: "11:00", capacity: "10", from: "columns" },
      { line: 3, date: "2026-12-12", start: "09:00", end: "11:00", capacity: "8", from: "columns" },
    ]);
    expect(r.records[1].line).toBe(4);
  });

  it("a row with blank title and description (merged cells) also adds a shift", () => {
    const r = readCsv(`${HEADER}\n花壇,${DESCRIPTION},parks,,chuo,桃園公園,公園 太郎,2026-12-05,09:00,11:00,10\n,,,,,,,2026-12-12,09:00,11:00,8\n`);
    expect(r.records).toHaveLength(1);
    expect(r.records[0].shifts).toHaveLength(2);
  });

  it("an added-shift row that contradicts the posting above is reported", () => {
    const r = readCsv(`${HEADER}\n花壇,${DESCRIPTION},parks,,chuo,桃園公園,公園 太郎,2026-12-05,09:00,11:00,10\n花壇,,cleanup,,,,,2026-12-12,09:00,11:00,8\n`);
    expect(r.problems).toMatchObject([{ line: 3, field: "category", message: expect.stringMatching(/^import\.continuationConflict/) }]);
  });

  it("a 日程 column holds several shifts", () => {
    const r = readCsv(`タイトル,説明,分野,地域,場所,担当者,日程\n花壇,${DESCRIPTION},parks,chuo,桃園公園,公園 太郎,2026-12-05 09:00-11:00 10; 2026/12/12 9:00〜11:00 8人\n`);
    expect(r.problems).toEqual([]);
    expect(r.records[0].shifts.map((s) => [s.date, s.start, s.end, s.capacity, s.from])).toEqual([
      ["2026-12-05", "09:00", "11:00", "10", "shifts"],
      ["2026/12/12", "9:00", "11:00", "8", "shifts"],
    ]);
  });

  it("reads 日程 entries separated by ；or line breaks, full-width digits too", () => {
    const { shifts, unreadable } = parseShiftsCell("２０２６－１２－０５　９：００～１１：００　１０；2026-12-06 10:00-12:00 5\n2026-12-07 10:00-12:00 定員5名", 7);
    expect(unreadable).toEqual([]);
    expect(shifts.map((s) => [s.line, s.date, s.start, s.end, s.capacity])).toEqual([
      [7, "2026-12-05", "9:00", "11:00", "10"],
      [7, "2026-12-06", "10:00", "12:00", "5"],
      [7, "2026-12-07", "10:00", "12:00", "5"],
    ]);
  });

  it("an unreadable 日程 entry is reported on its row", () => {
    const r = readCsv(`タイトル,説明,分野,地域,場所,担当者,日程\n花壇,${DESCRIPTION},parks,chuo,桃園公園,公園 太郎,12月5日の朝\n`);
    expect(r.problems).toMatchObject([{ line: 2, field: "shifts", message: expect.stringMatching(/^import\.shiftsFormat/) }]);
  });
});

describe("values", () => {
  it.each([
    ["2026-12-05", "2026-12-05"],
    ["2026/12/5", "2026-12-05"],
    ["2026/1/09", "2026-01-09"],
    ["２０２６／１２／５", "2026-12-05"],
    ["２０２６－１２－０５", "2026-12-05"],
    ["2026年12月5日", "2026-12-05"],
    ["2026年12月5日（土）", "2026-12-05"],
    ["2026.12.5", "2026-12-05"],
  ])("date %s → %s", (input, expected) => {
    expect(normaliseDate(input)).toBe(expected);
  });

  it("a date that does not exist is not a date", () => {
    expect(normaliseDate("2026/2/30")).toBeNull();
    expect(normaliseDate("12/5")).toBeNull();
  });

  it.each([
    ["9:00", "09:00"],
    ["09:30", "09:30"],
    ["９：００", "09:00"],
    ["9:00:00", "09:00"],
    ["13時", "13:00"],
    ["9時30分", "09:30"],
  ])("time %s → %s", (input, expected) => {
    expect(normaliseTime(input)).toBe(expected);
  });

  it("a time out of range is not a time", () => {
    expect(normaliseTime("25:00")).toBeNull();
    expect(normaliseTime("9:75")).toBeNull();
  });

  it.each(["はい", "yes", "YES", "true", "1", "１", "○", "〇"])("%s is yes", (word) => {
    expect(parseBoolean(word)).toBe(true);
  });

  it.each(["いいえ", "no", "No", "false", "0", "×", ""])("%j is no", (word) => {
    expect(parseBoolean(word)).toBe(false);
  });

  it("other words are not read as yes or no", () => {
    expect(parseBoolean("たぶん")).toBeNull();
  });
});

function check(csv: string) {
  return checkImportFile(new TextEncoder().encode(csv), "postings.csv", catalogue, now);
}

describe("validation", () => {
  it("resolves codes and Japanese names to ids and builds the form's shifts in Tokyo time", () => {
    const r = check(
      `${HEADER},高校生歓迎,最低年齢\n花壇,${DESCRIPTION},公園・緑化,"花壇、草取り",桃園,桃園公園,公園 太郎,２０２６/１２/５,９:００,11:00,１０,はい,１５\n花壇,,,,,,,2026-12-12,9:00,11:00,8,,\n清掃,${DESCRIPTION},cleanup,,chuo,中央の集会所,公園 太郎,2026-12-06,10:00,12:00,5,いいえ,\n`,
    );
    expect(r.problems).toEqual([]);
    expect(r.postings).toHaveLength(2);
    expect(r.shiftCount).toBe(3);
    const [first, second] = r.postings;
    expect(first.line).toBe(2);
    expect(first.place?.id).toBe(31);
    expect(first.input).toMatchObject({ title: "花壇", categoryId: 12, districtId: 22, placeId: 31, tags: ["花壇", "草取り"], welcomesMinors: true, minimumAge: 15 });
    expect(first.input.shifts).toEqual([
      { id: null, startsAt: new Date("2026-12-05T00:00:00Z"), endsAt: new Date("2026-12-05T02:00:00Z"), capacity: 10 },
      { id: null, startsAt: new Date("2026-12-12T00:00:00Z"), endsAt: new Date("2026-12-12T02:00:00Z"), capacity: 8 },
    ]);
    expect(second.place).toBeNull();
    expect(second.input).toMatchObject({ categoryId: 11, districtId: 21, placeName: "中央の集会所", welcomesMinors: false });
  });

  it("takes a meeting point, as the form does (trimmed, up to 300 characters)", () => {
    const ok = check(`${HEADER},集合場所\n花壇,${DESCRIPTION},parks,,chuo,桃園公園,公園 太郎,2026-12-05,9:00,11:00,10, 南側入口の時計台の前 \n`);
    expect(ok.problems).toEqual([]);
    expect(ok.postings[0].input.meetingPoint).toBe("南側入口の時計台の前");
    const long = check(`${HEADER},meeting_point\n花壇,${DESCRIPTION},parks,,chuo,桃園公園,公園 太郎,2026-12-05,9:00,11:00,10,${"あ".repeat(301)}\n`);
    expect(long.problems.map((p) => p.field)).toEqual(["meetingPoint"]);
  });

  it("reports every bad row with its line, field and message, in Japanese and English", () => {
    const r = check(
      [
        HEADER,
        `花壇,${DESCRIPTION},parks,,chuo,桃園公園,公園 太郎,2026-12-05,09:00,11:00,10`,
        `短い,短すぎる説明,parks,,chuo,桃園公園,公園 太郎,2026-12-05,09:00,11:00,10`,
        `分野違い,${DESCRIPTION},gardening,,chuo,桃園公園,公園 太郎,2026-12-05,09:00,11:00,10`,
        `過去,${DESCRIPTION},parks,,未知の地区,桃園公園,公園 太郎,2026-11-01,09:00,11:00,10`,
      ].join("\n"),
    );
    expect(r.postings).toHaveLength(1);
    expect(r.problems.map((p) => [p.line, p.field, p.message.split("?")[0]])).toEqual([
      [3, "description", "v.tooShort"],
      [4, "category", "import.unknownCategory"],
      [5, "district", "import.unknownDistrict"],
      [5, "date", "v.shiftInPast"],
    ]);
    expect(r.problems[0].ja).toBe("20文字以上で入力してください。");
    expect(r.problems[0].en).toBe("Please enter at least 20 characters.");
    expect(formatProblem(r.problems[0])).toBe("3行目 説明 (description): 20文字以上で入力してください。 (Please enter at least 20 characters.)");
    expect(r.problems[1].ja).toContain("gardening");
    expect(r.problems[1].ja).toContain("parks");
  });

  it("a bad shift on an added row is reported on that row, with the column", () => {
    const r = check(`${HEADER}\n花壇,${DESCRIPTION},parks,,chuo,桃園公園,公園 太郎,2026-12-05,09:00,11:00,10\n花壇,,,,,,,2026-12-12,11:00,11:00,0\n`);
    expect(r.problems.map((p) => [p.line, p.field, p.message, p.shift])).toEqual([
      [3, "end", "v.shiftEndBeforeStart", 2],
      [3, "capacity", "v.capacityMin", 2],
    ]);
    expect(formatProblem(r.problems[0])).toMatch(/^3行目 終了 \(end\) \[日程2件目\]: /);
  });

  it("a partly filled shift row keeps the other shifts in line", () => {
    const r = check(`${HEADER}\n花壇,${DESCRIPTION},parks,,chuo,桃園公園,公園 太郎,2026-12-05,09:00,11:00,\n花壇,,,,,,,2026-12-12,09:00,11:00,8\n`);
    expect(r.problems.map((p) => [p.line, p.field, p.message])).toEqual([[2, "capacity", "v.capacityMin"]]);
  });

  it("a posting without shifts, place or contact says so", () => {
    const r = check(`${HEADER}\n花壇,${DESCRIPTION},parks,,chuo,,,,,,\n`);
    expect(r.problems.map((p) => [p.line, p.field, p.message])).toEqual([
      [2, "place", "v.placeRequired"],
      [2, "contactName", "v.required"],
      [2, "shifts", "v.shiftRequired"],
    ]);
  });

  it("an unreadable yes/no is an error on its field", () => {
    const r = check(`${HEADER},高校生歓迎\n花壇,${DESCRIPTION},parks,,chuo,桃園公園,公園 太郎,2026-12-05,09:00,11:00,10,たぶん\n`);
    expect(r.problems).toMatchObject([{ line: 2, field: "welcomesMinors", message: expect.stringMatching(/^import\.boolean/) }]);
  });

  it("checks the form's own rules: coordinates in pairs, minors and adult ages", () => {
    const r = check(`${HEADER},緯度,最低年齢,高校生歓迎\n花壇,${DESCRIPTION},parks,,chuo,新しい広場,公園 太郎,2026-12-05,09:00,11:00,10,33.86,18,○\n`);
    expect(r.problems.map((p) => [p.field, p.message])).toEqual([
      ["longitude", "v.coordinatesPair"],
      ["minimumAge", "v.minorsButAdultAge"],
    ]);
  });

  it("an empty file has nothing to import", () => {
    expect(check("").problems).toMatchObject([{ line: 0, field: "file", message: "import.noPostings" }]);
    expect(check(`${HEADER}\n,,,,,,,,,,\n`).problems).toMatchObject([{ line: 0, message: "import.noPostings" }]);
  });
});

describe("JSON Lines", () => {
  const line = (o: Record<string, unknown>) =>
    JSON.stringify({
      title: "花壇",
      description: DESCRIPTION,
      category: "parks",
      district: "桃園",
      place: "桃園公園",
      contact_name: "公園 太郎",
      shifts: [{ date: "2026-12-05", start: "09:00", end: "11:00", capacity: 10 }],
      ...o,
    });

  it("reads one posting per line, with English field names", () => {
    const text = [line({ tags: ["花壇", "草取り"], welcomes_minors: true, minimum_age: 15 }), "", line({ title: "清掃", shifts: "2026-12-06 10:00-12:00 5; 2026-12-07 10:00-12:00 5" })].join("\n");
    const r = checkImportFile(new TextEncoder().encode(text), "postings.jsonl", catalogue, now);
    expect(r.format).toBe("jsonl");
    expect(r.problems).toEqual([]);
    expect(r.postings.map((p) => [p.line, p.input.title, p.input.shifts.length])).toEqual([
      [1, "花壇", 1],
      [3, "清掃", 2],
    ]);
    expect(r.postings[0].input).toMatchObject({ tags: ["花壇", "草取り"], welcomesMinors: true, minimumAge: 15 });
  });

  it("reports a line that is not JSON, and keeps checking the others", () => {
    const r = checkImportFile(new TextEncoder().encode([line({}), "{title: 花壇", line({ description: "短い" })].join("\n")), "postings.jsonl", catalogue, now);
    expect(r.problems.map((p) => [p.line, p.field, p.message.split("?")[0]])).toEqual([
      [2, "json", "import.json"],
      [3, "description", "v.tooShort"],
    ]);
  });

  it("reports unknown keys once", () => {
    const r = readJsonl([line({ memo: "a" }), line({ memo: "b", colour: "red" })].join("\n"));
    expect(r.unknownHeaders).toEqual(["memo", "colour"]);
  });

  it("is chosen by the file name, or by content starting with {", () => {
    expect(readImportFile(new TextEncoder().encode(line({})), "data.ndjson").format).toBe("jsonl");
    expect(readImportFile(new TextEncoder().encode(line({})), "data").format).toBe("jsonl");
    expect(readImportFile(new TextEncoder().encode(HEADER), "data").format).toBe("csv");
  });
});
