import type { Executor } from "#db/client.server";

/**
 * A session (shift) with its posting and the organisation running it: what every email about a session quotes
 * and every page about one heads with. Written once here for applications, check-in and the thank-you after it.
 */
export interface ShiftContext {
  shift_id: number;
  starts_at: Date;
  ends_at: Date;
  posting_id: number;
  posting_title: string;
  place_name: string;
  what_to_bring: string;
  /** Where confirmed people meet: only the emails to a confirmed person carry it. */
  meeting_point: string;
  contact_name: string;
  organisation_id: number;
  organisation_name: string;
}

/** Postings with the organisation that runs them (`p`, `o`): the join every posting-with-its-group load starts from. */
export function postingsWithOrganisation(db: Executor) {
  return db.selectFrom("postings as p").innerJoin("organisations as o", "o.id", "p.organisation_id");
}

export async function shiftContext(db: Executor, shiftId: number): Promise<ShiftContext | undefined> {
  const row = await postingsWithOrganisation(db)
    .innerJoin("shifts as s", "s.posting_id", "p.id")
    .select([
      "s.id as shift_id",
      "s.starts_at",
      "s.ends_at",
      "p.id as posting_id",
      "p.title as posting_title",
      "p.place_name",
      "p.what_to_bring",
      "p.meeting_point",
      "p.contact_name",
      "o.id as organisation_id",
      "o.name as organisation_name",
    ])
    .where("s.id", "=", shiftId)
    .executeTakeFirst();
  return row ? { ...row, starts_at: new Date(row.starts_at), ends_at: new Date(row.ends_at) } : undefined;
}

/**
 * A posting's shifts in time order with their places (capacity, confirmed so far); with `after`, only those that
 * start later. Written once for the posting page, its applicants and the people suggested for it.
 */
export function postingShifts(db: Executor, postingId: number, options: { after?: Date } = {}) {
  let query = db.selectFrom("shifts").select(["id", "starts_at", "ends_at", "capacity", "confirmed_count"]).where("posting_id", "=", postingId);
  if (options.after) query = query.where("starts_at", ">", options.after);
  return query.orderBy("starts_at").orderBy("id").execute();
}
