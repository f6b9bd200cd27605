import { useRouteLoaderData } from "@remix-run/react";
import type { Locale } from "~/utils/i18n";

/**
 * What the root loader gives every page (app/root.tsx builds it and checks it against this): the reader's language,
 * a toast, the demo and email notices, the signed-in person with their groups and what waits for them.
 */
export interface SiteRootData {
  locale: Locale;
  /** Already in the reader's words: a toast's key may belong to any route's messages, which the browser may not hold. */
  toast: { kind: "success" | "info" | "error"; message: string } | null;
  demoMode: boolean;
  emailUnsent: boolean;
  user: { id: number; displayName: string; isStaff: boolean; isAdmin: boolean; home: string } | null;
  organisations: { id: number; name: string; status: string; role: string }[];
  unreadMessages: number;
  waitingCount: number;
}

/** The root loader's data, for the header, footer and error page. */
export function useRootData(): SiteRootData | undefined {
  return useRouteLoaderData("root") as SiteRootData | undefined;
}
