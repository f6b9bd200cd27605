/**
 * Which message keys each route can show, found in its source at build time (not shipped to the browser).
 *
 * The browser build gives every route module the messages of its own source graph — the route file and every
 * project file it imports, the loader's and action's server modules included, since what they return (form
 * errors, labels) is shown by the page — in the reader's language, as a chunk loaded before the route renders
 * (vite.config.ts, catalogues.browser.ts). The root's set is loaded on every page; a route's chunk holds only
 * what the root's does not. The server always renders with the whole catalogue.
 *
 * A key counts as used when the source has
 * - a string equal to the key (or to the key followed by `?var=value`, how schemas and actions carry messages);
 * - a template literal whose fixed start (with a dot) begins keys (`category.${slug}` counts every `category.…` key);
 * - a string with a dot that is the start of keys up to a further dot (`"error.404"` for `${key}.title`).
 * The walk covers app/, search/ and db/ (search/ checks a search's words); not app/locales/ (the catalogues
 * themselves), emails/ or packages.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

const EXTENSIONS = [".ts", ".tsx", ".js", ".jsx", ".mjs"];

function resolveFile(base: string): string | null {
  const candidates = [base, ...EXTENSIONS.map((e) => base + e), ...EXTENSIONS.map((e) => path.join(base, "index" + e))];
  return candidates.find((c) => existsSync(c) && statSync(c).isFile()) ?? null;
}

const ALIASES: [string, string][] = [
  ["~/", "app"],
  ["#search/", "search"],
  ["#db/", "db"],
];

/**
 * The project file an import names, or null for packages, assets, tests, the catalogues and emails (an email's
 * words are never part of a page).
 */
function resolveImport(root: string, spec: string, from: string): string | null {
  const clean = spec.split("?")[0];
  let file: string | null = null;
  const alias = ALIASES.find(([a]) => clean.startsWith(a));
  if (alias) file = resolveFile(path.join(root, alias[1], clean.slice(alias[0].length)));
  else if (clean.startsWith(".")) file = resolveFile(path.resolve(path.dirname(from), clean));
  if (!file) return null;
  const rel = path.relative(root, file).split(path.sep).join("/");
  if (!/^(app|search|db)\//.test(rel) || rel.startsWith("app/locales/") || /\.test\.tsx?$/.test(rel)) return null;
  return file;
}

interface FileFacts {
  imports: string[];
  /** Whole strings (literals and templates without substitutions). */
  strings: string[];
  /** The fixed start of template literals with substitutions. */
  prefixes: string[];
}

const factsCache = new Map<string, { mtime: number; facts: FileFacts }>();

function factsOf(root: string, file: string): FileFacts {
  const mtime = statSync(file).mtimeMs;
  const cached = factsCache.get(file);
  if (cached && cached.mtime === mtime) return cached.facts;
  const text = readFileSync(file, "utf8");
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, file.endsWith("x") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const facts: FileFacts = { imports: [], strings: [], prefixes: [] };
  const addImport = (spec: ts.Expression | undefined) => {
    if (!spec || !ts.isStringLiteralLike(spec)) return;
    const target = resolveImport(root, spec.text, file);
    if (target) facts.imports.push(target);
  };
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node)) {
      if (!node.importClause?.isTypeOnly) addImport(node.moduleSpecifier);
      return;
    }
    if (ts.isExportDeclaration(node)) {
      if (!node.isTypeOnly) addImport(node.moduleSpecifier);
      return;
    }
    if (ts.isImportTypeNode(node)) return;
    if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) addImport(node.arguments[0]);
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) facts.strings.push(node.text);
    // Every key has a dot: a fixed start without one (`a${id}`, a form field's name) names no key.
    if (ts.isTemplateExpression(node) && node.head.text.includes(".")) facts.prefixes.push(node.head.text);
    ts.forEachChild(node, visit);
  };
  visit(source);
  factsCache.set(file, { mtime, facts });
  return facts;
}

/** Every project file a module reaches through its (non-type) imports, itself included. */
export function sourceGraph(root: string, entry: string): string[] {
  const seen = new Set<string>();
  const stack = [path.resolve(entry)];
  while (stack.length) {
    const file = stack.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const next of factsOf(root, file).imports) if (!seen.has(next)) stack.push(next);
  }
  return [...seen];
}

/** The keys (of `allKeys`) the source of these files can name, by the rules above. */
export function keysNamedIn(root: string, files: string[], allKeys: readonly string[]): Set<string> {
  const keySet = new Set(allKeys);
  const sorted = [...allKeys].sort();
  const withPrefix = (prefix: string): string[] => {
    // binary search for the first key >= prefix, then walk while they share it
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid] < prefix) lo = mid + 1;
      else hi = mid;
    }
    const out: string[] = [];
    for (let i = lo; i < sorted.length && sorted[i].startsWith(prefix); i++) out.push(sorted[i]);
    return out;
  };
  const used = new Set<string>();
  for (const file of files) {
    const facts = factsOf(root, file);
    for (const s of facts.strings) {
      const key = s.split("?", 1)[0];
      if (keySet.has(key)) used.add(key);
      if (key.includes(".") && !key.endsWith(".")) for (const k of withPrefix(key + ".")) used.add(k);
    }
    for (const p of facts.prefixes) for (const k of withPrefix(p)) used.add(k);
  }
  return used;
}

/** The keys a route module (or the root) can show: those named anywhere in its source graph. */
export function keysOfModule(root: string, entry: string, allKeys: readonly string[]): Set<string> {
  return keysNamedIn(root, sourceGraph(root, entry), allKeys);
}
