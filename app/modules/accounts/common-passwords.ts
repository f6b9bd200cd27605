// The most common leaked passwords (top of public breach corpora) plus local favourites. A password on this
// list, or one that is just the email address, is refused (security checklist A1, ASVS 6.2).
export const COMMON_PASSWORDS = new Set([
  "password", "password1", "password12", "password123", "password1234", "passw0rd", "p@ssw0rd", "p@ssword",
  "12345678", "123456789", "1234567890", "12341234", "11111111", "00000000", "88888888", "87654321",
  "qwertyui", "qwerty123", "qwertyuiop", "1qaz2wsx", "1q2w3e4r", "1q2w3e4r5t", "zaq12wsx", "asdfghjk",
  "asdf1234", "abcd1234", "abc12345", "abcdefgh", "iloveyou", "iloveyou1", "sunshine", "princess",
  "football", "baseball", "welcome1", "welcome123", "letmein1", "trustno1", "superman", "starwars",
  "dragon12", "monkey12", "shadow12", "master12", "whatever", "computer", "internet", "michael1",
  "jennifer", "jordan23", "liverpool", "charlie1", "aa123456", "a1234567", "q1w2e3r4", "changeme",
  "admin123", "administrator", "secret12", "test1234", "testtest", "pokemon1", "doraemon", "sakura123",
  "naruto12", "tsunagu1", "tsunagu123", "yahata123", "kitakyushu", "fukuoka1", "volunteer", "volunteer1",
  "japan123", "nippon123", "tokyo123", "hello123", "goodluck", "loveyou1", "11223344", "12121212",
  "123123123", "1234qwer", "qwer1234", "asdfasdf", "zxcvbnm1", "zxcvbnmm", "football1", "baseball1",
]);

export function isCommonPassword(password: string, email?: string): boolean {
  const p = password.toLowerCase();
  if (COMMON_PASSWORDS.has(p)) return true;
  if (/^(.)\1+$/.test(p)) return true;
  if (email && (p === email.toLowerCase() || p === email.toLowerCase().split("@")[0])) return true;
  return false;
}
