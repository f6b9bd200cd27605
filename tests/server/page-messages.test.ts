import { readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { en } from "~/locales/en";
import { ja } from "~/locales/ja";
import { closure, isMessagesChunk, scriptsOfPage } from "../bench/page-scripts";
import { DEMO, built, startSite, type Site } from "../support/site-server";

/**
 * The browser holds only the messages its routes load (app/locales/message-use.build.ts): every message the
 * server rendered into a page must be among them, or the page would change as it hydrates. Each page below is
 * fetched from the production build in both languages; every text and attribute of its HTML that is a whole
 * message of the catalogue must be the text of a key the page's scripts load in that language (unless the text is
 * in the page's loader data: then it is data, such as a category's name, and not the catalogue's).
 */
const reason = built ? "" : "no production build (run npm run build)";
const CLIENT = path.resolve("build/client");
const catalogues: Record<string, Record<string, string>> = { ja, en };

const decode = (s: string) =>
  s
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

/** The texts a reader sees or a tool reads: text between tags, the title, and labelling attributes. */
function textsOf(html: string): string[] {
  const body = html.replace(/<script\b[\s\S]*?<\/script>/g, "").replace(/<style\b[\s\S]*?<\/style>/g, "");
  const texts = new Set<string>();
  for (const m of body.matchAll(/>([^<]+)</g)) for (const piece of m[1].split("<!-- -->")) texts.add(decode(piece).trim());
  for (const m of body.matchAll(/\s(?:aria-label|title|placeholder|alt|content)="([^"]*)"/g)) texts.add(decode(m[1]).trim());
  return [...texts].filter((t) => t.length >= 2);
}

/** A message as a pattern of the whole text: `{count}件` matches `3件`. */
function patternOf(message: string): RegExp {
  const parts = message.split(/\{\w+\}/).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  return new RegExp(`^${parts.join("[\\s\\S]+?")}$`);
}

/** Messages with at least two characters of their own (not `{name}` or `{count}人`, which match any text). */
const patterns = Object.fromEntries(
  Object.entries(catalogues).map(([lang, messages]) => [
    lang,
    Object.entries(messages)
      .filter(([, text]) => text.replace(/\{\w+\}/g, "").replace(/[\s\p{P}]/gu, "").length >= 2)
      .map(([key, text]) => ({ key, pattern: patternOf(text.trim()) })),
  ]),
);

async function loadedMessages(html: string, lang: string): Promise<Set<string>> {
  const read = (p: string) => readFileSync(path.join(CLIENT, p), "utf8");
  const keys = new Set<string>();
  for (const file of closure(scriptsOfPage(html), lang, read)) {
    if (!isMessagesChunk(file, lang)) continue;
    const chunk = (await import(pathToFileURL(path.join(CLIENT, file)).href)) as { default: Record<string, string> };
    for (const key of Object.keys(chunk.default)) keys.add(key);
  }
  return keys;
}

describe.skipIf(Boolean(reason))(`every message a page renders is in what its scripts load${reason ? ` — SKIPPED: ${reason}` : ""}`, () => {
  let site: Site;
  let pages: { path: string; cookie?: string }[] = [];

  beforeAll(async () => {
    site = await startSite();
    const list = await (await fetch(`${site.base}/postings`)).text();
    const posting = /href="(\/postings\/\d+)"/.exec(list)![1]!;
    const student = await site.login(DEMO.student);
    pages = [
      { path: "/" },
      { path: "/postings" },
      { path: `/postings?q=${encodeURIComponent("公園")}` },
      { path: "/postings?category=parks&minors=1" },
      { path: "/postings?near=bogus" },
      { path: "/postings?from=not-a-date&district=nowhere&page=-3" },
      { path: posting },
      { path: "/parks" },
      { path: "/for-groups" },
      { path: "/login" },
      { path: "/signup" },
      { path: "/no-such-page" },
      { path: "/", cookie: student },
      { path: "/account", cookie: student },
      { path: posting, cookie: student },
    ];
  }, 240_000);

  afterAll(async () => {
    await site?.stop();
  }, 30_000);

  it("finds the page's rendered messages among the keys it loads, in Japanese and in English", async () => {
    const missing: string[] = [];
    let checked = 0;
    for (const page of pages) {
      for (const lang of ["ja", "en"]) {
        const cookie = [page.cookie, `tsunagu_lang=${lang}`].filter(Boolean).join("; ");
        const res = await fetch(site.base + page.path, { headers: { cookie }, redirect: "manual" });
        if (res.status >= 300 && res.status < 400) continue;
        const html = await res.text();
        expect(/<html[^>]*\blang="(\w+)"/.exec(html)?.[1], page.path).toBe(lang);
        const loaded = await loadedMessages(html, lang);
        expect(loaded.size, `${page.path} (${lang}) loads messages`).toBeGreaterThan(0);
        // Text that is also in the page's loader data came from the data (a category's name, a tag), not from
        // the catalogue in the browser.
        const data = [...html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]).join("\n");
        const inData = (text: string) => [text, JSON.stringify(text).slice(1, -1), text.replace(/[&<>]/g, (c) => `\\u00${c.charCodeAt(0).toString(16)}`)].some((v) => data.includes(v));
        for (const text of textsOf(html)) {
          if (inData(text)) continue;
          const keys = patterns[lang].filter((p) => p.pattern.test(text)).map((p) => p.key);
          if (keys.length === 0) continue;
          checked++;
          if (!keys.some((k) => loaded.has(k))) missing.push(`${page.path}${page.cookie ? " (signed in)" : ""} [${lang}] "${text}" = ${keys.join(" | ")}`);
        }
      }
    }
    expect(checked).toBeGreaterThan(100);
    expect(missing).toEqual([]);
  }, 240_000);
});
