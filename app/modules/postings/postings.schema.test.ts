import { describe, expect, it } from "vitest";
import { parseForm } from "~/utils/form";
import { BrowseQuerySchema, postingSchema } from "./postings.schema";

const now = new Date("2026-11-24T03:00:00Z"); // 12:00 in Tokyo

function form(values: Record<string, string | string[]>) {
  const fd = new FormData();
  for (const [k, v] of Object.entries(values)) for (const item of Array.isArray(v) ? v : [v]) fd.append(k, item);
  return fd;
}

const valid = {
  title: "桃園公園の花壇の植え替え",
  description: "花壇の草取りと植え替えをします。軍手はこちらで用意します。初めての方も歓迎です。",
  categoryId: "2",
  districtId: "1",
  placeId: "3",
  contactName: "公園 太郎",
  shiftId: ["", "", ""],
  shiftDate: ["2026-12-05", "", ""],
  shiftStart: ["09:00", "", ""],
  shiftEnd: ["11:00", "", ""],
  shiftCapacity: ["10", "", ""],
};

const parse = (overrides: Record<string, string | string[]> = {}) => parseForm(postingSchema(now), form({ ...valid, ...overrides }));

describe("posting form", () => {
  it("turns shift rows (Tokyo wall-clock) into instants and ignores blank rows", () => {
    const r = parse();
    expect(r.success).toBe(true);
    if (r.success) {
      expect(r.data.shifts).toEqual([{ id: null, startsAt: new Date("2026-12-05T00:00:00Z"), endsAt: new Date("2026-12-05T02:00:00Z"), capacity: 10 }]);
      expect(r.data.welcomesMinors).toBe(false);
    }
  });

  it("takes an optional meeting point, trimmed, up to 300 characters, without markup", () => {
    const none = parse();
    expect(none.success && none.data.meetingPoint).toBeUndefined();
    const given = parse({ meetingPoint: "  桃園公園 南側入口の時計台の前\n（バス停から徒歩2分）  " });
    expect(given.success && given.data.meetingPoint).toBe("桃園公園 南側入口の時計台の前\n（バス停から徒歩2分）");
    const blank = parse({ meetingPoint: "   " });
    expect(blank.success && (blank.data.meetingPoint ?? "")).toBe("");
    expect(parse({ meetingPoint: "あ".repeat(300) }).success).toBe(true);
    const long = parse({ meetingPoint: "あ".repeat(301) });
    expect(!long.success && long.failure.errors.meetingPoint).toBeTruthy();
    const html = parse({ meetingPoint: '<a href="x">ここ</a>' });
    expect(!html.success && html.failure.errors.meetingPoint).toEqual(["v.noHtml"]);
  });

  it("splits tags on Japanese and ASCII separators, de-duplicated", () => {
    const r = parse({ tags: "草取り、花壇, #初心者歓迎 草取り" });
    expect(r.success && r.data.tags).toEqual(["草取り", "花壇", "初心者歓迎"]);
  });

  it("an end earlier than the start is the next morning (a night shift), counted in Tokyo time", () => {
    const r = parse({ shiftDate: ["2026-12-31"], shiftStart: ["22:00"], shiftEnd: ["02:00"], shiftCapacity: ["3"], shiftId: [""] });
    expect(r.success).toBe(true);
    if (r.success) expect(r.data.shifts[0]).toMatchObject({ startsAt: new Date("2026-12-31T13:00:00Z"), endsAt: new Date("2026-12-31T17:00:00Z") });
  });

  it("reports a bad row beside that row", () => {
    const r = parse({ shiftDate: ["2026-12-05", "2026-12-06"], shiftStart: ["09:00", "15:00"], shiftEnd: ["11:00", "15:00"], shiftCapacity: ["10", "0"], shiftId: ["", ""] });
    expect(r.success).toBe(false);
    if (!r.success) {
      expect(r.failure.errors["shift-1"]).toEqual(expect.arrayContaining(["v.shiftEndBeforeStart", "v.capacityMin"]));
      expect(r.failure.errors["shift-0"]).toBeUndefined();
    }
  });

  it("refuses a date in the past, a malformed date or time, and no shift at all", () => {
    const past = parse({ shiftDate: ["2026-11-24", "", ""], shiftStart: ["11:00", "", ""], shiftEnd: ["12:00", "", ""] });
    expect(!past.success && past.failure.errors["shift-0"]).toEqual(["v.shiftInPast"]);
    const badDate = parse({ shiftDate: ["2026-13-45", "", ""] });
    expect(!badDate.success && badDate.failure.errors["shift-0"]).toEqual(["v.shiftDate"]);
    const badTime = parse({ shiftStart: ["25:00", "", ""] });
    expect(!badTime.success && badTime.failure.errors["shift-0"]).toEqual(["v.shiftTime"]);
    const none = parse({ shiftDate: ["", "", ""], shiftStart: ["", "", ""], shiftEnd: ["", "", ""], shiftCapacity: ["", "", ""] });
    expect(!none.success && none.failure.errors["shift-0"]).toEqual(["v.shiftRequired"]);
  });

  it("refuses HTML in text, over-long text and a missing place", () => {
    const r = parse({ title: "<script>alert(1)</script>", description: "x".repeat(4001), placeId: "" });
    expect(r.success).toBe(false);
    if (!r.success) {
      expect(r.failure.errors.title).toEqual(["v.noHtml"]);
      expect(r.failure.errors.description).toEqual(["v.tooLong?max=4000"]);
      expect(r.failure.errors.placeName).toEqual(["v.placeRequired"]);
    }
  });

  it("refuses coordinates far from the ward and half a pair", () => {
    const far = parse({ placeId: "", placeName: "どこか", latitude: "99", longitude: "130.8" });
    expect(!far.success && far.failure.errors.latitude).toEqual(["v.latitude"]);
    const half = parse({ placeId: "", placeName: "どこか", latitude: "33.86" });
    expect(!half.success && half.failure.errors.longitude).toEqual(["v.coordinatesPair"]);
    const text = parse({ placeId: "", placeName: "どこか", latitude: "北", longitude: "東" });
    expect(!text.success && text.failure.errors.latitude).toEqual(["v.number"]);
  });

  it("refuses a minimum age of 18+ together with 'under-18s welcome'", () => {
    const r = parse({ minimumAge: "18", welcomesMinors: "on" });
    expect(!r.success && r.failure.errors.minimumAge).toEqual(["v.minorsButAdultAge"]);
  });

  it("ignores fields that are not in the form (no mass assignment)", () => {
    const r = parse({ status: "published", organisation_id: "999", is_demo: "true" } as never);
    expect(r.success).toBe(true);
    if (r.success) {
      expect(r.data).not.toHaveProperty("status");
      expect(r.data).not.toHaveProperty("organisation_id");
    }
  });
});

describe("browse query", () => {
  it("accepts the known parameters and refuses injection attempts", () => {
    expect(BrowseQuerySchema.safeParse({ category: "parks", district: "chuo", from: "2026-12-01", minors: "1", page: "2" }).success).toBe(true);
    for (const bad of [{ category: "parks' or 1=1--" }, { from: "tomorrow" }, { minors: "yes" }, { page: "0" }, { page: "-1" }])
      expect(BrowseQuerySchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
  });
});

describe("numbers typed the Japanese way", () => {
  it("reads full-width digits in places, times and coordinates; a blank select is 'required'", () => {
    const r = parse({ shiftCapacity: ["１０", "", ""], shiftStart: ["０９：００", "", ""], placeId: "", placeName: "公園", latitude: "３３．８６", longitude: "130.81" });
    expect(r.success).toBe(true);
    if (r.success) {
      expect(r.data.shifts[0].capacity).toBe(10);
      expect(r.data.latitude).toBeCloseTo(33.86);
    }
    const blank = parse({ categoryId: "" });
    expect(!blank.success && blank.failure.errors.categoryId).toEqual(["v.required"]);
    const bogus = parse({ categoryId: "abc" });
    expect(!bogus.success && bogus.failure.errors.categoryId).toEqual(["v.choice"]);
  });
});

describe("one round of errors", () => {
  it("reports field problems and shift-row problems together", () => {
    const r = parse({ title: "", latitude: "99", longitude: "130.8", placeId: "", placeName: "公園", shiftEnd: ["09:00", "", ""], shiftCapacity: ["0", "", ""] });
    expect(r.success).toBe(false);
    if (!r.success) {
      expect(r.failure.errors.title).toEqual(["v.required"]);
      expect(r.failure.errors.latitude).toEqual(["v.latitude"]);
      expect(r.failure.errors["shift-0"]).toEqual(expect.arrayContaining(["v.shiftEndBeforeStart", "v.capacityMin"]));
    }
  });
});
