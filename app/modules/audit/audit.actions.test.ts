import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { en } from "~/locales/en";
import { ja } from "~/locales/ja";
import { translate } from "~/utils/translate";
import { AUDIT_ACTIONS, AUDIT_SUBJECT_KINDS } from "./audit.actions";
import { actionLabel, readableDetails, subjectLabel } from "./audit.labels";

const ROOTS = ["app", "search", "db", "emails"];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === "node_modules" ? [] : sourceFiles(full);
    return /\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name) ? [full] : [];
  });
}

/** Every action an audit(...) call in the code can write: literal ones, and the choices of a templated or conditional one. */
function writtenActions(): { literal: string[]; templates: string[] } {
  const literal = new Set<string>();
  const templates = new Set<string>();
  for (const file of ROOTS.flatMap(sourceFiles)) {
    const text = readFileSync(file, "utf8");
    for (const call of text.matchAll(/audit\(\s*\w+,\s*\{[\s\S]{0,400}?action:\s*([^,\n]+(?:\?[^:\n]+:[^,\n]+)?)/g)) {
      // In `cond === "x" ? "a" : "b"` only the choices are actions.
      const expr = call[1].includes("?") ? call[1].slice(call[1].indexOf("?")) : call[1];
      for (const m of expr.matchAll(/"([a-z0-9_.]+)"/g)) literal.add(m[1]);
      for (const m of expr.matchAll(/`([^`]+)`/g)) templates.add(m[1]);
    }
  }
  return { literal: [...literal], templates: [...templates] };
}

describe("the audit log speaks in words", () => {
  const listed = new Set<string>(AUDIT_ACTIONS);

  it("every action the code writes is listed, so it has a label", () => {
    const { literal, templates } = writtenActions();
    expect(literal.length).toBeGreaterThan(40);
    expect(literal.filter((a) => !listed.has(a))).toEqual([]);
    // A templated action (`posting.${intent}`): at least one listed action fits each template.
    for (const template of templates) {
      const pattern = new RegExp(`^${template.replace(/[.]/g, "\\.").replace(/\$\{[^}]+\}/g, "[a-z_]+")}$`);
      expect(AUDIT_ACTIONS.some((a) => pattern.test(a)), template).toBe(true);
    }
  });

  it("every listed action and kind of subject has a Japanese and an English label", () => {
    for (const action of AUDIT_ACTIONS) {
      expect(ja[`audit.code.${action}` as keyof typeof ja], action).toBeTruthy();
      expect(en[`audit.code.${action}` as keyof typeof en], action).toBeTruthy();
      expect(actionLabel((k, v) => translate("ja", k, v), action)).not.toContain(action);
    }
    for (const kind of AUDIT_SUBJECT_KINDS) expect(ja[`audit.subjectKind.${kind}` as keyof typeof ja], kind).toBeTruthy();
  });

  it("details read as label and value, in either language, and an unknown action says it is one", () => {
    const t = (k: Parameters<typeof translate>[1], v?: Record<string, string | number>) => translate("ja", k, v);
    expect(readableDetails(t, JSON.stringify({ from: "draft", to: "published", applicationIds: [3, 4], standing: false }))).toEqual([
      { label: "変更前", value: "draft" },
      { label: "変更後", value: "published" },
      { label: "申し込みの番号", value: "3、4" },
      { label: "年度を通しての同意", value: "いいえ" },
    ]);
    expect(readableDetails(t, "{}")).toEqual([]);
    const tEn = (k: Parameters<typeof translate>[1], v?: Record<string, string | number>) => translate("en", k, v);
    expect(readableDetails(tEn, JSON.stringify({ changes: { title: "a" } }))).toEqual([{ label: "What changed", value: "title: a" }]);
    expect(subjectLabel(t, "posting", "12")).toBe("募集 12");
    expect(actionLabel(t, "something.new")).toBe("記録の種類（something.new）");
  });
});
