import { useRouteLoaderData } from "@remix-run/react";
import { useMemo } from "react";
import { DEFAULT_LOCALE, type Locale } from "./i18n";
import { translate, translateMessage, type MessageKey, type Vars } from "./translate";

export function useLocale(): Locale {
  const data = useRouteLoaderData("root") as { locale?: Locale } | undefined;
  return data?.locale ?? DEFAULT_LOCALE;
}

export function useT() {
  const locale = useLocale();
  return useMemo(() => {
    const t = (key: MessageKey, vars?: Vars) => translate(locale, key, vars);
    return Object.assign(t, { message: (m: string) => translateMessage(locale, m), locale });
  }, [locale]);
}
