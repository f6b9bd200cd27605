import { describe, expect, it } from "vitest";
import { applicationUid, buildCalendar, escapeText, foldLine, formatUtc, type IcsEvent } from "./ics";

/**
 * A small RFC 5545 reader for the tests: unfolds, splits name/parameters/value, unescapes TEXT. Strict where
 * our writer must be: CRLF only, no physical line over 75 octets, BEGIN/END balanced.
 */
interface Prop {
  name: string;
  params: Record<string, string>;
  value: string;
}
interface Component {
  type: string;
  props: Prop[];
  children: Component[];
}

const octets = (s: string) => new TextEncoder().encode(s).length;

function unescapeText(value: string): string {
  return value.replace(/\\([\\;,nN])/g, (_, c: string) => (c === "n" || c === "N" ? "\n" : c));
}

function parseIcs(text: string): Component {
  expect(text.endsWith("\r\n"), "ends with CRLF").toBe(true);
  expect(/(^|[^\r])\n/.test(text), "no bare LF").toBe(false);
  expect(/\r(?!\n)/.test(text), "no bare CR").toBe(false);
  const physical = text.slice(0, -2).split("\r\n");
  for (const line of physical) expect(octets(line), `line too long: ${line}`).toBeLessThanOrEqual(75);
  const logical: string[] = [];
  for (const line of physical) {
    if (line.startsWith(" ") || line.startsWith("\t")) logical[logical.length - 1] += line.slice(1);
    else logical.push(line);
  }
  const root: Component = { type: "", props: [], children: [] };
  const stack = [root];
  for (const line of logical) {
    const colon = line.indexOf(":");
    expect(colon, `a content line: ${line}`).toBeGreaterThan(0);
    const [name, ...rawParams] = line.slice(0, colon).split(";");
    const value = line.slice(colon + 1);
    if (name === "BEGIN") {
      const component = { type: value, props: [], children: [] };
      stack[stack.length - 1].children.push(component);
      stack.push(component);
    } else if (name === "END") {
      expect(stack.pop()!.type).toBe(value);
    } else {
      const params = Object.fromEntries(rawParams.map((p) => p.split("=", 2) as [string, string]));
      stack[stack.length - 1].props.push({ name, params, value });
    }
  }
  expect(stack).toHaveLength(1);
  expect(root.children).toHaveLength(1);
  return root.children[0];
}

const prop = (c: Component, name: string) => c.props.find((p) => p.name === name);
const text = (c: Component, name: string) => {
  const p = prop(c, name);
  return p ? unescapeText(p.value) : undefined;
};

const event: IcsEvent = {
  uid: applicationUid(42),
  start: new Date("2026-12-05T00:00:00Z"),
  end: new Date("2026-12-05T02:00:00Z"),
  summary: "桃園公園の花壇の手入れ（植え替え・草取り）",
  location: "桃園公園, 八幡東区桃園三丁目",
  description: "団体：（デモ）桃園公園愛護会\n持ち物：軍手; 帽子; 飲み物\\タオル\n募集の詳細：https://tsunagu.example.jp/postings/7",
  url: "https://tsunagu.example.jp/postings/7",
  status: "CONFIRMED",
};
const now = new Date("2026-11-24T03:04:05.678Z");

describe("iCalendar text", () => {
  it("writes a valid VCALENDAR that reads back to the same event", () => {
    const calendar = parseIcs(buildCalendar({ events: [event], now }));
    expect(calendar.type).toBe("VCALENDAR");
    expect(prop(calendar, "VERSION")?.value).toBe("2.0");
    expect(prop(calendar, "PRODID")?.value).toMatch(/Tsunagu/);
    expect(calendar.children.map((c) => c.type)).toEqual(["VEVENT"]);
    const vevent = calendar.children[0];
    expect(prop(vevent, "UID")?.value).toBe("application-42@tsunagu-yahatahigashi");
    expect(prop(vevent, "DTSTAMP")?.value).toBe("20261124T030405Z");
    expect(prop(vevent, "DTSTART")?.value).toBe("20261205T000000Z");
    expect(prop(vevent, "DTEND")?.value).toBe("20261205T020000Z");
    expect(text(vevent, "SUMMARY")).toBe(event.summary);
    expect(text(vevent, "LOCATION")).toBe(event.location);
    expect(text(vevent, "DESCRIPTION")).toBe(event.description);
    expect(prop(vevent, "URL")?.value).toBe(event.url);
    expect(prop(vevent, "STATUS")?.value).toBe("CONFIRMED");
  });

  it("folds long Japanese text at 75 octets without splitting a character, and unfolds to the original", () => {
    const summary = "八幡東区の皆さまと一緒に、桃園公園の花壇を季節の花で彩る植え替えと草取りのボランティア活動（雨天中止・軍手持参）".repeat(3);
    const ics = buildCalendar({ events: [{ ...event, summary, description: `😀${"絵文字と漢字が混ざった説明文。".repeat(20)}` }], now });
    const physical = ics.split("\r\n");
    const folded = physical.filter((l) => l.startsWith(" "));
    expect(folded.length).toBeGreaterThan(5);
    for (const line of physical) {
      expect(octets(line)).toBeLessThanOrEqual(75);
      // Every physical line is valid UTF-8 on its own: no character was cut in two.
      expect(new TextDecoder("utf-8", { fatal: true }).decode(new TextEncoder().encode(line))).toBe(line);
      expect(line).not.toMatch(/\uFFFD/);
    }
    const vevent = parseIcs(ics).children[0];
    expect(text(vevent, "SUMMARY")).toBe(summary);
    expect(text(vevent, "DESCRIPTION")).toMatch(/^😀絵文字/);
  });

  it("folds exactly at the limit: 75 octets stay whole, 76 are folded", () => {
    const ascii75 = `SUMMARY:${"a".repeat(67)}`;
    expect(octets(ascii75)).toBe(75);
    expect(foldLine(ascii75)).toBe(ascii75);
    const ascii76 = `${ascii75}b`;
    expect(foldLine(ascii76)).toBe(`${ascii75}\r\n b`);
    // 8 ASCII + 22 × 3 octets = 74; one more kanji would make 77, so it moves to the next line.
    const kanji = `SUMMARY:${"漢".repeat(23)}`;
    expect(foldLine(kanji)).toBe(`SUMMARY:${"漢".repeat(22)}\r\n 漢`);
    // Continuation lines hold 74 octets after their space.
    const long = foldLine(`X:${"b".repeat(300)}`).split("\r\n");
    expect(long.slice(1, -1).every((l) => octets(l) === 75)).toBe(true);
  });

  it("escapes backslash, semicolon, comma and newlines, and drops other control characters", () => {
    expect(escapeText("a\\b;c,d\ne\r\nf\rg")).toBe("a\\\\b\\;c\\,d\\ne\\nf\\ng");
    expect(escapeText("tab\tok\u0007bell")).toBe("tab\tokbell");
    const ics = buildCalendar({ events: [{ ...event, summary: "BEGIN:VEVENT\r\nEND:VCALENDAR" }], now });
    // A newline in a title cannot start a new line in the file.
    expect(parseIcs(ics).children[0].props.find((p) => p.name === "SUMMARY")?.value).toBe("BEGIN:VEVENT\\nEND:VCALENDAR");
  });

  it("marks cancelled and tentative events, frees cancelled time, and keeps UIDs stable", () => {
    const ics = buildCalendar({
      events: [
        { ...event, uid: applicationUid(1), status: "CANCELLED" },
        { ...event, uid: applicationUid(2), status: "TENTATIVE", sequence: 3, lastModified: new Date("2026-11-20T00:00:00Z") },
      ],
      now,
      name: "つなぐ八幡東（活動予定）",
      refreshMinutes: 60,
    });
    const calendar = parseIcs(ics);
    expect(text(calendar, "X-WR-CALNAME")).toBe("つなぐ八幡東（活動予定）");
    expect(prop(calendar, "REFRESH-INTERVAL")).toEqual({ name: "REFRESH-INTERVAL", params: { VALUE: "DURATION" }, value: "PT60M" });
    const [cancelled, tentative] = calendar.children;
    expect([prop(cancelled, "STATUS")?.value, prop(cancelled, "TRANSP")?.value]).toEqual(["CANCELLED", "TRANSPARENT"]);
    expect([prop(tentative, "STATUS")?.value, prop(tentative, "SEQUENCE")?.value, prop(tentative, "LAST-MODIFIED")?.value]).toEqual([
      "TENTATIVE",
      "3",
      "20261120T000000Z",
    ]);
    expect(applicationUid(1)).toBe(applicationUid(1));
    expect(applicationUid(1)).not.toBe(applicationUid(2));
  });

  it("writes an empty calendar when there is nothing to show", () => {
    const calendar = parseIcs(buildCalendar({ events: [], now }));
    expect(calendar.children).toEqual([]);
  });

  it("writes UTC times and refuses an invalid date", () => {
    // 9:00 in Tokyo is 0:00 UTC.
    expect(formatUtc(new Date("2026-12-05T09:00:00+09:00"))).toBe("20261205T000000Z");
    // Early morning in Tokyo is the previous day in UTC.
    expect(formatUtc(new Date("2027-01-01T06:30:00+09:00"))).toBe("20261231T213000Z");
    expect(() => formatUtc(new Date("nonsense"))).toThrow(RangeError);
  });
});
