import path from "node:path";
import { sql } from "kysely";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import type { DB } from "#db/client.server";
import { testDatabases } from "../tests/support/databases";
import { databaseForSuite } from "../tests/support/suite-database";

/*
 * db/schema.ts is written by hand, beside the migrations. This test reads it with the TypeScript compiler (each
 * table of the `Database` interface, each column's selected type) and compares it with the migrated database's
 * information_schema (tables, columns, types, nullability), so the two cannot drift apart unnoticed.
 */

/** Tables of the database that db/schema.ts does not describe: the migrator's own. */
const NOT_APPLICATION_TABLES = new Set(["kysely_migration", "kysely_migration_lock"]);

type Kind = "string" | "number" | "boolean" | "Date" | "string[]" | "number[]" | "unknown";
interface ColumnShape {
  kind: Kind;
  nullable: boolean;
}

/** What a PostgreSQL type arrives as through both drivers (dates stay 'YYYY-MM-DD' strings, see client.server). */
function kindOfDatabaseType(dataType: string, udtName: string): Kind {
  switch (dataType) {
    case "text":
    case "character varying":
    case "character":
    case "date":
    case "uuid":
    case "inet":
    case "xid8":
    case "bigint":
    case "numeric":
      return dataType === "bigint" || dataType === "numeric" ? "number" : "string";
    case "integer":
    case "smallint":
    case "real":
    case "double precision":
      return "number";
    case "boolean":
      return "boolean";
    case "timestamp with time zone":
    case "timestamp without time zone":
      return "Date";
    case "jsonb":
    case "json":
      return "unknown";
    case "ARRAY":
      return udtName === "_int4" || udtName === "_int2" || udtName === "_int8" ? "number[]" : "string[]";
    case "USER-DEFINED":
      return udtName === "citext" ? "string" : "unknown";
    default:
      return "unknown";
  }
}

/** Every table of the `Database` interface, with each column's selected type reduced to a kind and nullability. */
function describeSchemaFile(): Record<string, Record<string, ColumnShape>> {
  const root = path.resolve(import.meta.dirname, "..");
  const config = ts.readConfigFile(path.join(root, "tsconfig.json"), ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, root);
  const file = path.join(root, "db/schema.ts");
  const program = ts.createProgram([file], { ...parsed.options, noEmit: true });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(file)!;
  const database = source.statements.find((s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === "Database");
  if (!database) throw new Error("db/schema.ts has no Database interface");

  const shapeOf = (type: ts.Type): ColumnShape => {
    // Kysely's ColumnType<Select, Insert, Update> (and Generated<T>) carries the selected type in __select__.
    const select = type.getProperty("__select__");
    const selected = select ? checker.getTypeOfSymbol(select) : type;
    const parts = selected.isUnion() ? selected.types : [selected];
    const nullable = parts.some((p) => p.flags & ts.TypeFlags.Null);
    const rest = parts.filter((p) => !(p.flags & (ts.TypeFlags.Null | ts.TypeFlags.Undefined)));
    const kindOf = (p: ts.Type): Kind => {
      if (p.flags & (ts.TypeFlags.String | ts.TypeFlags.StringLiteral)) return "string";
      if (p.flags & (ts.TypeFlags.Number | ts.TypeFlags.NumberLiteral)) return "number";
      if (p.flags & (ts.TypeFlags.Boolean | ts.TypeFlags.BooleanLiteral)) return "boolean";
      if (p.flags & ts.TypeFlags.Unknown) return "unknown";
      if (checker.isArrayType(p)) {
        const element = checker.getTypeArguments(p as ts.TypeReference)[0];
        return kindOf(element) === "number" ? "number[]" : "string[]";
      }
      if (p.getSymbol()?.getName() === "Date") return "Date";
      return "unknown";
    };
    const kinds = new Set(rest.map(kindOf));
    if (kinds.size !== 1) throw new Error(`a column of mixed types: ${checker.typeToString(selected)}`);
    return { kind: [...kinds][0], nullable };
  };

  const tables: Record<string, Record<string, ColumnShape>> = {};
  for (const member of database.members) {
    if (!ts.isPropertySignature(member) || !member.type) continue;
    const tableName = (member.name as ts.Identifier).text;
    const tableType = checker.getTypeFromTypeNode(member.type);
    tables[tableName] = {};
    for (const column of checker.getPropertiesOfType(tableType)) {
      tables[tableName][column.getName()] = shapeOf(checker.getTypeOfSymbol(column));
    }
  }
  return tables;
}

async function describeDatabase(db: DB): Promise<Record<string, Record<string, ColumnShape>>> {
  const { rows } = await sql<{ table_name: string; column_name: string; data_type: string; udt_name: string; is_nullable: string }>`
    select c.table_name, c.column_name, c.data_type, c.udt_name, c.is_nullable
    from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
    where c.table_schema = current_schema() and t.table_type = 'BASE TABLE'
    order by c.table_name, c.ordinal_position`.execute(db);
  const tables: Record<string, Record<string, ColumnShape>> = {};
  for (const r of rows) {
    if (NOT_APPLICATION_TABLES.has(r.table_name)) continue;
    (tables[r.table_name] ??= {})[r.column_name] = { kind: kindOfDatabaseType(r.data_type, r.udt_name), nullable: r.is_nullable === "YES" };
  }
  return tables;
}

/** One line per difference, so a failure says exactly what drifted. */
function differences(declared: Record<string, Record<string, ColumnShape>>, migrated: Record<string, Record<string, ColumnShape>>): string[] {
  const out: string[] = [];
  for (const table of new Set([...Object.keys(declared), ...Object.keys(migrated)])) {
    if (!migrated[table]) {
      out.push(`${table}: in db/schema.ts, not in the database`);
      continue;
    }
    if (!declared[table]) {
      out.push(`${table}: in the database, not in db/schema.ts`);
      continue;
    }
    for (const column of new Set([...Object.keys(declared[table]), ...Object.keys(migrated[table])])) {
      const d = declared[table][column];
      const m = migrated[table][column];
      if (!m) out.push(`${table}.${column}: in db/schema.ts, not in the database`);
      else if (!d) out.push(`${table}.${column}: in the database, not in db/schema.ts`);
      else {
        if (d.kind !== m.kind && d.kind !== "unknown" && m.kind !== "unknown") out.push(`${table}.${column}: ${d.kind} in db/schema.ts, ${m.kind} in the database`);
        if (d.kind === "unknown" && m.kind !== "unknown") out.push(`${table}.${column}: unknown in db/schema.ts, ${m.kind} in the database`);
        if (d.nullable !== m.nullable) out.push(`${table}.${column}: ${d.nullable ? "nullable" : "not null"} in db/schema.ts, ${m.nullable ? "nullable" : "not null"} in the database`);
      }
    }
  }
  return out;
}

const declared = describeSchemaFile();

describe("db/schema.ts is read as the compiler reads it", () => {
  it("finds every table, and columns of every kind", () => {
    expect(Object.keys(declared).length).toBeGreaterThan(30);
    expect(declared.users.email).toEqual({ kind: "string", nullable: false });
    expect(declared.users.birth_date).toEqual({ kind: "string", nullable: true });
    expect(declared.users.created_at).toEqual({ kind: "Date", nullable: false });
    expect(declared.users.id).toEqual({ kind: "number", nullable: false });
  });

  it("reports a drifted column, a missing column and a missing table", () => {
    const migrated = structuredClone(declared);
    migrated.users.email = { kind: "string", nullable: true };
    migrated.users.display_name = { kind: "number", nullable: false };
    delete migrated.users.locale;
    migrated.users.extra = { kind: "string", nullable: false };
    delete migrated.districts;
    expect(differences(declared, migrated).sort()).toEqual(
      [
        "districts: in db/schema.ts, not in the database",
        "users.display_name: string in db/schema.ts, number in the database",
        "users.email: not null in db/schema.ts, nullable in the database",
        "users.extra: in the database, not in db/schema.ts",
        "users.locale: in db/schema.ts, not in the database",
      ].sort(),
    );
  });
});

describe.each(testDatabases())("db/schema.ts matches the migrated database on $name", ({ open }) => {
  let db: DB;
  databaseForSuite(open, (opened) => (db = opened));

  it("has the same tables, columns, types and nullability", async () => {
    expect(differences(declared, await describeDatabase(db))).toEqual([]);
  });
});
