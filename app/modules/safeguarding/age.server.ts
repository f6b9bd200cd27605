import { sql, type RawBuilder } from "kysely";

/**
 * SQL that is true when a person born on `birthDate` (a date column, possibly null) is under `age` on the
 * calendar day of `instant` in Tokyo — the SQL form of ageOn (minors.rules.ts) for queries over many people.
 * A missing birth date is never under age.
 */
export function underAgeOn(birthDate: RawBuilder<unknown>, instant: RawBuilder<unknown>, age: number): RawBuilder<boolean> {
  return sql<boolean>`(${birthDate} is not null
    and ${birthDate} > ((${instant} at time zone 'Asia/Tokyo')::date - make_interval(years => ${age}::int))::date)`;
}
