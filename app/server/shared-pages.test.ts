import { describe, expect, it } from "vitest";
import { getLocale } from "~/utils/locale.server";
import { pageLanguage } from "./shared-pages.server";

describe("the language a shared page is kept under", () => {
  it("is the one the page is rendered in, for every combination of the lang parameter and the language cookie", () => {
    for (const query of ["", "?lang=en", "?lang=ja", "?lang=fr", "?q=%E5%85%AC%E5%9C%92&lang=en"])
      for (const cookie of ["", "tsunagu_lang=en", "tsunagu_lang=ja", "tsunagu_lang=de", "tsunagu_lang=%E0%A4%A"]) {
        const url = `http://127.0.0.1/postings${query}`;
        const rendered = getLocale(new Request(url, { headers: cookie ? { cookie } : {} }));
        expect(pageLanguage(url, cookie), `${query} ${cookie}`).toBe(rendered);
      }
  });
});
