import { describe, expect, it, vi } from "vitest";
import { formatDate, formatRange, tokyoDateString, tokyoFormatter, tokyoInstant, tokyoTimeString } from "./format";

describe("dates in Asia/Tokyo", () => {
  it("formats Japanese dates with the weekday", () => {
    expect(formatDate(new Date("2026-12-06T00:00:00Z"), "ja")).toBe("2026年12月6日(日)");
    expect(formatRange(new Date("2026-12-06T00:00:00Z"), new Date("2026-12-06T02:00:00Z"), "ja")).toBe("2026年12月6日(日) 9:00–11:00");
  });

  it("formats English dates", () => {
    expect(formatRange(new Date("2026-12-05T00:00:00Z"), new Date("2026-12-05T02:30:00Z"), "en")).toBe("Sat 5 Dec 2026 9:00–11:30");
  });

  it("uses the Tokyo calendar day, not UTC's", () => {
    const lateUtc = new Date("2026-11-24T20:00:00Z"); // 05:00 on the 25th in Tokyo
    expect(tokyoDateString(lateUtc)).toBe("2026-11-25");
    expect(tokyoTimeString(lateUtc)).toBe("05:00");
  });

  it("shows both dates when a session crosses midnight", () => {
    expect(formatRange(new Date("2026-12-31T13:00:00Z"), new Date("2026-12-31T16:00:00Z"), "ja")).toBe("2026年12月31日(木) 22:00 – 2027年1月1日(金) 1:00");
  });

  it("reads wall-clock input as Tokyo time", () => {
    expect(tokyoInstant("2026-12-05", "09:00").toISOString()).toBe("2026-12-05T00:00:00.000Z");
  });
});

describe("formatters", () => {
  it("are made once per language and options, not per call", () => {
    const made = vi.spyOn(Intl, "DateTimeFormat");
    try {
      for (let i = 0; i < 50; i++) formatRange(new Date("2026-12-06T00:00:00Z"), new Date("2026-12-06T02:00:00Z"), i % 2 ? "ja" : "en");
      tokyoFormatter("en-GB", { hour: "numeric", minute: "2-digit", second: "2-digit", hourCycle: "h23" });
      tokyoFormatter("en-GB", { hour: "numeric", minute: "2-digit", second: "2-digit", hourCycle: "h23" });
      expect(made.mock.calls.length).toBeLessThanOrEqual(1);
    } finally {
      made.mockRestore();
    }
  });
});

describe("reused formatters give the text a formatter made per call gave", () => {
  // The implementation before formatters were reused, kept here as the reference.
  const fresh = (tag: string, options: Intl.DateTimeFormatOptions, date: Date) => new Intl.DateTimeFormat(tag, { timeZone: "Asia/Tokyo", ...options }).format(date);
  const before = {
    date(date: Date, locale: "ja" | "en") {
      if (locale === "ja") return `${fresh("ja-JP", { year: "numeric", month: "long", day: "numeric" }, date)}(${fresh("ja-JP", { weekday: "short" }, date)})`;
      return fresh("en-GB", { weekday: "short", day: "numeric", month: "short", year: "numeric" }, date).replace(",", "");
    },
    time: (date: Date) => fresh("en-GB", { hour: "numeric", minute: "2-digit", hourCycle: "h23" }, date),
    day: (date: Date) => fresh("en-CA", { year: "numeric", month: "2-digit", day: "2-digit" }, date),
  };

  it("for instants across years, at every hour and on both sides of midnight in Tokyo", () => {
    let t = Date.UTC(2025, 0, 1, 0, 7);
    for (let i = 0; i < 400; i++, t += 97 * 60_000 * 37) {
      const date = new Date(t);
      const end = new Date(t + ((i % 7) + 1) * 3600_000);
      for (const locale of ["ja", "en"] as const) {
        expect(formatDate(date, locale)).toBe(before.date(date, locale));
        const sameDay = before.day(date) === before.day(end);
        const expected = sameDay
          ? `${before.date(date, locale)} ${before.time(date)}–${before.time(end)}`
          : `${before.date(date, locale)} ${before.time(date)} – ${before.date(end, locale)} ${before.time(end)}`;
        expect(formatRange(date, end, locale)).toBe(expected);
      }
      expect(tokyoDateString(date)).toBe(before.day(date));
    }
  });
});
