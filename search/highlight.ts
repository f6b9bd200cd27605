import type { Highlighted } from "./types";

/**
 * Marks where any of the needles occurs in the text, comparing width-folded, lower-case, katakana-as-hiragana
 * characters one by one, so the marks land on the original text. The result is plain text segments: the page
 * renders them as React text, never as HTML.
 */
function foldChar(ch: string): string {
  let c = ch.normalize("NFKC").toLowerCase();
  c = c.replace(/[\u30a1-\u30f6]/g, (k) => String.fromCharCode(k.charCodeAt(0) - 0x60));
  return c;
}

export function highlight(text: string, needles: string[]): Highlighted[] {
  const chars = Array.from(text);
  const folded = chars.map(foldChar);
  const wanted = [...new Set(needles.map((n) => Array.from(n).map(foldChar).join("")).filter((n) => n.length > 0))].sort((a, b) => b.length - a.length);
  const marked = new Array<boolean>(chars.length).fill(false);
  if (wanted.length) {
    for (let i = 0; i < chars.length; i++) {
      for (const needle of wanted) {
        let j = i;
        let acc = "";
        // NFC joins a half-width voiced mark (ﾎ + ﾞ) with its kana, so compare the composed form.
        while (j < chars.length && acc.normalize("NFC").length < needle.length) acc += folded[j++];
        if (j < chars.length && /^[\u3099\u309a]$/.test(folded[j])) acc += folded[j++];
        if (acc.normalize("NFC") === needle) {
          for (let k = i; k < j; k++) marked[k] = true;
          break;
        }
      }
    }
  }
  const out: Highlighted[] = [];
  for (let i = 0; i < chars.length; i++) {
    const last = out[out.length - 1];
    if (last && last.match === marked[i]) last.text += chars[i];
    else out.push({ text: chars[i], match: marked[i] });
  }
  return out;
}

/** A window of the text around the first match (or its start), with an ellipsis where it was cut. */
export function snippet(text: string, needles: string[], length = 110): Highlighted[] {
  const flat = text.replace(/\s+/g, " ").trim();
  const marks = highlight(flat, needles);
  let offset = 0;
  let first = -1;
  for (const m of marks) {
    if (m.match) {
      first = offset;
      break;
    }
    offset += Array.from(m.text).length;
  }
  const chars = Array.from(flat);
  const start = first > 40 ? first - 30 : 0;
  const cut = chars.slice(start, start + length).join("");
  const result = highlight(cut, needles);
  if (start > 0) result.unshift({ text: "…", match: false });
  if (start + length < chars.length) result.push({ text: "…", match: false });
  return result;
}
