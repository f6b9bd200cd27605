/**
 * How search compares text, shared by the tokeniser (./text.ts), the synonym list (./synonyms.ts) and
 * highlighting (./highlight.ts). No imports: the modules above all depend on it, and it on none of them.
 */

/** NFKC, lower case, hyphen variants as "-", no control or format characters, single spaces. Kana untouched. */
export function fold(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\u2010\u2011]/g, "-")
    .replace(/\p{Cf}/gu, "")
    .replace(/[\s\p{Cc}]+/gu, " ")
    .trim();
}

// Small kana and their full-size twins: ぁぃぅぇぉ っ ゃゅょ ゎ ゕゖ (as hiragana, after toHiragana).
const SMALL_KANA = /[\u3041\u3043\u3045\u3047\u3049\u3063\u3083\u3085\u3087\u308e\u3095\u3096]/g;
const FULL_SIZE: Record<string, string> = {
  "\u3041": "あ", "\u3043": "い", "\u3045": "う", "\u3047": "え", "\u3049": "お", "\u3063": "つ",
  "\u3083": "や", "\u3085": "ゆ", "\u3087": "よ", "\u308e": "わ", "\u3095": "か", "\u3096": "け",
};

/**
 * Katakana → hiragana (ァ–ヶ and the iteration marks ヽヾ), then small kana as full-size ones (ぃ → い, っ → つ):
 * people type ボランテイア with a large イ, and ボランティア and ﾎﾞﾗﾝﾃｨｱ must meet it. ー and katakana without
 * a hiragana twin stay. One character for one character, so highlighting can map positions back.
 */
export function kanaFold(text: string): string {
  return text
    .replace(/[\u30a1-\u30f6\u30fd\u30fe]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60))
    .replace(SMALL_KANA, (c) => FULL_SIZE[c]);
}

/**
 * The form in which text is compared: NFKC (ＡＢＣ → abc, ﾎﾞﾗﾝﾃｨｱ → ボランティア), lower case, katakana as
 * hiragana and small kana as full-size ones (ボランティア → ぼらんていあ, the long-vowel mark ー kept), whitespace
 * collapsed to single spaces and trimmed. Idempotent.
 */
export function normalise(text: string): string {
  return kanaFold(fold(text));
}
