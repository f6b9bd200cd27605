import type { Executor } from "#db/client.server";
import { sendEmail } from "#emails/outbox.server";
import { reachable, recipient, shiftContext, shiftProps } from "./notices.server";

/**
 * Applied inside a posting edit, after its sessions were saved: when the meeting point was set, changed or
 * removed, every person confirmed for one of the posting's sessions still to come gets one email saying where to
 * meet now (about their first such session, their other confirmed dates listed). Nobody else is told: the meeting
 * point is only for confirmed people (ADR 034), and an unchanged text sends nothing.
 */
export async function tellMeetingPointChanged(
  trx: Executor,
  change: { postingId: number; previous: string; current: string },
  origin: string,
  now = new Date(),
): Promise<number> {
  const previous = change.previous.trim();
  const current = change.current.trim();
  if (previous === current) return 0;
  const confirmed = await trx
    .selectFrom("applications as a")
    .innerJoin("shifts as s", "s.id", "a.shift_id")
    .select(["a.user_id", "s.id as shift_id", "s.starts_at", "s.ends_at"])
    .where("a.posting_id", "=", change.postingId)
    .where("a.status", "=", "confirmed")
    .where("s.starts_at", ">", now)
    .orderBy("a.user_id")
    .orderBy("s.starts_at")
    .execute();
  const byPerson = new Map<number, typeof confirmed>();
  for (const row of confirmed) byPerson.set(row.user_id, [...(byPerson.get(row.user_id) ?? []), row]);
  let sent = 0;
  for (const [userId, sessions] of byPerson) {
    const user = await recipient(trx, userId);
    const ctx = await shiftContext(trx, sessions[0].shift_id);
    if (!ctx || !reachable(user)) continue;
    const otherSessions = sessions
      .slice(1)
      .map((s) => ({ startsAt: new Date(s.starts_at).toISOString(), endsAt: new Date(s.ends_at).toISOString(), status: "confirmed" as const }));
    await sendEmail(trx, {
      template: "meeting-point-changed",
      to: user.email,
      locale: user.locale,
      props: { ...shiftProps(ctx, origin), ...(otherSessions.length ? { otherSessions } : {}), meetingPoint: current, previousMeetingPoint: previous },
    });
    sent++;
  }
  return sent;
}
