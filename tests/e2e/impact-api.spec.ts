import { expect, test } from "@playwright/test";

/** The impact open data: public JSON of a 年度 with small counts hidden, and a clear 400 for a bad year. */

const tokyo = new Date(Date.now() + 9 * 3600_000);
const fiscalYear = tokyo.getUTCMonth() >= 3 ? tokyo.getUTCFullYear() : tokyo.getUTCFullYear() - 1;

type OpenValue = number | null | "<5";
interface OpenFigure {
  id: string;
  unit: string;
  value: OpenValue;
  previous: OpenValue;
  series?: { value: OpenValue; previous: OpenValue }[];
  breakdowns: { rows: { value: OpenValue; previous: OpenValue }[] }[];
}

test("GET /api/impact answers the year's figures under CC BY 4.0 with no count from 1 to 4 about people", async ({ request }) => {
  const response = await request.get(`/api/impact?year=${fiscalYear}`);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toContain("application/json");
  const body = await response.json();
  expect(body.year).toBe(fiscalYear);
  expect(body.range).toEqual({ from: `${fiscalYear}-04-01`, to: `${fiscalYear + 1}-03-31` });
  expect(body.licence.name).toBe("CC BY 4.0");
  const sections: { id: string; figures: OpenFigure[] }[] = body.sections;
  expect(sections.map((s) => s.id)).toEqual(["newcomers", "activity", "schools", "parks", "welfare", "safeguarding", "centres"]);
  let hidden = 0;
  for (const s of sections.filter((x) => ["newcomers", "schools", "safeguarding"].includes(x.id))) {
    for (const f of s.figures) {
      const values = [f.value, f.previous, ...(f.series ?? []).flatMap((m) => [m.value, m.previous]), ...f.breakdowns.flatMap((b) => b.rows.flatMap((r) => [r.value, r.previous]))];
      for (const v of values) {
        if (f.unit !== "percent") expect(typeof v === "number" && v >= 1 && v <= 4, `${f.id}: ${v}`).toBe(false);
        if (v === "<5") hidden++;
      }
    }
  }
  // The demo has a handful of participants: some counts are hidden.
  expect(hidden).toBeGreaterThan(0);

  // The welfare seats over time: the state at the year's end (now, while it runs), month by month, recorded since a date.
  const fill = sections.find((s) => s.id === "welfare")!.figures.find((f) => f.id === "welfare.fillRate") as OpenFigure & { atPeriodEnd: boolean; asOfNow: boolean; recordedSince?: string };
  expect(fill).toMatchObject({ atPeriodEnd: true, asOfNow: false });
  expect(Date.parse(fill.recordedSince!)).toBeLessThanOrEqual(Date.now());
  expect(fill.series).toHaveLength(12);
  // …and each district's own months beside its row.
  const districts = fill.breakdowns[0].rows as { series?: unknown[] }[];
  expect(districts.length).toBeGreaterThan(0);
  for (const row of districts) expect(row.series).toHaveLength(12);
  expect(typeof fill.value).toBe("number");
});

test("GET /api/impact with a bad year answers 400 with the reason, in English when asked", async ({ request }) => {
  const ja = await request.get("/api/impact?year=abc");
  expect(ja.status()).toBe(400);
  expect((await ja.json()).errors.year[0]).toContain("年度");
  const en = await request.get(`/api/impact?year=${fiscalYear + 5}&lang=en`);
  expect(en.status()).toBe(400);
  expect((await en.json()).errors.year[0]).toMatch(/fiscal year from 2020/);
});
