import { describe, expect, it } from "vitest";
import { bandLabel, DEFAULT_GRANT_BANDS, grantBandProblems, grantFor } from "./grant.rules";

describe("grant bands", () => {
  it("gives the city's end points: ¥25,000 up to 500 m², ¥65,500 from 5,001 m²", () => {
    expect(grantFor(1).yen).toBe(25_000);
    expect(grantFor(500).yen).toBe(25_000);
    expect(grantFor(500.2).yen).toBe(31_500);
    expect(grantFor(501).yen).toBe(31_500);
    expect(grantFor(5_000).yen).toBe(58_500);
    expect(grantFor(5_001).yen).toBe(65_500);
    expect(grantFor(120_000).yen).toBe(65_500);
  });

  it("follows the bands staff set", () => {
    const bands = [
      { upToM2: 1_000, yen: 20_000 },
      { upToM2: null, yen: 40_000 },
    ];
    expect(grantFor(999, bands).yen).toBe(20_000);
    expect(grantFor(1_001, bands).yen).toBe(40_000);
    expect(bandLabel(bands, 0)).toBe("〜1,000㎡");
    expect(bandLabel(bands, 1)).toBe("1,001㎡〜");
    expect(bandLabel(DEFAULT_GRANT_BANDS, 1)).toBe("501〜1,000㎡");
  });

  it("refuses bands that cannot be read: unordered, open in the middle, negative", () => {
    expect(grantBandProblems(DEFAULT_GRANT_BANDS)).toEqual([]);
    expect(grantBandProblems([])).toEqual(["parks.grant.noBands"]);
    expect(grantBandProblems([{ upToM2: 500, yen: 1 }])).toEqual(["parks.grant.lastOpen"]);
    expect(grantBandProblems([{ upToM2: 500, yen: 1 }, { upToM2: 400, yen: 2 }, { upToM2: null, yen: 3 }])).toEqual(["parks.grant.notAscending"]);
    expect(grantBandProblems([{ upToM2: null, yen: 1 }, { upToM2: null, yen: -2 }])).toEqual(["parks.grant.onlyLastOpen", "parks.grant.badYen"]);
  });

  it("refuses an area that is not positive", () => {
    expect(() => grantFor(0)).toThrow(RangeError);
  });
});
