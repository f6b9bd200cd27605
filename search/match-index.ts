/**
 * The searchable postings held in memory, column by column, with an inverted index of their lexemes: which
 * postings match a query, the facet counts over all of them and the order of the first ones, without visiting
 * a row per match (docs/decisions/013-in-process-search-index.md). Pure: search/match-index.server.ts fills it
 * from posting_search and keeps it in step; the PostgreSQL engine asks it and reads the page's postings from
 * the database.
 *
 * It answers exactly what the engine's SQL answers over posting_search: a posting matches when, for every
 * term, it has one of the term's words as a lexeme (or, for a prefix term, a lexeme that starts with one, as
 * `'word':*` does in a tsquery); when it passes the filters; and when it has a shift starting in
 * [lower, upper). The schedule is computed from the shifts at the time of the query, so it never goes stale.
 */

/** What the index holds of one searchable posting (a posting_search row and its shifts). */
export interface IndexedPosting {
  id: number;
  categoryId: number;
  districtId: number | null;
  organisationKind: string;
  /** An under-18 can apply now (postings.open_to_minors). */
  welcomesMinors: boolean;
  latitude: number | null;
  longitude: number | null;
  /** Milliseconds since the epoch. */
  publishedAt: number | null;
  /** Every shift, past ones too (a search may be made "as of" an earlier moment), by start then id. */
  shifts: { startsAt: number; placesLeft: boolean }[];
  /** The search vector's lexemes. */
  lexemes: string[];
}

/** One thing a posting must contain: one of `words`, or with `prefix` a lexeme starting with one. */
export interface MatchTerm {
  words: string[];
  prefix: boolean;
}

export interface MatchQuery {
  terms: MatchTerm[];
  /** Null: no filter. */
  categoryIds: readonly number[] | null;
  districtIds: readonly number[] | null;
  organisationKinds: readonly string[] | null;
  minorsWelcome: boolean;
  /** The shifts that count start at or after `lower` (ms) and, when set, before `upper`. */
  lower: number;
  upper: number | null;
  dayType: "weekday" | "weekend" | null;
  placesLeft: boolean;
}

export interface MatchFacets {
  category: Map<number, number>;
  district: Map<number, number>;
  organisationKind: Map<string, number>;
  weekday: number;
  weekend: number;
  minors: number;
}

/** The matching postings: their slots in the index and their next shift that counts, `count` of each. */
export interface Matches {
  count: number;
  slots: Int32Array;
  next: Float64Array;
  facets: MatchFacets;
}

export type MatchOrder = { by: "soonest" } | { by: "newest" } | { by: "nearest"; lat: number; lng: number };

const WEEKEND = 1;
const PLACES_LEFT = 2;
const TOKYO_OFFSET_MS = 9 * 3600_000;
const RADIANS = Math.PI / 180;

/** Saturday or Sunday in Tokyo (no daylight saving: a fixed UTC+9), as `extract(isodow ... at time zone 'Asia/Tokyo') >= 6`. */
export function isWeekendInTokyo(ms: number): boolean {
  const day = new Date(ms + TOKYO_OFFSET_MS).getUTCDay();
  return day === 0 || day === 6;
}

/** Great-circle distance in km, the formula the engine's SQL uses. */
export function distanceKm(lat0: number, lng0: number, lat: number, lng: number): number {
  const rad = (d: number) => d * (Math.PI / 180);
  return (
    12742 *
    Math.asin(Math.sqrt(Math.sin(rad(lat - lat0) / 2) ** 2 + Math.cos(rad(lat0)) * Math.cos(rad(lat)) * Math.sin(rad(lng - lng0) / 2) ** 2))
  );
}

/** Two sorted lists as one. */
function mergeSorted(a: string[], b: string[]): string[] {
  const out = new Array<string>(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = a[i] <= b[j] ? a[i++] : b[j++];
  while (i < a.length) out[k++] = a[i++];
  while (j < b.length) out[k++] = b[j++];
  return out;
}

/** The first index in sorted `list` whose element is >= `key`. */
function lowerBound(list: string[], key: string): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid] < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class MatchIndex {
  // One entry per slot. A posting that changes gets a new slot at the end and its old slot is marked dead, so
  // the slot lists stay sorted; `compact` renumbers once many are dead.
  private ids: number[] = [];
  private alive: number[] = [];
  private category: number[] = [];
  /** -1: no district. */
  private district: number[] = [];
  private kind: number[] = [];
  private minors: number[] = [];
  /** NaN: unknown. */
  private latitude: number[] = [];
  private longitude: number[] = [];
  private published: number[] = [];
  // For ordering by distance without trigonometry per search: sin and cos of half the latitude and longitude,
  // and cos of the latitude, in radians (NaN: unknown).
  private sinHalfLat: number[] = [];
  private cosHalfLat: number[] = [];
  private sinHalfLng: number[] = [];
  private cosHalfLng: number[] = [];
  private cosLat: number[] = [];
  private shiftFrom: number[] = [];
  private shiftCount: number[] = [];
  // Every slot's shifts, one after the other.
  private shiftStart: number[] = [];
  private shiftFlags: number[] = [];

  private kinds: string[] = [];
  private kindIds = new Map<string, number>();
  private slotOf = new Map<number, number>();
  /** Each lexeme's slots, in increasing order (slots are only ever appended). Plain arrays: most are short. */
  private lists = new Map<string, number[]>();
  /** The lexemes sorted, for prefix terms; rebuilt when needed after a bulk load. */
  private sorted: string[] | null = null;
  /** Lexemes added since `sorted` was built, merged into it at the next prefix term. */
  private unsorted: string[] = [];
  private dead = 0;
  /** The largest category and district ids held: the facets count into arrays that long. */
  private maxCategory = 0;
  private maxDistrict = 0;

  /** How many postings it holds. */
  get size(): number {
    return this.slotOf.size;
  }

  has(id: number): boolean {
    return this.slotOf.has(id);
  }

  /** Adds a posting or replaces what it held of it. */
  upsert(p: IndexedPosting): void {
    this.remove(p.id);
    const slot = this.ids.length;
    this.slotOf.set(p.id, slot);
    this.ids.push(p.id);
    this.alive.push(1);
    this.category.push(p.categoryId);
    this.district.push(p.districtId ?? -1);
    this.maxCategory = Math.max(this.maxCategory, p.categoryId);
    this.maxDistrict = Math.max(this.maxDistrict, p.districtId ?? 0);
    let kind = this.kindIds.get(p.organisationKind);
    if (kind === undefined) {
      kind = this.kinds.length;
      this.kinds.push(p.organisationKind);
      this.kindIds.set(p.organisationKind, kind);
    }
    this.kind.push(kind);
    this.minors.push(p.welcomesMinors ? 1 : 0);
    this.latitude.push(p.latitude ?? NaN);
    this.longitude.push(p.longitude ?? NaN);
    this.published.push(p.publishedAt ?? NaN);
    const known = p.latitude !== null && p.longitude !== null;
    const lat = known ? p.latitude! * RADIANS : NaN;
    const lng = known ? p.longitude! * RADIANS : NaN;
    this.sinHalfLat.push(Math.sin(lat / 2));
    this.cosHalfLat.push(Math.cos(lat / 2));
    this.sinHalfLng.push(Math.sin(lng / 2));
    this.cosHalfLng.push(Math.cos(lng / 2));
    this.cosLat.push(Math.cos(lat));
    this.shiftFrom.push(this.shiftStart.length);
    this.shiftCount.push(p.shifts.length);
    for (const s of p.shifts) {
      this.shiftStart.push(s.startsAt);
      this.shiftFlags.push((isWeekendInTokyo(s.startsAt) ? WEEKEND : 0) | (s.placesLeft ? PLACES_LEFT : 0));
    }
    for (const lexeme of new Set(p.lexemes)) {
      let list = this.lists.get(lexeme);
      if (!list) {
        list = [];
        this.lists.set(lexeme, list);
        if (this.sorted) this.unsorted.push(lexeme);
      }
      list.push(slot);
    }
  }

  /** Forgets a posting (no longer searchable, or deleted). */
  remove(id: number): void {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return;
    this.slotOf.delete(id);
    this.alive[slot] = 0;
    this.dead++;
    if (this.dead > 1000 && this.dead * 2 > this.ids.length) this.compact();
  }

  /** Renumbers the live slots 0..size-1 and drops the dead ones from every list. */
  compact(): void {
    const renumber = new Int32Array(this.ids.length).fill(-1);
    const keep: number[] = [];
    for (let slot = 0; slot < this.ids.length; slot++) {
      if (this.alive[slot]) {
        renumber[slot] = keep.length;
        keep.push(slot);
      }
    }
    const pick = (column: number[]) => keep.map((slot) => column[slot]);
    const shiftStart: number[] = [];
    const shiftFlags: number[] = [];
    const shiftFrom: number[] = [];
    for (const slot of keep) {
      shiftFrom.push(shiftStart.length);
      for (let i = this.shiftFrom[slot], end = i + this.shiftCount[slot]; i < end; i++) {
        shiftStart.push(this.shiftStart[i]);
        shiftFlags.push(this.shiftFlags[i]);
      }
    }
    this.shiftCount = pick(this.shiftCount);
    this.shiftFrom = shiftFrom;
    this.shiftStart = shiftStart;
    this.shiftFlags = shiftFlags;
    this.ids = pick(this.ids);
    this.category = pick(this.category);
    this.district = pick(this.district);
    this.kind = pick(this.kind);
    this.minors = pick(this.minors);
    this.latitude = pick(this.latitude);
    this.longitude = pick(this.longitude);
    this.published = pick(this.published);
    this.sinHalfLat = pick(this.sinHalfLat);
    this.cosHalfLat = pick(this.cosHalfLat);
    this.sinHalfLng = pick(this.sinHalfLng);
    this.cosHalfLng = pick(this.cosHalfLng);
    this.cosLat = pick(this.cosLat);
    this.alive = keep.map(() => 1);
    for (const [lexeme, list] of this.lists) {
      let n = 0;
      for (let i = 0; i < list.length; i++) {
        const slot = renumber[list[i]];
        if (slot >= 0) list[n++] = slot;
      }
      list.length = n;
      if (n === 0) this.lists.delete(lexeme);
    }
    this.sorted = null;
    this.unsorted = [];
    this.slotOf = new Map(this.ids.map((id, slot) => [id, slot]));
    this.dead = 0;
  }

  /** The lexemes that start with `prefix`. */
  private *startingWith(prefix: string): Generator<string> {
    if (!this.sorted) {
      this.sorted = [...this.lists.keys()].sort();
      this.unsorted = [];
    } else if (this.unsorted.length) {
      this.sorted = mergeSorted(this.sorted, this.unsorted.sort());
      this.unsorted = [];
    }
    const sorted = this.sorted;
    for (let i = lowerBound(sorted, prefix); i < sorted.length && sorted[i].startsWith(prefix); i++) yield sorted[i];
  }

  /** One bit per slot: the postings that have one of the term's words. */
  private termBits(term: MatchTerm): Uint32Array {
    const bits = new Uint32Array((this.ids.length + 31) >>> 5);
    const add = (list: number[] | undefined) => {
      if (!list) return;
      for (let i = 0, n = list.length; i < n; i++) bits[list[i] >>> 5] |= 1 << (list[i] & 31);
    };
    for (const word of new Set(term.words)) {
      if (term.prefix) for (const lexeme of this.startingWith(word)) add(this.lists.get(lexeme));
      else add(this.lists.get(word));
    }
    return bits;
  }

  /** Every matching posting, with the facets counted over all of them. */
  match(query: MatchQuery): Matches {
    const capacity = this.ids.length;
    // The candidates: every slot, or those with every term's words.
    const candidates = new Int32Array(capacity);
    let candidateCount = 0;
    if (query.terms.length === 0) {
      for (let slot = 0; slot < capacity; slot++) candidates[slot] = slot;
      candidateCount = capacity;
    } else {
      let bits: Uint32Array | null = null;
      for (const term of query.terms) {
        const own = this.termBits(term);
        if (bits) for (let w = 0; w < bits.length; w++) bits[w] &= own[w];
        else bits = own;
      }
      for (let w = 0; w < bits!.length; w++) {
        let word = bits![w];
        while (word !== 0) {
          const low = word & -word;
          candidates[candidateCount++] = (w << 5) + (31 - Math.clz32(low));
          word ^= low;
        }
      }
    }

    const slots = new Int32Array(candidateCount);
    const next = new Float64Array(candidateCount);
    const categoryCounts = new Int32Array(this.maxCategory + 1);
    const districtCounts = new Int32Array(this.maxDistrict + 1);
    const kindCounts = new Int32Array(this.kinds.length);
    let weekday = 0;
    let weekend = 0;
    let minorsCount = 0;
    let count = 0;

    const categories = query.categoryIds ? new Set(query.categoryIds) : null;
    const districts = query.districtIds ? new Set(query.districtIds) : null;
    const kinds = query.organisationKinds
      ? new Set(query.organisationKinds.map((k) => this.kindIds.get(k)).filter((k): k is number => k !== undefined))
      : null;
    const { lower, dayType, placesLeft, minorsWelcome } = query;
    const upper = query.upper ?? Infinity;
    const wantWeekday = dayType === "weekday";
    const wantWeekend = dayType === "weekend";
    const { alive, category, district, kind, minors, shiftFrom, shiftCount, shiftStart, shiftFlags } = this;

    for (let c = 0; c < candidateCount; c++) {
      const slot = candidates[c];
      if (!alive[slot]) continue;
      if (categories !== null && !categories.has(category[slot])) continue;
      if (districts !== null && !districts.has(district[slot])) continue;
      if (kinds !== null && !kinds.has(kind[slot])) continue;
      const welcomes = minors[slot];
      if (minorsWelcome && !welcomes) continue;
      let first = NaN;
      let anyWeekday = false;
      let anyWeekend = false;
      let anyPlaces = false;
      for (let i = shiftFrom[slot], end = i + shiftCount[slot]; i < end; i++) {
        const start = shiftStart[i];
        if (start < lower) continue;
        if (start >= upper) break;
        if (first !== first) first = start;
        const flags = shiftFlags[i];
        if (flags & WEEKEND) anyWeekend = true;
        else anyWeekday = true;
        if (flags & PLACES_LEFT) anyPlaces = true;
      }
      if (first !== first) continue;
      if (wantWeekend && !anyWeekend) continue;
      if (wantWeekday && !anyWeekday) continue;
      if (placesLeft && !anyPlaces) continue;
      slots[count] = slot;
      next[count] = first;
      count++;
      categoryCounts[category[slot]]++;
      const d = district[slot];
      if (d >= 0) districtCounts[d]++;
      kindCounts[kind[slot]]++;
      if (anyWeekday) weekday++;
      if (anyWeekend) weekend++;
      if (welcomes) minorsCount++;
    }

    const nonZero = <K>(counts: Int32Array, key: (i: number) => K) => {
      const map = new Map<K, number>();
      counts.forEach((n, i) => n && map.set(key(i), n));
      return map;
    };
    return {
      count,
      slots,
      next,
      facets: {
        category: nonZero(categoryCounts, (id) => id),
        district: nonZero(districtCounts, (id) => id),
        organisationKind: nonZero(kindCounts, (k) => this.kinds[k]),
        weekday,
        weekend,
        minors: minorsCount,
      },
    };
  }

  /**
   * The ids of the first `limit` matches in this order: soonest (next shift, then id), newest (published, latest
   * first and unknown last, then id descending) or nearest (distance, unknown last, then next shift and id).
   */
  order(matches: Matches, order: MatchOrder, limit: number): number[] {
    const { count, slots, next } = matches;
    const ids = this.ids;
    // What each order sorts by first, as a number sorted ascending (unknown: Infinity, last); then the rest.
    const keys = new Float64Array(count);
    let compare: (a: number, b: number) => number;
    if (order.by === "soonest") {
      keys.set(next.subarray(0, count));
      compare = (a, b) => next[a] - next[b] || ids[slots[a]] - ids[slots[b]];
    } else if (order.by === "newest") {
      const published = this.published;
      for (let i = 0; i < count; i++) {
        const p = published[slots[i]];
        keys[i] = p === p ? -p : Infinity;
      }
      compare = (a, b) => keys[a] - keys[b] || ids[slots[b]] - ids[slots[a]];
    } else {
      // The haversine of the distance, which grows with it: sin²(Δlat/2) + cos lat0 cos lat sin²(Δlng/2), with
      // the sines of the half differences from the stored sines and cosines (sin(a − b) = sin a cos b − cos a sin b).
      const lat0 = order.lat * RADIANS;
      const lng0 = order.lng * RADIANS;
      const [sLat0, cLat0, sLng0, cLng0, cosLat0] = [Math.sin(lat0 / 2), Math.cos(lat0 / 2), Math.sin(lng0 / 2), Math.cos(lng0 / 2), Math.cos(lat0)];
      const { sinHalfLat, cosHalfLat, sinHalfLng, cosHalfLng, cosLat } = this;
      for (let i = 0; i < count; i++) {
        const slot = slots[i];
        const dLat = sinHalfLat[slot] * cLat0 - cosHalfLat[slot] * sLat0;
        const dLng = sinHalfLng[slot] * cLng0 - cosHalfLng[slot] * sLng0;
        const h = dLat * dLat + cosLat0 * cosLat[slot] * dLng * dLng;
        keys[i] = h === h ? h : Infinity;
      }
      compare = (a, b) => keys[a] - keys[b] || next[a] - next[b] || ids[slots[a]] - ids[slots[b]];
    }
    return firstInOrder(count, keys, compare, limit).map((i) => ids[slots[i]]);
  }
}

/**
 * The positions 0..count-1 that come first by `compare`, at most `limit` of them, in order. `compare` must
 * order by `keys` ascending first (Infinity - Infinity is NaN, which sorts as a tie). Only the positions whose
 * key is at most the limit-th smallest key are sorted.
 */
export function firstInOrder(count: number, keys: Float64Array, compare: (a: number, b: number) => number, limit: number): number[] {
  const k = Math.min(limit, count);
  if (k <= 0) return [];
  let chosen: Int32Array;
  if (k * 4 >= count) {
    chosen = new Int32Array(count);
    for (let i = 0; i < count; i++) chosen[i] = i;
  } else {
    const threshold = kthSmallest(keys.slice(0, count), k - 1);
    let n = 0;
    for (let i = 0; i < count; i++) if (keys[i] <= threshold) n++;
    chosen = new Int32Array(n);
    n = 0;
    for (let i = 0; i < count; i++) if (keys[i] <= threshold) chosen[n++] = i;
  }
  return Array.from(chosen.sort((a, b) => compare(a, b) || 0).subarray(0, k));
}

/** The value that would be at `k` if `values` were sorted ascending (quickselect; reorders `values`). */
export function kthSmallest(values: Float64Array, k: number): number {
  let lo = 0;
  let hi = values.length - 1;
  while (lo < hi) {
    // Median of three as the pivot, then a three-way partition (many keys are equal: same start times).
    const mid = (lo + hi) >>> 1;
    const a = values[lo];
    const b = values[mid];
    const c = values[hi];
    const pivot = a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
    let lt = lo;
    let gt = hi;
    let i = lo;
    while (i <= gt) {
      const v = values[i];
      if (v < pivot) {
        values[i++] = values[lt];
        values[lt++] = v;
      } else if (v > pivot) {
        values[i] = values[gt];
        values[gt--] = v;
      } else i++;
    }
    if (k < lt) hi = lt - 1;
    else if (k > gt) lo = gt + 1;
    else return pivot;
  }
  return values[lo];
}
