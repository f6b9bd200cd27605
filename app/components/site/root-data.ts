import { useRouteLoaderData } from "@remix-run/react";
import type { loader } from "~/root";

/** The root loader's data (user, locale, counts), for the header, footer and error page. */
export function useRootData() {
  return useRouteLoaderData<typeof loader>("root");
}
