import { sql, type Kysely } from "kysely";

/**
 * Runs a block of DDL one statement at a time. PGlite's extended protocol takes one statement per query,
 * so the block (without its comment lines) is split before each statement keyword that starts a line.
 */
export async function runStatements(db: Kysely<any>, block: string): Promise<void> {
  const statements = block
    .replace(/^\s*--.*$/gm, "")
    .split(/;\s*\n(?=\s*(?:create|drop|alter|insert|update|comment)\b)/i)
    .map((s) => s.trim().replace(/;\s*$/, ""))
    .filter((s) => s.length > 0);
  for (const statement of statements) {
    await sql.raw(statement).execute(db);
  }
}
