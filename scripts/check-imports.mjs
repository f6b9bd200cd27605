// `npm run check:imports`: reads every import in app/, db/, search/, emails/ and tests/ (static, dynamic,
// `export … from`, type-only included), resolves the `~/`, `#db/`, `#search/`, `#emails/` aliases and relative
// paths, and fails on an import against the layers (docs/decisions/018-rooms-and-import-rules.md) or any cycle,
// and on a module file over 500 lines or a route (app/root.tsx too) over 250 (docs/decisions/030-file-sizes-and-written-once.md,
// docs/decisions/033-size-limits-at-the-aim.md).
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

const root = path.resolve(import.meta.dirname, "..");
const scanned = ["app", "db", "search", "emails", "tests"];
const aliases = { "~/": "app/", "#db/": "db/", "#search/": "search/", "#emails/": "emails/" };
const extensions = [".ts", ".tsx", ".mjs", ".js", ".jsx"];

/** The rules: each names the importing files, the imported files it forbids, and why. */
const rules = [
  {
    name: "db/, search/, emails/ and app/utils sit below the domain: they may not import app/modules, app/routes or app/components",
    from: /^(db|search|emails)\/|^app\/utils\//,
    to: /^app\/(modules|routes|components)\//,
  },
  {
    name: "app/modules is the domain: it may not import app/routes or app/components",
    from: /^app\/modules\//,
    to: /^app\/(routes|components)\//,
  },
  {
    name: "routes and components reach the database only through app/modules: they may not import db/",
    from: /^app\/(routes|components)\/|^app\/root\.tsx$/,
    to: /^db\//,
  },
  {
    name: "db/ is the database itself (schema, migrations, client, jobs): it imports nothing from app/ but app/vocabulary.ts, nor search/ or emails/",
    from: /^db\/(?!.*\.test\.tsx?$)/,
    to: /^app\/(?!vocabulary\.ts$)|^(search|emails)\//,
  },
  {
    name: "app/vocabulary.ts is the words every layer shares: it imports nothing from the project",
    from: /^app\/vocabulary\.ts$/,
    to: /./,
  },
];

function walk(dir, out) {
  for (const name of readdirSync(dir)) {
    if (name === "node_modules" || name.startsWith(".")) continue;
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) walk(full, out);
    else if (extensions.includes(path.extname(name)) && !name.endsWith(".d.ts")) out.push(full);
  }
  return out;
}

function resolveFile(base) {
  const candidates = [base, ...extensions.map((e) => base + e), ...extensions.map((e) => path.join(base, "index" + e))];
  // `./x.js` written for `./x.ts`
  if (/\.(m?js|jsx)$/.test(base)) candidates.push(base.replace(/\.(m?js|jsx)$/, ".ts"), base.replace(/\.(m?js|jsx)$/, ".tsx"));
  return candidates.find((c) => existsSync(c) && statSync(c).isFile()) ?? null;
}

function resolveSpecifier(spec, fromFile) {
  for (const [alias, target] of Object.entries(aliases)) {
    if (spec.startsWith(alias)) return resolveFile(path.join(root, target, spec.slice(alias.length)));
  }
  if (spec.startsWith(".")) return resolveFile(path.resolve(path.dirname(fromFile), spec));
  return null; // a package
}

const rel = (f) => path.relative(root, f).split(path.sep).join("/");
const files = scanned.filter((d) => existsSync(path.join(root, d))).flatMap((d) => walk(path.join(root, d), []));
const edges = new Map(); // file -> [{ to, line }]
const violations = [];
let importCount = 0;

for (const file of files) {
  const text = readFileSync(file, "utf8");
  const info = ts.preProcessFile(text, true, true);
  const from = rel(file);
  const list = [];
  for (const imp of info.importedFiles) {
    const target = resolveSpecifier(imp.fileName, file);
    if (!target) continue;
    importCount++;
    const to = rel(target);
    const line = text.slice(0, imp.pos).split("\n").length;
    list.push({ to, line });
    for (const rule of rules) {
      if (!rule.from.test(from) || !rule.to.test(to)) continue;
      violations.push(`${from}:${line} imports ${to}\n    rule: ${rule.name}`);
    }
  }
  edges.set(from, list);
}

// Cycles: Tarjan's strongly connected components; every component of more than one file (or a file importing
// itself) is a circle, reported with one concrete path through it.
let index = 0;
const stack = [];
const meta = new Map();
const components = [];
function strongConnect(v) {
  meta.set(v, { index, low: index, onStack: true });
  index++;
  stack.push(v);
  for (const { to } of edges.get(v) ?? []) {
    if (!edges.has(to)) continue;
    if (!meta.has(to)) {
      strongConnect(to);
      meta.get(v).low = Math.min(meta.get(v).low, meta.get(to).low);
    } else if (meta.get(to).onStack) meta.get(v).low = Math.min(meta.get(v).low, meta.get(to).index);
  }
  if (meta.get(v).low === meta.get(v).index) {
    const component = [];
    let w;
    do {
      w = stack.pop();
      meta.get(w).onStack = false;
      component.push(w);
    } while (w !== v);
    if (component.length > 1 || (edges.get(v) ?? []).some((e) => e.to === v)) components.push(component.sort());
  }
}
for (const v of [...edges.keys()].sort()) if (!meta.has(v)) strongConnect(v);

function cyclePath(component) {
  const inside = new Set(component);
  const start = component[0];
  const previous = new Map([[start, null]]);
  const queue = [start];
  while (queue.length) {
    const v = queue.shift();
    for (const e of edges.get(v) ?? []) {
      if (!inside.has(e.to)) continue;
      if (e.to === start) {
        const steps = [{ file: v, line: e.line, to: start }];
        for (let p = previous.get(v); p; p = previous.get(p.file)) steps.unshift(p);
        return steps;
      }
      if (!previous.has(e.to)) {
        previous.set(e.to, { file: v, line: e.line, to: e.to });
        queue.push(e.to);
      }
    }
  }
  return [];
}

for (const component of components) {
  const steps = cyclePath(component).map((s) => `    ${s.file}:${s.line} imports ${s.to}`);
  violations.push(`circle of ${component.length} files:\n${steps.join("\n")}\n    rule: no import cycles`);
}


// Sizes: a module file over 500 lines or a route over 250 is too big to hold in one's head. Every file is within
// these limits, so they are the limits themselves (no margin any more): a file that grows past one is split by
// use-case, its code moved unchanged (docs/decisions/033-size-limits-at-the-aim.md). Tests are not counted.
const sizeLimits = [
  { dir: /^app\/modules\//, max: 500, what: "a module file" },
  { dir: /^app\/routes\/|^app\/root\.tsx$/, max: 250, what: "a route" },
];
// Files allowed over the limit while being split (none now; a line here must say why and be removed with the split).
const oversizeAllowed = new Set([]);
let sizedFiles = 0;
for (const file of files) {
  const from = rel(file);
  const limit = sizeLimits.find((l) => l.dir.test(from));
  if (!limit || /\.test\.tsx?$/.test(from)) continue;
  sizedFiles++;
  const lines = readFileSync(file, "utf8").split("\n").length - 1;
  if (lines <= limit.max) {
    if (oversizeAllowed.has(from)) console.log(`check:imports: ${from} has ${lines} lines now: remove it from oversizeAllowed`);
    continue;
  }
  if (oversizeAllowed.has(from)) continue;
  violations.push(`${from} has ${lines} lines\n    rule: ${limit.what} has at most ${limit.max} lines: split it by use-case`);
}

if (violations.length) {
  console.error(violations.join("\n"));
  console.error(`\ncheck:imports: ${violations.length} violation(s) in ${importCount} imports of ${files.length} files`);
  process.exit(1);
}
console.log(`check:imports: ${importCount} imports of ${files.length} files follow the layers, no cycles; ${sizedFiles} module and route files within their sizes`);
