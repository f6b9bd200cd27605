import { Form, useLocation } from "@remix-run/react";
import type { Locale } from "~/utils/i18n";
import { useT } from "~/utils/use-i18n";

export function LanguageSwitch() {
  const t = useT();
  const location = useLocation();
  const other: Locale = t.locale === "ja" ? "en" : "ja";
  return (
    <Form method="post" action="/language" className="inline">
      <input type="hidden" name="locale" value={other} />
      <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
      <button type="submit" className="btn-secondary min-h-11 px-3 py-1 text-sm" lang={other}>
        {other === "en" ? "English" : "日本語"}
      </button>
    </Form>
  );
}
