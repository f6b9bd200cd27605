import type { Kysely } from "kysely";
import { runStatements } from "./statements";

// Full-text search inside PostgreSQL: a weighted tsvector per posting over tokens the application computes
// (Intl.Segmenter words + CJK bigrams, normalised), a vocabulary of Latin words for typo tolerance, and the
// synonym groups staff edit.
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(
    db,
    `
    alter table postings add column search_vector tsvector not null default ''::tsvector;
    create index postings_search_idx on postings using gin (search_vector);
    create index postings_published_idx on postings (published_at desc) where status = 'published';

    create table search_vocabulary (
      word text primary key,
      postings integer not null default 0
    );

    create table search_synonyms (
      id integer generated always as identity primary key,
      words text[] not null,
      updated_at timestamptz not null default now()
    );
  `,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await runStatements(
    db,
    `
    drop table if exists search_synonyms, search_vocabulary;
    drop index if exists postings_published_idx;
    drop index if exists postings_search_idx;
    alter table postings drop column if exists search_vector;
  `,
  );
}
