/**
 * The text layer of search: how a posting's text becomes index tokens and how a visitor's query becomes terms
 * to look those tokens up with. Pure functions, shared by the PostgreSQL engine (full-text search with the
 * 'simple' configuration over the tokens below) and the Meilisearch engine (same synonyms, same typo rules).
 *
 * Japanese has no spaces between words, and a word segmenter alone is not enough for search: the same word is
 * segmented differently in different contexts (公園愛護会 → 公園|愛護|会, but a query 園愛 or 桃園公園 would be
 * missed). So a document is indexed with both its words and every character bigram of its runs of Japanese
 * characters; a query word is looked up whole when it is in the synonym list (which documents index wherever
 * such a word occurs) or has at most two characters, and by its bigrams otherwise (see `queryTerms`).
 *
 * Every token and every query alternative is made only of Unicode letters, marks and digits, plus "-" inside a
 * compound of ASCII letters and digits whose parts after the first all start with a letter (clean-up, a1-b2).
 * Everything else is a separator and never reaches the index, in particular:
 *   - the tsquery operators and syntax  &  |  !  (  )  <  >  :  *  '  \  and "-" before a digit (read as a
 *     negative number: to_tsvector('simple', 'covid-19') gives 'covid' and '-19');
 *   - what the default text-search parser reads as something other than a plain word: "." "/" "@" "&" "<" ">"
 *     (URLs, hosts, file paths, e-mail addresses, versions, floats, XML tags and entities);
 *   - all other punctuation and symbols, including Japanese ones (、。・「」〜), whitespace, control and format
 *     characters (soft hyphen, zero-width space).
 * So `to_tsvector('simple', tokens(text).join(' '))` holds exactly the lexemes of `tokens(text)`, and each query
 * alternative can be quoted as one lexeme in a tsquery.
 */
import { fold, kanaFold, normalise } from "./normalise";
import { DEFAULT_SYNONYMS, buildSynonymIndex } from "./synonyms";

export { normalise };

/** One thing a document must contain: any one of `alternatives`, or, with `prefix`, a token starting with one. */
export type QueryTerm = { alternatives: string[]; prefix: boolean };

/** Normalised word → normalised words of its synonym group(s), as built by `buildSynonymIndex`. */
export type SynonymIndex = Map<string, string[]>;

export type TextOptions = {
  /** Synonyms to index and expand with; the default list when absent. */
  synonyms?: SynonymIndex;
};

export type QueryOptions = TextOptions & {
  /** Indexed words to correct Latin query words against (see `typoCandidates`); no typo tolerance without. */
  vocabulary?: Iterable<string>;
};

/** Longer tokens (hashes, base64, run-on garbage) are not indexed; PostgreSQL refuses lexemes over 2 KB anyway. */
export const MAX_TOKEN_LENGTH = 64;
/** A query yields at most this many terms; the rest of a very long query is ignored. */
export const MAX_QUERY_TERMS = 32;
/** At most this many typo corrections are added for one query word. */
export const MAX_TYPO_CANDIDATES = 50;

const segmenter = new Intl.Segmenter("ja", { granularity: "word" });

// Japanese characters: kanji (with 々 〆 〇), hiragana, katakana left after folding (ヷ, ㇰ…) and the long-vowel
// mark ー. Not the middle dot ・ nor other punctuation.
const JA = "\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}ー〆";
const WORD = "\\p{L}\\p{M}\\p{N}";
const JA_ONLY = new RegExp(`^[${JA}]+$`, "u");
// Maximal runs of Japanese characters, and maximal runs of other letters, marks and digits that start with a
// letter or digit (PostgreSQL's parser drops a combining mark that starts a word).
const WORD_CHUNKS = new RegExp(`[${JA}]+|(?![${JA}])[\\p{L}\\p{N}](?:(?![${JA}])[${WORD}])*`, "gu");
const KANJI_RUN = /[\p{Script=Han}〆]+/gu;
const KATAKANA_RUN = /[\p{Script=Katakana}ー]+/gu;
const NOT_WORD = new RegExp(`[^${WORD}]+`, "u");
const NOT_WORD_G = new RegExp(`[^${WORD}]+`, "gu");
const KANA_ONLY = /^[\p{Script=Hiragana}\p{Script=Katakana}ー]+$/u;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const ASCII_COMPOUND = /(?<![\p{L}\p{M}\p{N}-])[a-z0-9]+(?:-[a-z0-9]+)+(?![\p{L}\p{M}\p{N}-])/gu;
const ASCII_COMPOUND_WHOLE = /^[a-z0-9]+(?:-[a-z0-9]+)+$/;
const LATIN_WORD = /^[\p{Script=Latin}0-9]*\p{Script=Latin}[\p{Script=Latin}0-9]*$/u;

const isJapanese = (s: string) => JA_ONLY.test(s);
const isSingleChar = (s: string) => s.length === 1 || (s.length === 2 && s.codePointAt(0)! > 0xffff);
const meaningful = (t: string) => LETTER_OR_DIGIT.test(t.replace(/ー/g, ""));

/**
 * The word pieces of folded query text, in order: words of other scripts as they are (split at anything that
 * is not a letter, mark or digit, and where they meet Japanese: tシャツ → t, しゃつ), and Japanese runs cut by
 * Intl.Segmenter into its word-like segments. Segmented before the kana are folded, because the segmenter
 * reads katakana words well and hiragana-only text badly; each piece is then folded to hiragana.
 */
function pieces(folded: string): string[] {
  const out: string[] = [];
  for (const [chunk] of folded.matchAll(WORD_CHUNKS)) {
    if (!isJapanese(chunk)) {
      if (meaningful(chunk)) out.push(chunk);
      continue;
    }
    for (const { segment, isWordLike } of segmenter.segment(chunk)) {
      if (isWordLike && meaningful(segment)) out.push(kanaFold(segment));
    }
  }
  return out;
}

/** Character bigrams (by code point) of a Japanese run; none made of long-vowel marks only. */
function bigrams(run: string): string[] {
  const chars = Array.from(run);
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) {
    const pair = chars[i] + chars[i + 1];
    if (pair !== "ーー") out.push(pair);
  }
  return out;
}

/** How a synonym is looked up in the index: words of a phrase or compound joined ("high school" → highschool). */
function searchForm(word: string): string {
  return word.replace(NOT_WORD_G, "");
}

type Dictionary = {
  index: SynonymIndex;
  /** Japanese entries of three or more characters, indexed wherever they occur in a document. */
  longJapanese: string[];
  /** Entries of several words ("high school", "clean-up"), found in documents across spaces or hyphens. */
  phrases: RegExp | null;
  /** Most words in a phrase entry. */
  phraseWords: number;
};

const dictionaries = new WeakMap<SynonymIndex, Dictionary>();
let defaultIndex: SynonymIndex | undefined;

function dictionary(index: SynonymIndex | undefined): Dictionary {
  const idx = index ?? (defaultIndex ??= buildSynonymIndex(DEFAULT_SYNONYMS));
  let dict = dictionaries.get(idx);
  if (dict) return dict;
  const longJapanese: string[] = [];
  const phrases: string[] = [];
  let phraseWords = 1;
  for (const key of idx.keys()) {
    if (isJapanese(key) && Array.from(key).length >= 3) longJapanese.push(key);
    const words = key.split(/[\s-]+/).filter((w) => w !== "");
    if (words.length > 1 && words.every((w) => !NOT_WORD.test(w))) {
      phrases.push(words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("[\\s.-]+"));
      phraseWords = Math.max(phraseWords, words.length);
    }
  }
  const regex = phrases.length > 0 ? new RegExp(`(?<![${WORD}])(?:${phrases.join("|")})(?![${WORD}])`, "gu") : null;
  dict = { index: idx, longJapanese, phrases: regex, phraseWords };
  dictionaries.set(idx, dict);
  return dict;
}

/**
 * Index tokens of a document, deduplicated, in order of kind then appearance:
 *   - words of Latin and other non-Japanese scripts, and numbers: normalised, split at anything that is not a
 *     letter, mark or digit ("don't" → don, t; 3.14 → 3, 14);
 *   - ASCII hyphen compounds joined (clean-up → cleanup) and, when PostgreSQL reads them as one compound, as
 *     written (clean-up; not covid-19, where "-19" would be a negative number);
 *   - every character bigram of every run of two or more Japanese characters (公園愛護会 → 公園, 園愛, 愛護,
 *     護会), so that any two-character query is found wherever it occurs, whatever the segmentation;
 *   - words: katakana words whole (ボランティア → ぼらんてぃあ), single kanji as they come (森, 区 in 東区の),
 *     and kanji compounds of three or more characters cut by Intl.Segmenter (八幡東区 → 八幡東, 区;
 *     公園愛護会 → 公園, 愛護, 会). The segmenter is given only the kanji compounds: it costs about 2 µs per
 *     segment, as much as all the rest together on Japanese prose, and elsewhere its words add nothing a query
 *     can look up that the bigrams and the entries below do not already give (see `queryTerms`);
 *   - synonym-list entries of three or more Japanese characters found anywhere in the text (見守り in
 *     見守り活動, which the segmenter cuts 見|守り; ごみ拾い), and synonym phrases joined ("high school" →
 *     highschool), so that query alternatives taken from the synonym list can be looked up as single tokens.
 * Lone kana (particles, okurigana) are not tokens. See the top of this file for the characters that never
 * appear in a token.
 */
export function tokens(text: string, options: TextOptions = {}): string[] {
  const folded = fold(text);
  if (folded === "") return [];
  const dict = dictionary(options.synonyms);
  const normalised = kanaFold(folded);
  const out = new Set<string>();
  const add = (t: string) => {
    if (t.length <= MAX_TOKEN_LENGTH && meaningful(t)) out.add(t);
  };

  const compounds = new Set<string>();
  for (const [chunk] of normalised.matchAll(WORD_CHUNKS)) {
    if (!isJapanese(chunk)) add(chunk);
    else if (chunk.length > 1) for (const pair of bigrams(chunk)) add(pair);
  }
  if (normalised.includes("-")) {
    for (const [compound] of normalised.matchAll(ASCII_COMPOUND)) {
      const parts = compound.split("-");
      add(parts.join(""));
      if (parts.every((p) => /^[a-z]/.test(p))) add(compound);
    }
  }
  // Katakana is found in the text before folding; the positions are the same after it.
  for (const [word] of folded.matchAll(KATAKANA_RUN)) if (!isSingleChar(word)) add(kanaFold(word));
  for (const [run] of normalised.matchAll(KANJI_RUN)) {
    if (isSingleChar(run)) add(run);
    else if (Array.from(run).length > 2) compounds.add(run);
  }
  if (compounds.size > 0) {
    // One call for all compounds (a call costs several segments' worth); a line break always ends a word.
    for (const { segment, isWordLike } of segmenter.segment([...compounds].join("\n"))) if (isWordLike) add(segment);
  }
  for (const word of dict.longJapanese) if (normalised.includes(word)) add(word);
  if (dict.phrases) for (const [phrase] of normalised.matchAll(dict.phrases)) add(searchForm(phrase));
  return [...out];
}

/** A query word once analysed: a document must contain all `parts`, or else any of `synonyms`. */
type Unit = {
  parts: string[];
  synonyms: string[];
  /** Single characters are always looked up as prefixes (森 finds 森林). */
  alwaysPrefix: boolean;
  /** Whether the unit may be a prefix when it ends the query: Latin, digits and kana, not kanji words. */
  mayBePrefix: boolean;
  /** A lone kana among other pieces of its word (a particle or okurigana), dropped. */
  particle: boolean;
};

function synonymForms(dict: Dictionary, key: string): string[] {
  return (dict.index.get(key) ?? []).map(searchForm).filter((w) => w !== "");
}

function pieceUnit(piece: string, dict: Dictionary, synonymOf?: string): Unit {
  const synonyms = synonymOf === undefined ? [] : synonymForms(dict, synonymOf);
  const japanese = isJapanese(piece);
  const single = isSingleChar(piece);
  const kana = japanese && KANA_ONLY.test(piece);
  // Japanese words of three or more characters are looked up by their bigrams (every bigram must occur) unless
  // they are synonym-list entries, which documents index whole.
  const parts = japanese && !single && synonymOf === undefined && Array.from(piece).length > 2 ? bigrams(piece) : [piece];
  return { parts, synonyms, alwaysPrefix: single, mayBePrefix: !japanese || kana, particle: false };
}

const HAN_CHAR = /^[\p{Script=Han}〆]$/u;
const HAN_END = /[\p{Script=Han}〆]$/u;
const HAN_START = /^[\p{Script=Han}〆]/u;

/**
 * A single kanji the segmenter cut from the kanji beside it (愛護会 → 愛護|会) is a suffix or prefix of that
 * word, not a word of its own: looked up alone (会 as a prefix) it would match any 会 — 協議会 in a posting
 * about 動物愛護センター. It is looked up with the character it is written against (護会), as a bigram.
 */
function boundKanji(piece: string, before: string | undefined, after: string | undefined, word: string): string {
  if (!HAN_CHAR.test(piece)) return piece;
  if (before && HAN_END.test(before) && word.includes(before + piece)) return before.slice(-1) + piece;
  if (after && HAN_START.test(after) && word.includes(piece + after)) return piece + after.charAt(0);
  return piece;
}

/** The units of one whitespace-separated query word. */
function wordUnits(word: string, dict: Dictionary): Unit[] {
  const bare = kanaFold(word).replace(/^[^\p{L}\p{M}\p{N}]+|[^\p{L}\p{M}\p{N}]+$/gu, "");
  if (bare === "") return [];

  // clean-up: (clean or cleanup) and (up or cleanup), with the synonyms of either spelling on both sides.
  if (ASCII_COMPOUND_WHOLE.test(bare)) {
    const parts = bare.split("-");
    const joined = parts.join("");
    const synonyms = [joined, ...synonymForms(dict, bare), ...synonymForms(dict, joined)];
    return [{ parts, synonyms, alwaysPrefix: false, mayBePrefix: true, particle: false }];
  }
  if (dict.index.has(bare) && !NOT_WORD.test(bare)) return [pieceUnit(bare, dict, bare)];

  const ps = pieces(word);
  const units: Unit[] = [];
  let pendingKana = "";
  const flushKana = () => {
    if (pendingKana !== "") units.push(pieceUnit(pendingKana, dict));
    pendingKana = "";
  };
  for (let i = 0; i < ps.length; ) {
    // The longest run of Japanese pieces (or a single piece) that is a synonym-list entry: 学習|支援 → 学習支援.
    let matched = 0;
    for (let n = Math.min(6, ps.length - i); n >= 1; n--) {
      const span = ps.slice(i, i + n);
      if (n > 1 && !span.every(isJapanese)) continue;
      if (dict.index.has(span.join(""))) {
        matched = n;
        break;
      }
    }
    if (matched > 0) {
      flushKana();
      const key = ps.slice(i, i + matched).join("");
      units.push(pieceUnit(key, dict, key));
      i += matched;
      continue;
    }
    const piece = ps[i++];
    // The segmenter cuts hiragana-only text into meaningless pieces (ぼしゅう → ぼ|しゅう): consecutive kana
    // pieces are taken together and looked up by bigrams, as documents index them.
    if (isJapanese(piece) && KANA_ONLY.test(piece)) {
      pendingKana += piece;
      continue;
    }
    flushKana();
    units.push(pieceUnit(boundKanji(piece, ps[i - 2], ps[i], bare), dict));
  }
  flushKana();

  if (units.length > 1) {
    for (const unit of units) unit.particle = unit.alwaysPrefix && KANA_ONLY.test(unit.parts[0]);
    return units.filter((u) => !u.particle);
  }
  return units;
}

/**
 * Terms for a visitor's query; a document matches when every term matches (AND), a term when any of its
 * alternatives does (OR). An empty or blank query gives no terms.
 *
 * Words are split at whitespace; several words forming a synonym phrase ("high school") are taken together.
 * Each word is then:
 *   - a synonym-list entry (公園, 子ども, ボランティア, volunteer, 学習支援 even when segmented 学習|支援):
 *     one term, the word or any of its synonyms;
 *   - an ASCII hyphen compound (clean-up): one term per part, each also satisfied by the joined form or a
 *     synonym, so that "clean-up", "clean up" and "cleanup" all match;
 *   - otherwise cut by Intl.Segmenter into pieces, each a term (防災訓練 → 防災 AND 訓練, so 防災の訓練 matches
 *     too; lone particles such as の are dropped); a Japanese piece of three or more characters that is not in
 *     the synonym list becomes one term per bigram (八幡東 → 八幡 AND 幡東), which matches wherever the piece
 *     occurs in a document whatever the document's segmentation; a single character is a prefix term, so
 *     森 finds 森林.
 * The last word is a prefix (results appear while typing) when it is Latin, a number or kana, unless the query
 * ends with a space; kanji words are complete once converted, and their bigrams already match partial input.
 * With `options.vocabulary`, Latin words of five letters or more that it does not hold also accept
 * `typoCandidates`, each with its synonyms.
 */
export function queryTerms(query: string, options: QueryOptions = {}): QueryTerm[] {
  const folded = fold(query);
  if (folded === "") return [];
  const dict = dictionary(options.synonyms);
  const openEnd = !/\s$/u.test(query.normalize("NFKC").replace(/\p{Cf}/gu, ""));
  const words = folded.split(" ");

  const units: Unit[] = [];
  for (let i = 0; i < words.length; ) {
    let merged = 0;
    for (let n = Math.min(dict.phraseWords, words.length - i); n >= 2; n--) {
      const key = kanaFold(words.slice(i, i + n).join(" ")).replace(/[^\p{L}\p{M}\p{N}\s-]/gu, "");
      if (dict.index.has(key)) {
        const parts = key.split(/[\s-]+/).map(searchForm).filter((p) => p !== "");
        units.push({ parts, synonyms: synonymForms(dict, key), alwaysPrefix: false, mayBePrefix: true, particle: false });
        merged = n;
        break;
      }
    }
    if (merged > 0) i += merged;
    else units.push(...wordUnits(words[i++], dict));
  }

  const terms: QueryTerm[] = [];
  const seen = new Set<string>();
  units.forEach((unit, u) => {
    unit.parts.forEach((part, p) => {
      const last = u === units.length - 1 && p === unit.parts.length - 1;
      const prefix = unit.alwaysPrefix || (last && openEnd && unit.mayBePrefix);
      const alternatives = [part, ...unit.synonyms];
      if (options.vocabulary && LATIN_WORD.test(part) && !isKnown(part, options.vocabulary)) {
        // A correction brings its synonyms, as the word spelt right would: volunter → volunteer → ボランティア.
        for (const c of typoCandidates(part, options.vocabulary, { prefix })) alternatives.push(c, ...synonymForms(dict, c));
      }
      const term = { alternatives: [...new Set(alternatives)], prefix };
      const key = JSON.stringify(term);
      if (!seen.has(key) && terms.length < MAX_QUERY_TERMS) {
        seen.add(key);
        terms.push(term);
      }
    });
  });
  return terms;
}

/** A word the index holds is taken as written, not as a typo of another (childcare is not children misspelt). */
function isKnown(word: string, vocabulary: Iterable<string>): boolean {
  if (vocabulary instanceof Set) return vocabulary.has(word);
  return Array.isArray(vocabulary) ? vocabulary.includes(word) : false;
}

/**
 * Typos allowed in a query word, as Meilisearch allows by default: none for words under 5 letters, 1 from 5
 * letters, 2 from 9; none for words that are not Latin letters (with digits), so none for Japanese.
 */
export function allowedTypos(word: string): 0 | 1 | 2 {
  const w = normalise(word);
  if (!LATIN_WORD.test(w)) return 0;
  const letters = Array.from(w).length;
  return letters >= 9 ? 2 : letters >= 5 ? 1 : 0;
}

let rowA = new Int32Array(0);
let rowB = new Int32Array(0);
let rowC = new Int32Array(0);

/**
 * Optimal-string-alignment distance (Damerau–Levenshtein where an adjacent transposition costs 1) between
 * `q` and `w` — or, with `prefix`, between `q` and the closest prefix of `w` — if at most `k`; else k + 1.
 * Only the diagonal band |i − j| ≤ k is computed, and it stops as soon as a whole row exceeds k.
 */
function boundedDistance(q: string, w: string, k: number, prefix: boolean): number {
  const n = q.length;
  const m = prefix ? Math.min(w.length, n + k) : w.length;
  if (!prefix && Math.abs(m - n) > k) return k + 1;
  if (rowA.length < m + 1) {
    rowA = new Int32Array(m + 1);
    rowB = new Int32Array(m + 1);
    rowC = new Int32Array(m + 1);
  }
  const over = k + 1;
  let before = rowA; // row i − 2
  let prev = rowB; // row i − 1
  let cur = rowC;
  for (let j = 0; j <= m; j++) prev[j] = j <= k ? j : over;
  for (let i = 1; i <= n; i++) {
    const from = Math.max(1, i - k);
    const to = Math.min(m, i + k);
    cur.fill(over, 0, m + 1);
    cur[0] = i <= k ? i : over;
    let rowMin = cur[0];
    const qc = q.charCodeAt(i - 1);
    for (let j = from; j <= to; j++) {
      const wc = w.charCodeAt(j - 1);
      let d = prev[j - 1] + (qc === wc ? 0 : 1);
      if (prev[j] + 1 < d) d = prev[j] + 1;
      if (cur[j - 1] + 1 < d) d = cur[j - 1] + 1;
      if (i > 1 && j > 1 && qc === w.charCodeAt(j - 2) && q.charCodeAt(i - 2) === wc && before[j - 2] + 1 < d) d = before[j - 2] + 1;
      cur[j] = d > over ? over : d;
      if (cur[j] < rowMin) rowMin = cur[j];
    }
    if (rowMin > k) return over;
    const t = before;
    before = prev;
    prev = cur;
    cur = t;
  }
  if (!prefix) return prev[m];
  let best = over;
  for (let j = 0; j <= m; j++) if (prev[j] < best) best = prev[j];
  return best;
}

/**
 * Words of `vocabulary` that a Latin query word may be a typo of, closest first, at most `limit`
 * (MAX_TYPO_CANDIDATES). Meilisearch's rules: the allowed number of typos comes from `allowedTypos`; a typo is
 * an insertion, deletion, substitution or transposition of adjacent letters; a typo on the first letter counts
 * as two (so with one typo allowed the first letter must match). With `prefix` (the last word of a query), a
 * vocabulary word qualifies when one of its prefixes is within reach (volunter → volunteers).
 *
 * The word itself is not returned, nor, with `prefix`, words that start with it: the term matches those already.
 * `vocabulary` should hold normalised Latin words; anything else is skipped. A scan prefiltered by length and
 * bounded by the allowed distance: about a millisecond per query word for 20,000 words.
 */
export function typoCandidates(word: string, vocabulary: Iterable<string>, options: { prefix?: boolean; limit?: number } = {}): string[] {
  const q = normalise(word);
  const max = allowedTypos(q);
  if (max === 0) return [];
  const prefix = options.prefix ?? false;
  const n = q.length;
  const first = q.charCodeAt(0);
  const found: { word: string; distance: number }[] = [];
  for (const v of vocabulary) {
    const len = v.length;
    if (prefix ? len < n - max : len < n - max || len > n + max) continue;
    if (v === q || (prefix && v.startsWith(q))) continue;
    const k = v.charCodeAt(0) === first ? max : max - 1;
    if (k === 0) continue;
    const distance = boundedDistance(q, v, k, prefix);
    if (distance <= k && LATIN_WORD.test(v)) found.push({ word: v, distance });
  }
  found.sort((a, b) => a.distance - b.distance || Math.abs(a.word.length - n) - Math.abs(b.word.length - n) || (a.word < b.word ? -1 : a.word > b.word ? 1 : 0));
  return found.slice(0, options.limit ?? MAX_TYPO_CANDIDATES).map((f) => f.word);
}
