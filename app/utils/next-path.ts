import { safeRedirect } from "./safe-redirect";

/**
 * Where a person was going when they had to sign up or sign in (a posting, say), kept through sign-up, the email
 * verification link and sign-in. Only a same-site path passes (the open-redirect guard); anything else is "".
 */
export function nextPath(value: FormDataEntryValue | string | null | undefined): string {
  return safeRedirect(value, "");
}

/** `path` with the next step as a query parameter, when there is one. */
export function withNext(path: string, next: string, param = "redirectTo"): string {
  const safe = nextPath(next);
  if (!safe) return path;
  return `${path}${path.includes("?") ? "&" : "?"}${param}=${encodeURIComponent(safe)}`;
}
