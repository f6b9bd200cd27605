/**
 * The name an organisation sees of someone it has not yet been given the full name of (a minor's application, a
 * recommended person, a withheld sender): the given name, the last part of a name written family name first
 * (「八幡 花子」 → 「花子」), or the whole display name when it is one word.
 */
export function givenName(displayName: string): string {
  const parts = displayName.trim().split(/[\s\u3000]+/);
  return parts[parts.length - 1] ?? "";
}
