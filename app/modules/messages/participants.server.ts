import { sql } from "kysely";

/**
 * Whether a listed participant of a thread (thread_participants) reads it now. Being listed is not enough: the
 * listing records who was added, and access is decided again on every read, write, list and unread count from
 * what is true now (docs/decisions/015-access-sessions-and-records.md):
 *
 * - a school coordinator reads a minor's thread only while they are a member of a verified (not suspended) high
 *   school whose setting lets coordinators read minors' threads, and the thread's volunteer is an approved
 *   student of that school. A coordinator who left the school, a school suspended, a setting turned off, a
 *   student who left the school: the thread is closed to them from that moment;
 * - ward staff read only while their account is staff or admin;
 * - a guardian follows the thread as listed.
 *
 * `tp` and `t` are the aliases of thread_participants and message_threads in the surrounding query.
 */
export function participantReadsNow(tp = "tp", t = "t") {
  return sql<boolean>`(
    (${sql.ref(`${tp}.role`)} = 'guardian')
    or (${sql.ref(`${tp}.role`)} = 'staff' and exists (
      select 1 from users su where su.id = ${sql.ref(`${tp}.user_id`)} and su.role in ('staff', 'admin')
        and su.disabled_at is null and su.deleted_at is null))
    or (${sql.ref(`${tp}.role`)} = 'coordinator' and exists (
      select 1 from memberships cm
      join organisations cs on cs.id = cm.organisation_id
      join school_settings css on css.organisation_id = cs.id
      join school_affiliations csa on csa.organisation_id = cs.id
      join users cu on cu.id = cm.user_id
      where cm.user_id = ${sql.ref(`${tp}.user_id`)}
        and csa.user_id = ${sql.ref(`${t}.volunteer_user_id`)}
        and cs.kind = 'high_school' and cs.status = 'verified'
        and css.coordinator_reads_minor_threads
        and csa.status = 'approved'
        and cu.disabled_at is null and cu.deleted_at is null)))`;
}
