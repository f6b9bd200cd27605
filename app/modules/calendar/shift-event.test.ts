import { describe, expect, it } from "vitest";
import { shiftEvent, type CalendarShift } from "./calendar.server";
import { buildCalendar } from "./ics";

const shift: CalendarShift = {
  applicationId: 7,
  status: "confirmed",
  startsAt: new Date("2026-12-05T00:00:00Z"),
  endsAt: new Date("2026-12-05T02:00:00Z"),
  postingId: 42,
  postingTitle: "桃園公園の花壇づくり",
  placeName: "桃園公園",
  placeAddress: "八幡東区桃園二丁目",
  whatToBring: "軍手",
  meetingPoint: "南側入口の時計台の前, 9:00集合",
  organisationName: "桃園公園愛護会",
  updatedAt: new Date("2026-11-30T00:00:00Z"),
};
const origin = "https://tsunagu.example";

/** The DESCRIPTION of an .ics, unfolded and unescaped. */
function description(ics: string): string {
  const line = ics.replace(/\r\n[ \t]/g, "").split("\r\n").find((l) => l.startsWith("DESCRIPTION:")) ?? "";
  return line.slice("DESCRIPTION:".length).replace(/\\([\\;,nN])/g, (_, c: string) => (c === "n" || c === "N" ? "\n" : c));
}

describe("the calendar entry's meeting point", () => {
  it("is in the description of a confirmed person's event, in their language, the place staying the location", () => {
    const ja = shiftEvent(shift, origin, "ja");
    expect(ja.description).toContain("集合場所：南側入口の時計台の前, 9:00集合");
    expect(ja.location).toBe("桃園公園 八幡東区桃園二丁目");
    expect(shiftEvent(shift, origin, "en").description).toContain("Meeting point: 南側入口の時計台の前, 9:00集合");
    const ics = buildCalendar({ events: [ja], now: new Date("2026-12-01T00:00:00Z") });
    expect(ics.replace(/\r\n[ \t]/g, "")).toContain("南側入口の時計台の前\\, 9:00集合");
    expect(description(ics)).toContain("集合場所：南側入口の時計台の前, 9:00集合");
  });

  it("is left out while the place is not confirmed, once cancelled, and when the group gave none", () => {
    for (const status of ["waitlisted", "pending", "pending_consent", "withdrawn", "cancelled", "declined"] as const)
      expect(shiftEvent({ ...shift, status }, origin, "ja").description, status).not.toContain("南側入口");
    expect(shiftEvent({ ...shift, meetingPoint: "  " }, origin, "ja").description).not.toContain("集合場所");
  });
});
