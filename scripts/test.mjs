// `npm test`: the import check (layers, cycles), typecheck, a production build, unit + integration + server tests (PGlite, and PostgreSQL when
// DATABASE_URL or TEST_DATABASE_URL names a server), then the browser journeys in Chromium.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";

const reports = path.resolve("node_modules/.cache/tsunagu-tests");
mkdirSync(reports, { recursive: true });
const started = Date.now();
const bin = (name) => path.resolve("node_modules/.bin", name);

function run(title, command, args, env = {}) {
  console.log(`\n=== ${title} ===`);
  const t = Date.now();
  const result = spawnSync(command, args, { stdio: "inherit", env: { ...process.env, ...env } });
  const seconds = ((Date.now() - t) / 1000).toFixed(1);
  console.log(`=== ${title}: ${result.status === 0 ? "ok" : "FAILED"} (${seconds} s) ===`);
  return result.status === 0;
}

const pgUrl = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || "";
const only = process.argv[2]; // "unit" or "e2e" to run one half

let ok = true;
const counts = { passed: 0, failed: 0, skipped: 0 };

ok = run("import layers and cycles", process.execPath, ["scripts/check-imports.mjs"]) && ok;
ok = run("typecheck", bin("tsc"), ["--noEmit", "-p", "."]) && ok;
ok = run("production build", bin("remix"), ["vite:build"]) && ok;

if (!only || only === "unit") {
  const vitestJson = path.join(reports, "vitest.json");
  rmSync(vitestJson, { force: true });
  ok =
    run("unit and integration tests (vitest)", bin("vitest"), ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${vitestJson}`], {
      TEST_DATABASE_URL: pgUrl,
    }) && ok;
  if (existsSync(vitestJson)) {
    const r = JSON.parse(readFileSync(vitestJson, "utf8"));
    counts.passed += r.numPassedTests;
    counts.failed += r.numFailedTests;
    counts.skipped += r.numPendingTests + (r.numTodoTests ?? 0);
  }
  const dbs = existsSync(path.join(reports, "databases.txt")) ? readFileSync(path.join(reports, "databases.txt"), "utf8").trim() : "pglite";
  console.log(
    dbs.includes("postgres")
      ? "Integration tests ran on: PGlite and PostgreSQL"
      : "Integration tests ran on: PGlite only (PostgreSQL skipped: set DATABASE_URL to a server to include it)",
  );
}

if (!only || only === "e2e") {
  const pwJson = path.join(reports, "playwright.json");
  rmSync(pwJson, { force: true });
  // The journeys run the site on its embedded defaults (PGlite, dev mailbox), whatever this shell configures.
  ok =
    run("browser journeys (Playwright)", bin("playwright"), ["test", "--reporter=list,json"], {
      PLAYWRIGHT_JSON_OUTPUT_NAME: pwJson,
      DATABASE_URL: "",
      RESEND_API_KEY: "",
      MEILISEARCH_URL: "",
    }) && ok;
  if (existsSync(pwJson)) {
    const s = JSON.parse(readFileSync(pwJson, "utf8")).stats ?? {};
    counts.passed += (s.expected ?? 0) + (s.flaky ?? 0);
    counts.failed += s.unexpected ?? 0;
    counts.skipped += s.skipped ?? 0;
  } else ok = false;
}

console.log(`\nnpm test finished in ${((Date.now() - started) / 1000).toFixed(0)} s`);
console.log(`${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
process.exit(ok && counts.failed === 0 ? 0 : 1);
