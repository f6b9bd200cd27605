import { AVAILABILITY_SLOTS, type AvailabilitySlot, type VolunteerType } from "#db/schema";
import { ageOn, minorShiftProblems } from "~/modules/safeguarding/minors.rules";
import { DEFAULT_SAFEGUARDING_SETTINGS, type SafeguardingSettings } from "~/modules/safeguarding/settings.rules";

/**
 * How well a posting fits a person, and why: pure, so the same rules rank postings for a volunteer (おすすめ)
 * and volunteers for an organisation's posting, and can be tested without a database.
 *
 * A score is the sum of named signals, each worth up to its weight, and each signal that counts gives a reason
 * (a kind with parameters, put into words by recommend.reasons.ts):
 *   - interest:     the posting's category is one of the person's interests;
 *   - skill:        a skill of the person matches the posting's tags or category (SKILL_MATCHES);
 *   - availability: an open shift starts in a slot the person is usually free (Tokyo time: morning before
 *                   12:00, afternoon before 17:00, evening after; weekend = Saturday and Sunday);
 *   - distance:     from the centre of the person's district to the place, closer is better;
 *   - soon:         the shift is within four weeks, sooner is better;
 *   - welcomes:     the posting welcomes under-18s (高校生歓迎) and the person is a high-school student or a minor;
 *   - need:         how much of the posting's open capacity is still free.
 * Only shifts the person could apply to count (the same rules as applying, app/modules/safeguarding/minors.rules.ts):
 * still to come, with a free place, the person at least the posting's minimum age on the day, and for a minor on
 * the day, a posting that welcomes under-18s and passed the safeguarding review, at hours a minor may take part.
 * A posting with no such shift is left out. A person with no birth date who is a high-school student is taken to
 * be a minor.
 */

export const INTEREST_WEIGHT = 30;
/** Per matching skill, for at most MAX_SKILLS_COUNTED skills. */
export const SKILL_WEIGHT = 10;
export const MAX_SKILLS_COUNTED = 2;
export const AVAILABILITY_WEIGHT = 20;
export const DISTANCE_WEIGHT = 16;
/** Distance points fall linearly from full at 0 km to none at this distance (the ward is about 7 km across). */
export const DISTANCE_HORIZON_KM = 6;
export const SOON_WEIGHT = 12;
/** "Sooner within 4 weeks scores higher": points fall linearly to none at this many days. */
export const SOON_HORIZON_DAYS = 28;
/** Soonness is given as a reason only this close. */
export const SOON_REASON_DAYS = 7;
export const WELCOMES_WEIGHT = 10;
export const NEED_WEIGHT = 8;

/** The ward's rules for minors that decide which shifts a minor could take (safeguarding settings). */
export type MinorsPolicy = Pick<SafeguardingSettings, "minorAge" | "minorsLatestEnd">;
export const DEFAULT_MINORS_POLICY: MinorsPolicy = {
  minorAge: DEFAULT_SAFEGUARDING_SETTINGS.minorAge,
  minorsLatestEnd: DEFAULT_SAFEGUARDING_SETTINGS.minorsLatestEnd,
};

/** Where a reason ranks among reasons worth the same points. */
export const REASON_KINDS = ["interest", "skill", "availability", "distance", "welcomes", "soon", "need"] as const;
export type ReasonKind = (typeof REASON_KINDS)[number];

export type DayPart = "morning" | "afternoon" | "evening";

export type Reason =
  | { kind: "interest"; points: number; category: string }
  | { kind: "skill"; points: number; skill: string }
  /** weekday: 0 = Sunday … 6 = Saturday, in Tokyo. */
  | { kind: "availability"; points: number; slot: AvailabilitySlot; weekday: number; part: DayPart }
  /** km rounded to one decimal. */
  | { kind: "distance"; points: number; km: number }
  /** days: Tokyo calendar days from today (0 = today). */
  | { kind: "soon"; points: number; days: number }
  | { kind: "welcomes"; points: number; who: "high_school" | "minor" }
  | { kind: "need"; points: number; placesLeft: number };

export interface Point {
  lat: number;
  lng: number;
}

export interface Person {
  interests: readonly string[];
  skills: readonly string[];
  availability: readonly string[];
  volunteerType: VolunteerType | null;
  /** 'YYYY-MM-DD' or null when not given. */
  birthDate: string | null;
  /** The centre of the person's district (its civic centre), or null. */
  home: Point | null;
}

export interface CandidateShift {
  id: number;
  startsAt: Date;
  endsAt: Date;
  capacity: number;
  /** Places taken. */
  confirmed: number;
  /** Whether a minor may take part at its hours (no minorShiftProblems), when worked out beforehand. */
  minorTimesOk?: boolean;
}

export interface CandidatePosting {
  id: number;
  categoryCode: string;
  tags: readonly string[];
  welcomesMinors: boolean;
  /** Welcomes under-18s and passed the safeguarding review: minors may apply. */
  approvedForMinors: boolean;
  minimumAge: number | null;
  latitude: number | null;
  longitude: number | null;
  shifts: readonly CandidateShift[];
  /** Every skill whose words or categories the posting matches (postingSkills), when worked out beforehand. */
  skillMatches?: ReadonlySet<string>;
}

export type Exclusion = "no-upcoming-shift" | "full" | "too-young" | "not-for-minors";

export interface Match {
  score: number;
  /** Most points first. */
  reasons: Reason[];
  /** The shift the match is about: the first open shift in the person's free time, else the first open one. */
  shift: CandidateShift;
  distanceKm: number | null;
}

export type MatchResult = ({ excluded: null } & Match) | { excluded: Exclusion };

// ---------------------------------------------------------------------------------------------------------
// Time in Tokyo
// ---------------------------------------------------------------------------------------------------------

const TOKYO_OFFSET_MS = 9 * 3600_000;
const DAY_MS = 86400_000;

/** Days since the epoch of the Tokyo calendar day holding `date`. */
function tokyoDayNumber(date: Date): number {
  return Math.floor((date.getTime() + TOKYO_OFFSET_MS) / DAY_MS);
}

/** Weekday (0 = Sunday) and part of the day of an instant, in Tokyo. */
export function tokyoSlot(date: Date): { weekday: number; part: DayPart; slot: AvailabilitySlot } {
  const local = new Date(date.getTime() + TOKYO_OFFSET_MS);
  const weekday = local.getUTCDay();
  const minutes = local.getUTCHours() * 60 + local.getUTCMinutes();
  const part: DayPart = minutes < 12 * 60 ? "morning" : minutes < 17 * 60 ? "afternoon" : "evening";
  // No list of public holidays exists in the project yet: the weekend is Saturday and Sunday.
  const weekend = weekday === 0 || weekday === 6;
  return { weekday, part, slot: `${weekend ? "weekend" : "weekday"}_${part}` };
}

/**
 * Whether a person is a minor at an instant: under the ward's minor age by birth date (counted as the
 * safeguarding rules count it); without a usable birth date, a high-school student is taken to be one.
 */
export function isMinor(person: Pick<Person, "birthDate" | "volunteerType">, instant: Date, minorAge = DEFAULT_MINORS_POLICY.minorAge): boolean {
  const age = ageOn(person.birthDate, instant);
  return age === null ? person.volunteerType === "high_school" : age < minorAge;
}

// ---------------------------------------------------------------------------------------------------------
// Distance
// ---------------------------------------------------------------------------------------------------------

/** Great-circle distance in km (haversine, mean Earth radius). */
export function haversineKm(a: Point, b: Point): number {
  return haversine(a.lat, a.lng, b.lat, b.lng);
}

const RAD = Math.PI / 180;

function haversine(lat1: number, lng1: number, lat2: number, lng2: number): number {
  const h = Math.sin(((lat2 - lat1) * RAD) / 2) ** 2 + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * Math.sin(((lng2 - lng1) * RAD) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
}

// ---------------------------------------------------------------------------------------------------------
// Skills
// ---------------------------------------------------------------------------------------------------------

/**
 * What a skill is useful for: posting categories, and words in a posting's tags. Tags are compared folded (NFKC,
 * lower case); Japanese words match inside a tag, so 食堂 matches 子ども食堂; Latin words match whole words, so
 * "it" matches "IT講座" but not "kit".
 */
export const SKILL_MATCHES: Record<string, { categories: readonly string[]; words: readonly string[] }> = {
  mowing: { categories: ["parks"], words: ["草刈り", "草取り", "草むしり", "除草", "緑化", "花壇", "公園", "mowing", "weeding", "gardening"] },
  cooking: { categories: [], words: ["調理", "食堂", "炊き出し", "配膳", "料理", "模擬店", "cooking", "cafeteria", "kitchen", "food"] },
  children: { categories: ["children"], words: ["子ども", "子供", "こども", "キッズ", "学習支援", "宿題", "児童", "kids", "children", "tutoring", "homework"] },
  english: { categories: ["international"], words: ["英語", "国際", "多文化", "english", "international"] },
  sign_language: { categories: [], words: ["手話", "sign language"] },
  computer: { categories: [], words: ["パソコン", "スマホ", "デジタル", "it", "pc", "computer", "computers"] },
  elderly_care: { categories: ["elderly"], words: ["見守り", "高齢者", "お年寄り", "シニア", "介護", "seniors", "elderly"] },
  carpentry: { categories: [], words: ["大工", "修繕", "工作", "ものづくり", "日曜大工", "diy", "carpentry", "craft"] },
  photography: { categories: [], words: ["写真", "撮影", "広報", "photo", "photos", "photography"] },
  music: { categories: [], words: ["音楽", "演奏", "合唱", "楽器", "ステージ", "music", "band", "choir"] },
};

/** Folding for comparing tags: NFKC (full-width to ASCII, half-width kana to full), then lower case. */
export const foldTag = (text: string) => text.normalize("NFKC").toLowerCase();

/** A posting's tags as one folded text, one tag a line: what skill patterns are matched against. */
export function tagText(tags: readonly string[]): string {
  return tags.map(foldTag).join("\n");
}

const isLatin = (word: string) => /^[a-z0-9 ]+$/.test(word);
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The regular expression (source text) that finds a skill's words in a tag text. */
export function skillPattern(skill: string): string | null {
  const match = SKILL_MATCHES[skill];
  if (!match) return null;
  const japanese = match.words.filter((w) => !isLatin(w)).map((w) => escapeRegExp(foldTag(w)));
  const latin = match.words.filter(isLatin).map(escapeRegExp);
  const alternatives = [...japanese];
  if (latin.length) alternatives.push(`(^|[^a-z0-9])(${latin.join("|")})([^a-z0-9]|$)`);
  return alternatives.join("|");
}

const SKILL_REGEXPS = new Map(Object.keys(SKILL_MATCHES).map((skill) => [skill, new RegExp(skillPattern(skill)!)]));

/** Every skill a posting is a use for (its category, or words in its tags). */
export function postingSkills(posting: Pick<CandidatePosting, "categoryCode" | "tags">): Set<string> {
  const text = tagText(posting.tags);
  const skills = new Set<string>();
  for (const [skill, match] of Object.entries(SKILL_MATCHES))
    if (match.categories.includes(posting.categoryCode) || SKILL_REGEXPS.get(skill)!.test(text)) skills.add(skill);
  return skills;
}

/** The person's skills (known ones, each once) that fit a posting, in the person's order. */
export function matchingSkills(skills: readonly string[], posting: Pick<CandidatePosting, "categoryCode" | "tags" | "skillMatches">): string[] {
  if (!skills.length) return [];
  const fits = posting.skillMatches ?? postingSkills(posting);
  return [...new Set(skills)].filter((skill) => fits.has(skill));
}

// ---------------------------------------------------------------------------------------------------------
// Scoring
// ---------------------------------------------------------------------------------------------------------

const round = (value: number, places: number) => Math.round(value * 10 ** places) / 10 ** places;

/**
 * What scoring needs of a person, worked out once per ranking rather than once per posting (a ranking may look at
 * 10,000 postings).
 */
interface Prepared {
  person: Person;
  policy: MinorsPolicy;
  nowMs: number;
  today: number;
  interests: ReadonlySet<string>;
  skills: readonly string[];
  /** By slot index (slotIndexOfMs): whether the person is usually free then. */
  free: readonly boolean[];
  anyFree: boolean;
  /** A minor now (for 高校生歓迎). */
  minor: boolean;
  /** The birth date as year, month, day; null when not given or not a date. */
  born: [number, number, number] | null;
  /** The first Tokyo day (day number) on which the person is n years old, by n; memoised. */
  birthdays: Map<number, number>;
}

function prepare(person: Person, now: Date, policy: MinorsPolicy): Prepared {
  const age = ageOn(person.birthDate, now);
  return {
    person,
    policy,
    nowMs: now.getTime(),
    today: tokyoDayNumber(now),
    interests: new Set(person.interests),
    skills: [...new Set(person.skills)].filter((skill) => skill in SKILL_MATCHES),
    free: AVAILABILITY_SLOTS.map((slot) => person.availability.includes(slot)),
    anyFree: AVAILABILITY_SLOTS.some((slot) => person.availability.includes(slot)),
    minor: isMinor(person, now, policy.minorAge),
    born: age === null ? null : (person.birthDate!.split("-").map(Number) as [number, number, number]),
    birthdays: new Map(),
  };
}

/**
 * The Tokyo day (day number) from which the person is `years` old: the birthday that year. Date.UTC rolls
 * 29 February over to 1 March in other years, which is how the safeguarding rules (ageOn) count it.
 */
function birthdayDay(p: Prepared, years: number): number {
  let day = p.birthdays.get(years);
  if (day === undefined) {
    const [y, m, d] = p.born!;
    p.birthdays.set(years, (day = Date.UTC(y + years, m - 1, d) / DAY_MS));
  }
  return day;
}

/**
 * The position in AVAILABILITY_SLOTS of an instant's slot in Tokyo (weekday morning, afternoon, evening, then the
 * same for the weekend), with tokyoSlot's cut-offs, without making a Date: a ranking asks this of every shift.
 */
export function slotIndexOfMs(ms: number): number {
  const local = ms + TOKYO_OFFSET_MS;
  const day = Math.floor(local / DAY_MS);
  const weekday = (((day + 4) % 7) + 7) % 7;
  const minutes = (local - day * DAY_MS) / 60_000;
  return (weekday === 0 || weekday === 6 ? 3 : 0) + (minutes < 12 * 60 ? 0 : minutes < 17 * 60 ? 1 : 2);
}

const earlier = (a: CandidateShift, b: CandidateShift) => a.startsAt.getTime() < b.startsAt.getTime() || (a.startsAt.getTime() === b.startsAt.getTime() && a.id < b.id);

interface Points {
  score: number;
  shift: CandidateShift;
  distanceKm: number | null;
  interest: boolean;
  /** How many of the person's skills count. */
  skills: number;
  fits: boolean;
  distance: number;
  soon: number;
  need: number;
  welcomes: boolean;
}

/**
 * The one implementation of the score: the open shifts (to come, with a free place, old enough on the day), the
 * shift the match is about, and each signal's points, added in a fixed order and rounded, so that ranking without
 * reasons and explaining with them always agree.
 */
function points(p: Prepared, posting: CandidatePosting): Points | Exclusion {
  let upcoming = false;
  let withPlaces = false;
  let first: CandidateShift | null = null;
  let fitting: CandidateShift | null = null;
  let capacity = 0;
  let left = 0;
  let tooYoung = false;
  const minimumAge = posting.minimumAge;
  const ageFrom = minimumAge !== null && p.born ? birthdayDay(p, minimumAge) : null;
  const adultFrom = p.born ? birthdayDay(p, p.policy.minorAge) : null;
  const minorsWelcome = posting.welcomesMinors && posting.approvedForMinors;
  for (const s of posting.shifts) {
    const starts = s.startsAt.getTime();
    if (starts <= p.nowMs) continue;
    upcoming = true;
    if (s.confirmed >= s.capacity) continue;
    withPlaces = true;
    const day = adultFrom !== null || ageFrom !== null ? tokyoDayNumber(s.startsAt) : 0;
    if (ageFrom !== null && day < ageFrom) {
      tooYoung = true;
      continue;
    }
    const minorThen = adultFrom !== null ? day < adultFrom : p.person.volunteerType === "high_school";
    if (minorThen && !(minorsWelcome && (s.minorTimesOk ?? minorShiftProblems(s, p.policy.minorsLatestEnd).length === 0))) continue;
    capacity += s.capacity;
    left += s.capacity - s.confirmed;
    if (first === null || earlier(s, first)) first = s;
    if (p.anyFree && (fitting === null || earlier(s, fitting)) && p.free[slotIndexOfMs(starts)]) fitting = s;
  }
  if (first === null) return !upcoming ? "no-upcoming-shift" : !withPlaces ? "full" : tooYoung ? "too-young" : "not-for-minors";
  const shift = fitting ?? first;

  const interest = p.interests.has(posting.categoryCode);
  let skillCount = 0;
  if (p.skills.length) {
    const fits = posting.skillMatches ?? postingSkills(posting);
    for (const skill of p.skills) if (fits.has(skill)) skillCount++;
  }
  const skills = Math.min(skillCount, MAX_SKILLS_COUNTED);
  let distanceKm: number | null = null;
  let distance = 0;
  if (p.person.home && posting.latitude !== null && posting.longitude !== null) {
    distanceKm = haversine(p.person.home.lat, p.person.home.lng, posting.latitude, posting.longitude);
    distance = DISTANCE_WEIGHT * Math.max(0, 1 - distanceKm / DISTANCE_HORIZON_KM);
  }
  const welcomes = posting.welcomesMinors && p.minor;
  const soon = SOON_WEIGHT * Math.max(0, 1 - (shift.startsAt.getTime() - p.nowMs) / (SOON_HORIZON_DAYS * DAY_MS));
  const need = NEED_WEIGHT * (capacity > 0 ? left / capacity : 0);

  const score = round(
    (interest ? INTEREST_WEIGHT : 0) + skills * SKILL_WEIGHT + (fitting ? AVAILABILITY_WEIGHT : 0) + distance + (welcomes ? WELCOMES_WEIGHT : 0) + soon + need,
    6,
  );
  return { score, shift, distanceKm, interest, skills, fits: fitting !== null, distance, soon, need, welcomes };
}

/** The reasons behind points, most points first. */
function explain(p: Prepared, posting: CandidatePosting, pts: Points): Reason[] {
  const reasons: Reason[] = [];
  if (pts.interest) reasons.push({ kind: "interest", points: INTEREST_WEIGHT, category: posting.categoryCode });
  if (pts.skills) for (const skill of matchingSkills(p.skills, posting).slice(0, pts.skills)) reasons.push({ kind: "skill", points: SKILL_WEIGHT, skill });
  if (pts.fits) {
    const { weekday, part, slot } = tokyoSlot(pts.shift.startsAt);
    reasons.push({ kind: "availability", points: AVAILABILITY_WEIGHT, slot, weekday, part });
  }
  if (pts.distance > 0) reasons.push({ kind: "distance", points: round(pts.distance, 3), km: round(pts.distanceKm!, 1) });
  if (pts.welcomes) reasons.push({ kind: "welcomes", points: WELCOMES_WEIGHT, who: p.person.volunteerType === "high_school" ? "high_school" : "minor" });
  if (pts.soon > 0) reasons.push({ kind: "soon", points: round(pts.soon, 3), days: tokyoDayNumber(pts.shift.startsAt) - p.today });
  reasons.push({ kind: "need", points: round(pts.need, 3), placesLeft: pts.shift.capacity - pts.shift.confirmed });
  return reasons.sort((a, b) => b.points - a.points || REASON_KINDS.indexOf(a.kind) - REASON_KINDS.indexOf(b.kind));
}

function matchFrom(p: Prepared, posting: CandidatePosting, pts: Points): Match {
  return { score: pts.score, reasons: explain(p, posting, pts), shift: pts.shift, distanceKm: pts.distanceKm === null ? null : round(pts.distanceKm, 3) };
}

/** How well one posting fits one person at `now`, with the reasons; or why it is left out. */
export function scoreMatch(person: Person, posting: CandidatePosting, now: Date, policy: MinorsPolicy = DEFAULT_MINORS_POLICY): MatchResult {
  const p = prepare(person, now, policy);
  const pts = points(p, posting);
  if (typeof pts === "string") return { excluded: pts };
  return { excluded: null, ...matchFrom(p, posting, pts) };
}

/**
 * The best `limit` of many, by a comparison: kept in a small sorted array, so that most candidates cost one
 * comparison with the worst kept and nothing else.
 */
function best<T>(limit: number, better: (a: T, b: T) => boolean) {
  const kept: T[] = [];
  return {
    offer(item: T) {
      if (limit <= 0) return;
      if (kept.length === limit && !better(item, kept[kept.length - 1])) return;
      let i = kept.length;
      while (i > 0 && better(item, kept[i - 1])) i--;
      kept.splice(i, 0, item);
      if (kept.length > limit) kept.pop();
    },
    kept,
  };
}

/** Whether a reason is worth saying to the person: soonness only within a week, the rest whenever it counts. */
export function isShownToVolunteer(reason: Reason): boolean {
  return reason.kind !== "soon" || reason.days <= SOON_REASON_DAYS;
}

/**
 * Whether a person may appear in an organisation's list of people to invite. Minors do not: an organisation
 * sees nothing of a minor before consent (the safeguarding work decides how a guardian's consent opens it).
 */
export function mayBeSuggestedToOrganisations(person: Pick<Person, "birthDate" | "volunteerType">, now: Date, minorAge = DEFAULT_MINORS_POLICY.minorAge): boolean {
  return !isMinor(person, now, minorAge);
}

/** What an organisation may see of why a person fits: about the person's stated profile, nothing about age. */
export function isShownToOrganisation(reason: Reason): boolean {
  return reason.kind === "interest" || reason.kind === "skill" || reason.kind === "availability" || reason.kind === "distance";
}

export interface RankedPosting<P extends CandidatePosting> extends Match {
  posting: P;
}

/** The best `limit` postings for a person: highest score, then the sooner shift, then the lower id. */
export function rankPostings<P extends CandidatePosting>(
  person: Person,
  postings: readonly P[],
  now: Date,
  limit: number,
  policy: MinorsPolicy = DEFAULT_MINORS_POLICY,
): RankedPosting<P>[] {
  const p = prepare(person, now, policy);
  const top = best<{ posting: P; pts: Points }>(
    limit,
    (a, b) =>
      a.pts.score > b.pts.score ||
      (a.pts.score === b.pts.score &&
        (a.pts.shift.startsAt.getTime() < b.pts.shift.startsAt.getTime() || (a.pts.shift.startsAt.getTime() === b.pts.shift.startsAt.getTime() && a.posting.id < b.posting.id))),
  );
  for (const posting of postings) {
    const pts = points(p, posting);
    if (typeof pts !== "string") top.offer({ posting, pts });
  }
  return top.kept.map(({ posting, pts }) => ({ posting, ...matchFrom(p, posting, pts) }));
}

export interface CandidatePerson extends Person {
  id: number;
}

export interface RankedPerson<U extends CandidatePerson> extends Match {
  person: U;
}

/** The best `limit` people for a posting (the same scoring, read the other way): highest score, then lower id. */
export function rankPeople<U extends CandidatePerson>(
  posting: CandidatePosting,
  people: readonly U[],
  now: Date,
  limit: number,
  policy: MinorsPolicy = DEFAULT_MINORS_POLICY,
): RankedPerson<U>[] {
  const skillMatches = posting.skillMatches ?? postingSkills(posting);
  const target = { ...posting, skillMatches };
  const top = best<{ person: U; p: Prepared; pts: Points }>(limit, (a, b) => a.pts.score > b.pts.score || (a.pts.score === b.pts.score && a.person.id < b.person.id));
  for (const person of people) {
    const p = prepare(person, now, policy);
    const pts = points(p, target);
    if (typeof pts !== "string") top.offer({ person, p, pts });
  }
  return top.kept.map(({ person, p, pts }) => ({ person, ...matchFrom(p, target, pts) }));
}
