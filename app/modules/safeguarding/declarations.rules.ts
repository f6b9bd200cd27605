/**
 * The adults who work with children: when a safeguarding declaration or a recorded criminal-record check is valid,
 * about to expire or expired. Pure functions over calendar dates in Asia/Tokyo written 'YYYY-MM-DD' (the form the
 * database gives `date` columns in); "today" is always passed in, so the rules are tested without a clock.
 */

/** A declaration holds for this many years from the day it was made, then must be renewed. */
export const DECLARATION_RENEWAL_YEARS = 1;
/** People are warned this many days before a declaration or a check expires. */
export const EXPIRY_WARNING_DAYS = 30;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date written YYYY-MM-DD (2027-02-29 is not one). */
export function isCalendarDate(value: string): boolean {
  const m = DATE_RE.exec(value);
  if (!m) return false;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return date.getUTCFullYear() === Number(m[1]) && date.getUTCMonth() === Number(m[2]) - 1 && date.getUTCDate() === Number(m[3]);
}

function parse(value: string): Date {
  if (!isCalendarDate(value)) throw new RangeError(`not a calendar date: ${value}`);
  return new Date(`${value}T00:00:00Z`);
}

const format = (date: Date) => date.toISOString().slice(0, 10);

/** The Tokyo calendar date of an instant (Japan keeps no daylight saving time: always UTC+9). */
export function tokyoDate(instant: Date): string {
  return format(new Date(instant.getTime() + 9 * 3600_000));
}

export function addDays(date: string, days: number): string {
  return format(new Date(parse(date).getTime() + days * 86400_000));
}

/** The same day `years` later; 29 February becomes 1 March in a year without it. */
export function anniversary(date: string, years: number): string {
  const d = parse(date);
  return format(new Date(Date.UTC(d.getUTCFullYear() + years, d.getUTCMonth(), d.getUTCDate())));
}

/** The last day a declaration made on `declaredOn` is valid: the day before its anniversary. */
export function declarationValidUntil(declaredOn: string, years = DECLARATION_RENEWAL_YEARS): string {
  return addDays(anniversary(declaredOn, years), -1);
}

/** Whole days from `today` to `validUntil` (0 on the last valid day, negative once expired). */
export function daysLeft(validUntil: string, today: string): number {
  return Math.round((parse(validUntil).getTime() - parse(today).getTime()) / 86400_000);
}

export type Validity = "valid" | "expiring" | "expired";

/** Valid through `validUntil` (inclusive); "expiring" in the last EXPIRY_WARNING_DAYS days. */
export function validityOn(validUntil: string, today: string, warningDays = EXPIRY_WARNING_DAYS): Validity {
  const left = daysLeft(validUntil, today);
  if (left < 0) return "expired";
  return left < warningDays ? "expiring" : "valid";
}

export type DeclarationState = "missing" | "pending" | "rejected" | Validity;

export interface DeclarationRecord {
  status: "pending" | "confirmed" | "rejected";
  declaredOn: string;
  validUntil: string;
}

export interface DeclarationSummary {
  state: DeclarationState;
  /** The last day of the confirmed declaration that counts (the latest one), if any. */
  validUntil: string | null;
  /** A newer declaration waits for staff while an older confirmed one still counts (or has run out). */
  renewalPending: boolean;
}

/**
 * What a person's declarations add up to on a day: the latest confirmed one decides validity; one waiting for
 * staff counts for nothing yet (state "pending" only when no confirmed one exists); a rejected one only shows when
 * there is nothing else.
 */
export function summariseDeclarations(records: DeclarationRecord[], today: string): DeclarationSummary {
  const confirmed = records.filter((r) => r.status === "confirmed").sort((a, b) => (a.validUntil < b.validUntil ? 1 : -1))[0];
  const pending = records.some((r) => r.status === "pending");
  if (confirmed) return { state: validityOn(confirmed.validUntil, today), validUntil: confirmed.validUntil, renewalPending: pending };
  if (pending) return { state: "pending", validUntil: null, renewalPending: false };
  if (records.some((r) => r.status === "rejected")) return { state: "rejected", validUntil: null, renewalPending: false };
  return { state: "missing", validUntil: null, renewalPending: false };
}

/** A person may be named responsible adult only with a confirmed declaration that has not expired. */
export function declarationAllowsNaming(summary: DeclarationSummary): boolean {
  return summary.state === "valid" || summary.state === "expiring";
}

export interface CheckRecord {
  checkedOn: string;
  checkedBy: string;
  validUntil: string;
}

export interface CheckSummary {
  state: "missing" | Validity;
  validUntil: string | null;
  checkedOn: string | null;
  checkedBy: string;
}

/** The recorded criminal-record check that reaches furthest decides. */
export function summariseChecks(records: CheckRecord[], today: string): CheckSummary {
  const latest = [...records].sort((a, b) => (a.validUntil < b.validUntil ? 1 : a.validUntil > b.validUntil ? -1 : a.checkedOn < b.checkedOn ? 1 : -1))[0];
  if (!latest) return { state: "missing", validUntil: null, checkedOn: null, checkedBy: "" };
  return { state: validityOn(latest.validUntil, today), validUntil: latest.validUntil, checkedOn: latest.checkedOn, checkedBy: latest.checkedBy };
}

/** Whether something valid through `validUntil` still holds on every one of `dates`. */
export function covers(validUntil: string | null, dates: string[]): boolean {
  if (!validUntil) return false;
  return dates.every((d) => d <= validUntil);
}

/**
 * The code of conduct a responsible adult agrees to. Versioned: a declaration stores the version it was made
 * under, so the wording a person agreed to can always be shown again. Change the text only with a new version.
 */
export const CODE_OF_CONDUCT = {
  version: "2026-1",
  ja: [
    "子どもや若者を一人の人として尊重し、安全と気持ちを何より大切にします。",
    "18歳未満の参加者と一対一で、人目のない場所で過ごすことはしません。必ずほかの大人と一緒に、見通しのよい場所で活動します。",
    "体に触れる必要があるとき（けがの手当てなど）は、本人に説明し、ほかの大人がいるところで行います。",
    "個人的な連絡先やSNSで、参加者と個別にやりとりしません。連絡はつなぐ八幡東のメッセージか、保護者・学校を通して行います。",
    "草刈機などの危険な道具は18歳未満の参加者に使わせません。活動内容は年齢に合ったものにします。",
    "参加者の写真や個人情報は、本人と保護者の同意なしに公開しません。",
    "飲酒・喫煙をしながら、またはその影響が残る状態で子どもと活動しません。",
    "子どもの安全について心配なことに気づいたら、すぐに団体の責任者と八幡東区役所に伝えます。いま危険が迫っているときは110番・119番に連絡します。",
  ],
  en: [
    "I treat children and young people as individuals and put their safety and wellbeing first.",
    "I am never alone with a participant under 18 somewhere out of sight. I work alongside another adult, in open view.",
    "If I need to touch a participant (to treat an injury, say), I explain first and do it where another adult is present.",
    "I do not contact participants privately by personal phone or social media. I use Tsunagu Yahatahigashi's messages, or go through their guardian or school.",
    "I never let a participant under 18 use a brush cutter or any other dangerous tool, and I keep tasks suitable for their age.",
    "I do not publish photographs or personal details of participants without their and their guardian's consent.",
    "I do not work with children while drinking or smoking, or while affected by alcohol.",
    "If I am worried about a child's safety, I tell the organisation's lead and the Yahatahigashi Ward Office at once; if someone is in danger now, I call 110 or 119.",
  ],
} as const;
