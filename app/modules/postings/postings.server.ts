import { sql } from "kysely";
import type { DB, Executor } from "#db/client.server";
import type { PostingStatus } from "#db/schema";
import { inTransaction, rollback } from "#db/transaction.server";
import { refreshSearchDocuments } from "#search/document.server";
import { enqueueSearchSync } from "#search/sync.server";
import { audit } from "~/utils/audit.server";
import { formatRange } from "~/utils/format";
import { afterShiftChanges, cancelPostingApplications, cancelShiftApplications, tellMeetingPointChanged } from "../applications/applications.server";
import { canPublish } from "../organisations/organisations.rules";
import { reviewAfterPostingEdit } from "../safeguarding/review.server";
import { publicationGate } from "../safeguarding/review.rules";
import { canTransition, hasUpcomingShift } from "./postings.rules";
import type { BrowseQuery, PostingInput } from "./postings.schema";
import { postingShifts, postingsWithOrganisation } from "./session-details.server";

export type PostingWriteResult =
  | { status: "ok"; id: number }
  | { status: "invalid"; field: string; message: string }
  | { status: "not-found" };

async function resolveReferences(db: Executor, input: PostingInput) {
  const category = await db.selectFrom("categories").select("id").where("id", "=", input.categoryId).where("active", "=", true).executeTakeFirst();
  if (!category) return { field: "categoryId", message: "v.choice" };
  const district = await db.selectFrom("districts").select("id").where("id", "=", input.districtId).executeTakeFirst();
  if (!district) return { field: "districtId", message: "v.choice" };
  if (input.placeId) {
    const place = await db.selectFrom("places").selectAll().where("id", "=", input.placeId).where("active", "=", true).executeTakeFirst();
    if (!place) return { field: "placeId", message: "v.choice" };
    return { place };
  }
  return { place: null };
}

/** The posting row as a form (or an import) gives it; a place from the list supplies name, address and position. */
export function postingColumns(input: PostingInput, place: { id: number; name_ja: string; address: string; latitude: number | null; longitude: number | null } | null) {
  return {
    title: input.title,
    description: input.description,
    category_id: input.categoryId,
    tags: input.tags,
    district_id: input.districtId,
    place_id: place?.id ?? null,
    place_name: place ? place.name_ja : (input.placeName ?? ""),
    place_address: place ? place.address : (input.placeAddress ?? ""),
    latitude: place ? place.latitude : (input.latitude ?? null),
    longitude: place ? place.longitude : (input.longitude ?? null),
    minimum_age: input.minimumAge ?? null,
    welcomes_minors: input.welcomesMinors,
    application_mode: input.applicationMode ?? "auto",
    what_to_bring: input.whatToBring ?? "",
    meeting_point: input.meetingPoint ?? "",
    contact_name: input.contactName,
  };
}

/** Creates a draft. The same form sent twice (same submission key) gives back the first draft. */
export async function createPosting(db: DB, organisationId: number, userId: number, input: PostingInput, ip: string): Promise<PostingWriteResult> {
  const submitted = (trx: Executor, key: string) =>
    trx.selectFrom("postings").select("id").where("submission_key", "=", key).where("organisation_id", "=", organisationId).executeTakeFirst();
  return db.transaction().execute(async (trx) => {
    if (input.submissionKey) {
      const existing = await submitted(trx, input.submissionKey);
      if (existing) return { status: "ok" as const, id: existing.id };
    }
    const refs = await resolveReferences(trx, input);
    if ("field" in refs) return { status: "invalid" as const, field: refs.field!, message: refs.message! };
    const posting = await trx
      .insertInto("postings")
      .values({ ...postingColumns(input, refs.place), organisation_id: organisationId, status: "draft", submission_key: input.submissionKey ?? null, created_by: userId })
      .onConflict((oc) => oc.column("submission_key").doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!posting) {
      // The same form sent again while the first copy was being saved: that copy committed first.
      const first = input.submissionKey ? await submitted(trx, input.submissionKey) : undefined;
      if (!first) throw new Error("submission key already used by another organisation");
      return { status: "ok" as const, id: first.id };
    }
    await trx
      .insertInto("shifts")
      .values(input.shifts.map((s) => ({ posting_id: posting.id, starts_at: s.startsAt, ends_at: s.endsAt, capacity: s.capacity })))
      .execute();
    await refreshSearchDocuments(trx, [posting.id]);
    await enqueueSearchSync(trx, [posting.id]);
    await audit(trx, { actorUserId: userId, action: "posting.created", subjectType: "posting", subjectId: posting.id, ip });
    return { status: "ok" as const, id: posting.id };
  });
}

/**
 * Saves edits. Shifts still to come are replaced by the rows sent (kept by id where given); shifts already
 * past are history and stay as they were. A cancelled posting cannot be edited.
 */
export async function updatePosting(
  db: DB,
  organisationId: number,
  postingId: number,
  userId: number,
  input: PostingInput,
  ip: string,
  origin = "",
): Promise<PostingWriteResult> {
  return inTransaction(db, async (trx) => {
    const current = await trx
      .selectFrom("postings")
      .select(["id", "status", "welcomes_minors", "safeguarding_status", "place_id", "place_name", "place_address", "latitude", "longitude", "meeting_point"])
      .where("id", "=", postingId)
      .where("organisation_id", "=", organisationId)
      .forUpdate()
      .executeTakeFirst();
    if (!current) return { status: "not-found" as const };
    if (current.status === "cancelled") return { status: "invalid" as const, field: "form", message: "posting.error.cancelledLocked" };
    const refs = await resolveReferences(trx, input);
    if ("field" in refs) return { status: "invalid" as const, field: refs.field!, message: refs.message! };
    const columns = postingColumns(input, refs.place);
    await trx.updateTable("postings").set({ ...columns, updated_at: new Date() }).where("id", "=", postingId).execute();
    const now = new Date();
    const keepIds = input.shifts.map((s) => s.id).filter((id): id is number => id !== null);
    // Shifts still to come as they are now: to refuse a capacity below the people confirmed, and to tell
    // applicants of moved or removed shifts (applications module).
    const before = await trx
      .selectFrom("shifts")
      .select(["id", "starts_at", "ends_at", "capacity", "confirmed_count"])
      .where("posting_id", "=", postingId)
      .where("starts_at", ">", now)
      .forUpdate()
      .execute();
    const beforeById = new Map(before.map((s) => [s.id, { ...s, starts_at: new Date(s.starts_at), ends_at: new Date(s.ends_at) }]));
    for (const shift of input.shifts) {
      const old = shift.id ? beforeById.get(shift.id) : undefined;
      if (old && shift.capacity < old.confirmed_count) {
        const when = formatRange(old.starts_at, old.ends_at, "ja");
        return rollback({
          status: "invalid" as const,
          field: "form",
          message: `applications.error.capacityBelowConfirmed?when=${encodeURIComponent(when)}&capacity=${shift.capacity}&count=${old.confirmed_count}`,
        });
      }
    }
    const removed = before.filter((s) => !keepIds.includes(s.id)).map((s) => s.id);
    for (const shiftId of removed) await cancelShiftApplications(trx, shiftId, origin, "");
    if (removed.length) await trx.deleteFrom("shifts").where("id", "in", removed).execute();
    const moved: { shiftId: number; previousStartsAt: Date; previousEndsAt: Date; capacityChanged: boolean }[] = [];
    const grew: number[] = [];
    let added = 0;
    for (const shift of input.shifts) {
      const old = shift.id ? beforeById.get(shift.id) : undefined;
      if (old) {
        await trx.updateTable("shifts").set({ starts_at: shift.startsAt, ends_at: shift.endsAt, capacity: shift.capacity }).where("id", "=", old.id).execute();
        const timeChanged = old.starts_at.getTime() !== shift.startsAt.getTime() || old.ends_at.getTime() !== shift.endsAt.getTime();
        if (timeChanged) moved.push({ shiftId: old.id, previousStartsAt: old.starts_at, previousEndsAt: old.ends_at, capacityChanged: old.capacity !== shift.capacity });
        if (shift.capacity > old.capacity) grew.push(old.id);
      } else {
        await trx.insertInto("shifts").values({ posting_id: postingId, starts_at: shift.startsAt, ends_at: shift.endsAt, capacity: shift.capacity }).execute();
        added++;
      }
    }
    await afterShiftChanges(trx, { moved, removed: [], grew }, origin);
    // After the sessions are saved, so the email quotes the times as they are now and reaches only who is confirmed.
    await tellMeetingPointChanged(trx, { postingId, previous: current.meeting_point, current: columns.meeting_point }, origin, now);
    // A posting that welcomes minors and was approved goes back to safeguarding review when its times, place or
    // minors flag change.
    const place = (p: { place_id: number | null; place_name: string; place_address: string; latitude: number | null; longitude: number | null }) => ({
      placeId: p.place_id,
      placeName: p.place_name,
      placeAddress: p.place_address,
      latitude: p.latitude,
      longitude: p.longitude,
    });
    await reviewAfterPostingEdit(trx, {
      postingId,
      userId,
      ip,
      origin,
      before: { welcomesMinors: current.welcomes_minors, safeguardingStatus: current.safeguarding_status, place: place(current) },
      after: { welcomesMinors: columns.welcomes_minors, place: place(columns) },
      shiftsAddedOrMoved: added > 0 || moved.length > 0,
    });
    await refreshSearchDocuments(trx, [postingId]);
    await enqueueSearchSync(trx, [postingId]);
    await audit(trx, { actorUserId: userId, action: "posting.updated", subjectType: "posting", subjectId: postingId, ip });
    return { status: "ok" as const, id: postingId };
  });
}

export type StatusIntent = "publish" | "close" | "reopen" | "cancel";
const INTENT_TARGET: Record<StatusIntent, PostingStatus> = { publish: "published", close: "closed", reopen: "published", cancel: "cancelled" };

/**
 * Moves a posting along its workflow. Publishing (and reopening) needs a verified organisation and a shift
 * still to come, checked here on the server whatever the form showed (security checklist C4).
 */
export async function changePostingStatus(
  db: DB,
  organisationId: number,
  postingId: number,
  intent: StatusIntent,
  reason: string,
  userId: number,
  ip: string,
  origin = "",
): Promise<"ok" | "not-found" | "not-allowed" | "organisation-not-verified" | "no-upcoming-shift" | "needs-review" | "suspended-by-staff"> {
  return db.transaction().execute(async (trx) => {
    const posting = await trx
      .selectFrom("postings")
      .innerJoin("organisations", "organisations.id", "postings.organisation_id")
      .select([
        "postings.id",
        "postings.status",
        "postings.welcomes_minors",
        "postings.safeguarding_status",
        "postings.published_at",
        "postings.status_reason",
        "organisations.status as organisation_status",
      ])
      .where("postings.id", "=", postingId)
      .where("postings.organisation_id", "=", organisationId)
      .forUpdate()
      .executeTakeFirst();
    if (!posting) return "not-found";
    const target = INTENT_TARGET[intent];
    if (!canTransition(posting.status, target) || (intent === "reopen" && posting.status !== "closed") || (intent === "publish" && posting.status !== "draft"))
      return "not-allowed";
    const now = new Date();
    // A posting staff suspended (after a concern) stays closed until staff lift the suspension.
    if (intent === "reopen" && posting.status_reason === "suspended_by_staff") return "suspended-by-staff";
    if (target === "published") {
      if (!canPublish(posting.organisation_status)) return "organisation-not-verified";
      const shifts = await trx.selectFrom("shifts").select("starts_at").where("posting_id", "=", postingId).execute();
      if (!hasUpcomingShift(shifts.map((s) => ({ startsAt: s.starts_at })), now)) return "no-upcoming-shift";
      // A posting that welcomes minors is first published by the approval of its safeguarding review (security checklist C4).
      const gate = publicationGate({ welcomesMinors: posting.welcomes_minors, safeguardingStatus: posting.safeguarding_status, everPublished: posting.published_at !== null });
      if (gate === "needs-review") return "needs-review";
    }
    await trx
      .updateTable("postings")
      .set({
        status: target,
        status_reason: reason,
        published_at: target === "published" ? sql`coalesce(published_at, now())` : undefined,
        closed_at: target === "closed" ? now : undefined,
        cancelled_at: target === "cancelled" ? now : undefined,
        updated_at: now,
      })
      .where("id", "=", postingId)
      .execute();
    if (target === "cancelled") await cancelPostingApplications(trx, postingId, origin, reason, now);
    await enqueueSearchSync(trx, [postingId]);
    await audit(trx, { actorUserId: userId, action: `posting.${intent}`, subjectType: "posting", subjectId: postingId, ip, details: { from: posting.status, to: target } });
    return "ok";
  });
}

export async function getOrganisationPosting(db: DB, organisationId: number, postingId: number) {
  const row = await db.selectFrom("postings").selectAll().where("id", "=", postingId).where("organisation_id", "=", organisationId).executeTakeFirst();
  if (!row) return null;
  const { search_vector: _index, ...posting } = row;
  const shifts = await db.selectFrom("shifts").selectAll().where("posting_id", "=", postingId).orderBy("starts_at").execute();
  return { ...posting, shifts };
}

export function listOrganisationPostings(db: DB, organisationId: number) {
  return db
    .selectFrom("postings")
    .select((eb) => [
      "postings.id",
      "postings.title",
      "postings.status",
      "postings.updated_at",
      eb.selectFrom("shifts").select((e) => e.fn.min("starts_at").as("s")).whereRef("shifts.posting_id", "=", "postings.id").where("starts_at", ">", new Date()).as("next_shift_at"),
    ])
    .where("organisation_id", "=", organisationId)
    .orderBy("postings.updated_at", "desc")
    .execute();
}

/** What anyone may see of a posting: published or closed (or cancelled, to say so), of an organisation not suspended. */
export async function getPublicPosting(db: DB, id: number) {
  const posting = await postingsWithOrganisation(db)
    .innerJoin("categories as c", "c.id", "p.category_id")
    .leftJoin("districts as d", "d.id", "p.district_id")
    .select([
      "p.id",
      "p.title",
      "p.description",
      "p.tags",
      "p.place_name",
      "p.place_address",
      "p.latitude",
      "p.longitude",
      "p.minimum_age",
      "p.welcomes_minors",
      "p.open_to_minors",
      "p.safeguarding_status",
      "p.what_to_bring",
      // Only whether the group gave a meeting point (the page then says confirmed people are told): the point
      // itself is read for those allowed to see it (meeting-point.server.ts), never into this shared page.
      sql<boolean>`btrim(p.meeting_point) <> ''`.as("has_meeting_point"),
      "p.contact_name",
      "p.status",
      "p.published_at",
      "p.is_demo",
      "p.application_mode",
      "o.id as organisation_id",
      "o.name as organisation_name",
      "o.kind as organisation_kind",
      "o.description as organisation_description",
      "o.is_demo as organisation_is_demo",
      "c.code as category_code",
      "c.name_ja as category_ja",
      "c.name_en as category_en",
      "d.name_ja as district_ja",
      "d.name_en as district_en",
    ])
    .where("p.id", "=", id)
    .where("p.status", "in", ["published", "closed", "cancelled"])
    .where("o.status", "=", "verified")
    .executeTakeFirst();
  if (!posting) return null;
  const shifts = await postingShifts(db, id);
  return { ...posting, shifts };
}

export const PAGE_SIZE = 12;

export interface BrowseResult {
  items: Awaited<ReturnType<typeof browseItems>>;
  total: number;
  page: number;
  pageSize: number;
}

function browseBase(db: DB, query: BrowseQuery, now: Date) {
  const from = query.from ? new Date(`${query.from}T00:00:00+09:00`) : now;
  const to = query.to ? new Date(new Date(`${query.to}T00:00:00+09:00`).getTime() + 86400_000) : null;
  let q = postingsWithOrganisation(db)
    .innerJoin("categories as c", "c.id", "p.category_id")
    .leftJoin("districts as d", "d.id", "p.district_id")
    .where("p.status", "=", "published")
    .where("o.status", "=", "verified")
    .where((eb) => {
      let shift = eb.selectFrom("shifts as s").select("s.id").whereRef("s.posting_id", "=", "p.id").where("s.starts_at", ">=", from > now ? from : now);
      if (to) shift = shift.where("s.starts_at", "<", to);
      return eb.exists(shift);
    });
  if (query.category) q = q.where("c.code", "=", query.category);
  if (query.district) q = q.where("d.code", "=", query.district);
  if (query.minors) q = q.where("p.open_to_minors", "=", true);
  return { q, from: from > now ? from : now };
}

function browseItems(db: DB, query: BrowseQuery, now: Date, limit: number, offset: number) {
  const { q, from } = browseBase(db, query, now);
  return q
    .select((eb) => [
      "p.id",
      "p.title",
      "p.place_name",
      "p.welcomes_minors",
      "p.open_to_minors",
      "p.minimum_age",
      "p.tags",
      "p.is_demo",
      "o.name as organisation_name",
      "c.code as category_code",
      "c.name_ja as category_ja",
      "c.name_en as category_en",
      "d.name_ja as district_ja",
      "d.name_en as district_en",
      eb.selectFrom("shifts as s").select((e) => e.fn.min("s.starts_at").as("m")).whereRef("s.posting_id", "=", "p.id").where("s.starts_at", ">=", from).as("next_starts_at"),
      eb
        .selectFrom("shifts as s")
        .select("s.ends_at")
        .whereRef("s.posting_id", "=", "p.id")
        .where("s.starts_at", ">=", from)
        .orderBy("s.starts_at")
        .limit(1)
        .as("next_ends_at"),
    ])
    .orderBy("next_starts_at", "asc")
    .orderBy("p.id", "asc")
    .limit(limit)
    .offset(offset)
    .execute();
}

/**
 * The public list: published postings of verified organisations with a shift to come, soonest first. The
 * search issue swaps this for the search engine behind the same query shape.
 */
export async function browsePostings(db: DB, query: BrowseQuery, now = new Date(), pageSize = PAGE_SIZE): Promise<BrowseResult> {
  const page = query.page ?? 1;
  const { q } = browseBase(db, query, now);
  const [{ total }] = await q.select(sql<number>`count(*)::int`.as("total")).execute();
  const items = await browseItems(db, query, now, pageSize, (page - 1) * pageSize);
  return { items, total, page, pageSize };
}
