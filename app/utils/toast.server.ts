import { readCookie, serializeCookie } from "./session.server";

export const TOAST_COOKIE = "tsunagu_toast";

export interface Toast {
  kind: "success" | "info" | "error";
  /** A message key of the catalogues, optionally with `?var=value`. */
  message: string;
}

export function toastCookie(request: Request, toast: Toast): string {
  return serializeCookie(request, TOAST_COOKIE, Buffer.from(JSON.stringify(toast)).toString("base64url"), { maxAgeSeconds: 60 });
}

export function readToast(request: Request): Toast | null {
  const raw = readCookie(request, TOAST_COOKIE);
  if (!raw) return null;
  try {
    const value = JSON.parse(Buffer.from(raw, "base64url").toString("utf8"));
    if (value && typeof value.message === "string" && ["success", "info", "error"].includes(value.kind)) return value;
  } catch {
    // A mangled cookie is ignored.
  }
  return null;
}

export function clearToastCookie(request: Request): string {
  return serializeCookie(request, TOAST_COOKIE, "", { maxAgeSeconds: 0 });
}

/** A redirect that shows a toast on the next page. */
export function redirectWithToast(request: Request, to: string, toast: Toast, headers: HeadersInit = {}): Response {
  const h = new Headers(headers);
  h.append("Set-Cookie", toastCookie(request, toast));
  h.set("Location", to);
  return new Response(null, { status: 302, headers: h });
}
