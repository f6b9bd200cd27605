import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { isLocale } from "~/utils/i18n";
import { LOCALE_COOKIE } from "~/utils/locale.server";
import { safeRedirect } from "~/utils/safe-redirect";
import { serializeCookie } from "~/utils/session.server";
import { readFormData } from "~/utils/form-body.server";

export async function loader() {
  return redirect("/");
}

/** Remembers the chosen language for a year and goes back to the page the person was on. */
export async function action({ request }: ActionFunctionArgs) {
  const formData = await readFormData(request);
  const locale = formData.get("locale");
  const to = safeRedirect(formData.get("redirectTo"));
  if (!isLocale(locale)) return redirect(to);
  return redirect(to, { headers: { "Set-Cookie": serializeCookie(request, LOCALE_COOKIE, locale, { maxAgeSeconds: 365 * 86400 }) } });
}
