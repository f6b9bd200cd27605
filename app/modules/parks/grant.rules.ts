/**
 * The city's grant to a park-care association by the area it looks after (助成金). Pure: the bands are a staff
 * setting (city policy changes), these are the defaults. The end points are the city's published figures
 * (¥25,000 for ≤ 500 m², ¥65,500 for ≥ 5,001 m²); the bands between them are not published where we looked, so
 * the defaults step evenly between the two and staff correct them on the settings page (ADR 025).
 */
export interface GrantBand {
  /** The band covers areas up to this many m² (inclusive); null for the last, open-ended band. */
  upToM2: number | null;
  yen: number;
}

export const DEFAULT_GRANT_BANDS: readonly GrantBand[] = [
  { upToM2: 500, yen: 25_000 },
  { upToM2: 1_000, yen: 31_500 },
  { upToM2: 2_000, yen: 38_000 },
  { upToM2: 3_000, yen: 45_000 },
  { upToM2: 4_000, yen: 52_000 },
  { upToM2: 5_000, yen: 58_500 },
  { upToM2: null, yen: 65_500 },
];

/** Problems with a set of bands (message keys), empty when usable: ascending limits, one open band last, yen ≥ 0. */
export function grantBandProblems(bands: readonly GrantBand[]): string[] {
  const problems: string[] = [];
  if (bands.length === 0) return ["parks.grant.noBands"];
  bands.forEach((band, i) => {
    const last = i === bands.length - 1;
    if (last && band.upToM2 !== null) problems.push("parks.grant.lastOpen");
    if (!last && band.upToM2 === null) problems.push("parks.grant.onlyLastOpen");
    if (band.upToM2 !== null && (!Number.isInteger(band.upToM2) || band.upToM2 < 1)) problems.push("parks.grant.badArea");
    if (!Number.isInteger(band.yen) || band.yen < 0) problems.push("parks.grant.badYen");
    const previous = bands[i - 1];
    if (previous?.upToM2 != null && band.upToM2 !== null && band.upToM2 <= previous.upToM2) problems.push("parks.grant.notAscending");
  });
  return [...new Set(problems)];
}

/** The band for an area (m², a positive whole number) and its grant. */
export function grantFor(areaM2: number, bands: readonly GrantBand[] = DEFAULT_GRANT_BANDS): { yen: number; band: GrantBand; index: number } {
  if (!(areaM2 > 0)) throw new RangeError("area must be positive");
  const area = Math.ceil(areaM2);
  const index = bands.findIndex((b) => b.upToM2 === null || area <= b.upToM2);
  const i = index === -1 ? bands.length - 1 : index;
  return { yen: bands[i].yen, band: bands[i], index: i };
}

/** The band's range in words: "〜500㎡", "501〜1,000㎡", "5,001㎡〜". */
export function bandLabel(bands: readonly GrantBand[], index: number): string {
  const n = (v: number) => v.toLocaleString("ja-JP");
  const from = index === 0 ? null : (bands[index - 1].upToM2 ?? 0) + 1;
  const to = bands[index].upToM2;
  if (from === null) return `〜${n(to ?? 0)}㎡`;
  return to === null ? `${n(from)}㎡〜` : `${n(from)}〜${n(to)}㎡`;
}
