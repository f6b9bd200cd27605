/** Text → Shift_JIS bytes, for tests of files older Excel writes: from a table of the two-byte codes built by decoding each one (the tests check it against known bytes). */
export function toShiftJis(text: string): Uint8Array {
  const table = new Map<string, number[]>();
  const decoder = new TextDecoder("shift_jis", { fatal: true });
  for (let lead = 0x81; lead <= 0xfc; lead++) {
    if (lead > 0x9f && lead < 0xe0) continue;
    for (let trail = 0x40; trail <= 0xfc; trail++) {
      if (trail === 0x7f) continue;
      try {
        const ch = decoder.decode(new Uint8Array([lead, trail]));
        if (!table.has(ch)) table.set(ch, [lead, trail]);
      } catch {
        // not a character
      }
    }
  }
  const bytes: number[] = [];
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) bytes.push(ch.charCodeAt(0));
    else {
      const code = table.get(ch);
      if (!code) throw new Error(`no Shift_JIS code for ${ch}`);
      bytes.push(...code);
    }
  }
  return new Uint8Array(bytes);
}
