import { kanaFold } from "./normalise";
import type { Highlighted } from "./types";

/**
 * Marks where any of the needles occurs in the text, comparing width-folded, lower-case, katakana-as-hiragana
 * text, so the marks land on the original text. The result is plain text segments: the page renders them as
 * React text, never as HTML.
 *
 * The text is folded once, character by character (NFKC, lower case, katakana as hiragana), into one string
 * that remembers which original character each of its code units came from; a combining mark that folding
 * leaves on its own (the half-width voiced mark of ﾎﾞ) is composed with the character before it, as NFC would.
 * A needle matches where it occurs in that string starting and ending on original character boundaries.
 * Each search folds its needles once (`highlighter`) and then costs one pass per needle over each text.
 */
const COMBINING = /^\p{M}/u;
const cache = new Map<string, string>();

function foldChar(ch: string): string {
  let folded = cache.get(ch);
  if (folded === undefined) {
    folded = kanaFold(ch.normalize("NFKC").toLowerCase());
    // The characters of a few scripts cover nearly every text: keep them, not every character ever seen.
    if (cache.size < 20_000) cache.set(ch, folded);
  }
  return folded;
}

interface Folded {
  /** The original text, one code point per element. */
  chars: string[];
  /** The folded text. */
  text: string;
  /** For each UTF-16 unit of `text`, the index in `chars` it came from ... */
  source: Int32Array;
  /** ... and the index after the last character it covers (a composed mark included). */
  until: Int32Array;
}

function fold(text: string): Folded {
  const chars = Array.from(text);
  let out = "";
  const source: number[] = [];
  const until: number[] = [];
  for (let i = 0; i < chars.length; i++) {
    const piece = foldChar(chars[i]);
    if (out.length > 0 && COMBINING.test(piece)) {
      // Compose with the previous character where NFC does (ほ + ゛ → ぼ), keeping its origin.
      const lastLength = isLowSurrogate(out, out.length - 1) ? 2 : 1;
      const last = out.slice(-lastLength);
      const composed = (last + piece).normalize("NFC");
      if (composed.length < last.length + piece.length) {
        const keep = out.length - lastLength;
        const origin = source[keep];
        out = out.slice(0, keep) + composed;
        source.length = keep;
        until.length = keep;
        for (let k = 0; k < composed.length; k++) {
          source.push(origin);
          until.push(i + 1);
        }
        continue;
      }
    }
    out += piece;
    for (let k = 0; k < piece.length; k++) {
      source.push(i);
      until.push(i + 1);
    }
  }
  return { chars, text: out, source: Int32Array.from(source), until: Int32Array.from(until) };
}

function isLowSurrogate(s: string, index: number): boolean {
  const c = s.charCodeAt(index);
  return c >= 0xdc00 && c <= 0xdfff && index > 0;
}

function foldNeedle(needle: string): string {
  let out = "";
  for (const ch of needle) out += foldChar(ch);
  return out.normalize("NFC");
}

/** Ranges [start, end) of original characters where a needle matches. */
function matches(folded: Folded, needles: string[]): [number, number][] {
  const { text, source, until } = folded;
  const ranges: [number, number][] = [];
  for (const needle of needles) {
    for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + 1)) {
      const end = at + needle.length;
      // Whole original characters only: not the ほ of a ぼ, not half of what one character folded into.
      if (at > 0 && source[at - 1] === source[at]) continue;
      if (end < text.length && source[end] === source[end - 1]) continue;
      ranges.push([source[at], until[end - 1]]);
    }
  }
  return ranges;
}

function segments(chars: string[], marked: Uint8Array, start: number, end: number): Highlighted[] {
  const out: Highlighted[] = [];
  let runStart = start;
  for (let i = start + 1; i <= end; i++) {
    if (i === end || marked[i] !== marked[runStart]) {
      out.push({ text: chars.slice(runStart, i).join(""), match: marked[runStart] === 1 });
      runStart = i;
    }
  }
  return out;
}

export interface Highlighter {
  highlight(text: string): Highlighted[];
  /** A window of the text around the first match (or its start), with an ellipsis where it was cut. */
  snippet(text: string, length?: number): Highlighted[];
}

/** Folds the needles once, for every title and snippet of a page of results. */
export function highlighter(needles: string[]): Highlighter {
  const wanted = [...new Set(needles.map(foldNeedle).filter((n) => n.length > 0))];
  return {
    highlight(text) {
      const folded = fold(text);
      const marked = new Uint8Array(folded.chars.length);
      for (const [s, e] of matches(folded, wanted)) marked.fill(1, s, e);
      return segments(folded.chars, marked, 0, folded.chars.length);
    },
    snippet(text, length = 110) {
      const folded = fold(text.replace(/\s+/g, " ").trim());
      const ranges = matches(folded, wanted);
      const first = ranges.reduce((min, [s]) => Math.min(min, s), Infinity);
      const start = first !== Infinity && first > 40 ? first - 30 : 0;
      const end = Math.min(folded.chars.length, start + length);
      // Only matches wholly inside the window are marked, as if the window alone had been searched.
      const marked = new Uint8Array(folded.chars.length);
      for (const [s, e] of ranges) if (s >= start && e <= end) marked.fill(1, s, e);
      const result = segments(folded.chars, marked, start, end);
      if (start > 0) result.unshift({ text: "…", match: false });
      if (end < folded.chars.length) result.push({ text: "…", match: false });
      return result;
    },
  };
}

export function highlight(text: string, needles: string[]): Highlighted[] {
  return highlighter(needles).highlight(text);
}

export function snippet(text: string, needles: string[], length = 110): Highlighted[] {
  return highlighter(needles).snippet(text, length);
}
