import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ja } from "./ja";
import { keysOfModule, sourceGraph } from "./message-use.build";

const KEYS = ["a.one", "a.two", "b.x.title", "b.x.body", "b.y.title", "c.kind.big", "c.kind.small", "d.only", "e.typeOnly", "f.catalogue", "ax.field"];

describe("which messages a route's source can show", () => {
  const root = mkdtempSync(path.join(os.tmpdir(), "message-use-"));
  const write = (rel: string, text: string) => {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), text);
  };
  write(
    "app/routes/page.tsx",
    [
      'import { helper } from "~/components/helper";',
      'import type { Only } from "~/components/types-only";',
      'import { ignored } from "~/locales/parts/x";',
      'export default function Page() { return t("a.one") + t(`c.kind.${size}`) + t.message("a.two?max=3") + helper; }',
      'const status = ok ? "b.x" : "b.y"; t(`${status}.title`); const field = `a${id}`;',
    ].join("\n"),
  );
  write("app/components/helper.ts", 'export const helper = "d.only";');
  write("app/components/types-only.ts", 'export type Only = "never.loaded"; export const x = "e.typeOnly";');
  write("app/locales/parts/x.ts", 'export const ignored = { "f.catalogue": "…" };');
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("follows the project's imports (not type-only ones, nor the catalogues themselves)", () => {
    const files = sourceGraph(root, path.join(root, "app/routes/page.tsx")).map((f) => path.relative(root, f));
    expect(files.sort()).toEqual(["app/components/helper.ts", "app/routes/page.tsx"]);
  });

  it("counts exact keys, keys with variables, template prefixes with a dot and dotted starts of keys", () => {
    const used = keysOfModule(root, path.join(root, "app/routes/page.tsx"), KEYS);
    expect([...used].sort()).toEqual(["a.one", "a.two", "b.x.body", "b.x.title", "b.y.title", "c.kind.big", "c.kind.small", "d.only"]);
  });

  it("finds the home page's and the root's own messages in the real source", () => {
    const all = Object.keys(ja);
    const rootKeys = keysOfModule(process.cwd(), path.resolve("app/root.tsx"), all);
    for (const k of ["nav.skip", "site.name", "error.404.title", "error.404.body", "footer.about"]) expect(rootKeys.has(k), k).toBe(true);
    const home = keysOfModule(process.cwd(), path.resolve("app/routes/_index.tsx"), all);
    expect(home.has("home.heading")).toBe(true);
    // Far from all of it: the point of the split.
    expect(rootKeys.size + home.size).toBeLessThan(all.length / 4);
  });
});
