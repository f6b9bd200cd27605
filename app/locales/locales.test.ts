import { describe, expect, it } from "vitest";
import { en } from "./en";
import { ja } from "./ja";

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("message catalogues", () => {
  it("English has every Japanese key and no extra ones", () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(ja).sort());
  });

  it("no message is empty, and both languages use the same placeholders", () => {
    for (const key of Object.keys(ja) as (keyof typeof ja)[]) {
      expect(ja[key].trim(), key).not.toBe("");
      expect(en[key].trim(), key).not.toBe("");
      expect(placeholders(en[key]), key).toEqual(placeholders(ja[key]));
    }
  });

  it("English messages contain no Japanese script", () => {
    for (const [key, text] of Object.entries(en)) expect(/[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]/u.test(text), key).toBe(false);
  });
});
