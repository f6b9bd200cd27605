/**
 * The scripts a page of the production build loads before it hydrates, read from its HTML and the built files
 * (npm run bench:bytes, tests/server/page-messages.test.ts).
 */
import path from "node:path";

/** The scripts an HTML page loads before it hydrates, as paths under the site (e.g. `/assets/root-….js`). */
export function scriptsOfPage(html: string): string[] {
  const found = new Set<string>();
  for (const m of html.matchAll(/<link\b[^>]*\brel="modulepreload"[^>]*>/g)) {
    const href = /\bhref="([^"]+)"/.exec(m[0])?.[1];
    if (href) found.add(href);
  }
  for (const m of html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)) {
    const src = /\bsrc="([^"]+)"/.exec(m[0].slice(0, m[0].indexOf(">") + 1))?.[1];
    if (src && /\btype="module"/.test(m[0])) found.add(src);
    for (const i of m[1].matchAll(/\bimport\s*(?:[\w*{}\s,]+from\s*)?["']([^"']+\.js)["']|\bimport\(\s*["']([^"']+\.js)["']\s*\)/g)) {
      found.add(i[1] ?? i[2]);
    }
  }
  return [...found].filter((p) => p.startsWith("/"));
}

/**
 * Imports inside a built chunk (paths relative to it): static ones, and those it may load later — dynamic imports
 * of a string, and chunks it names by URL (`import(new URL("messages-ja-….js", import.meta.url).href)`).
 */
export function importsOfChunk(code: string): { static: string[]; dynamic: string[] } {
  const stat = new Set<string>();
  const dyn = new Set<string>();
  for (const m of code.matchAll(/\b(?:import|export)\s*(?:[\w$*{}\s,]+from\s*)?["'](\.\.?\/[^"']+\.js)["']/g)) stat.add(m[1]);
  for (const m of code.matchAll(/\bimport\(\s*["'](\.\.?\/[^"']+\.js)["']\s*\)/g)) dyn.add(m[1]);
  for (const m of code.matchAll(/\bnew URL\(\s*["']([^"'/]+\.js)["']\s*,\s*import\.meta\.url\s*\)/g)) dyn.add(`./${m[1]}`);
  return { static: [...stat], dynamic: [...dyn] };
}

/** Is this chunk one language's messages (loaded before the page renders in that language)? */
export function isMessagesChunk(file: string, lang: string): boolean {
  const name = path.posix.basename(file);
  return name.startsWith(`messages-${lang}-`) || new RegExp(`^${lang}-[\\w-]{8}\\.js$`).test(name);
}

/** Every file a page loads before hydrating: the page's own list plus what those files import (static and messages). */
export function closure(start: string[], lang: string, read: (p: string) => string): string[] {
  const seen = new Set<string>();
  const queue = [...start];
  while (queue.length) {
    const file = queue.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const { static: stat, dynamic } = importsOfChunk(read(file));
    for (const s of stat) queue.push(path.posix.join(path.posix.dirname(file), s));
    for (const d of dynamic) {
      const target = path.posix.join(path.posix.dirname(file), d);
      if (isMessagesChunk(target, lang)) queue.push(target);
    }
  }
  return [...seen];
}
