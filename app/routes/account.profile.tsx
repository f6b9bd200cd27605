import { redirect } from "@remix-run/node";

/** The volunteer profile is part of My account; this address leads to its section. */
export function loader() {
  return redirect("/account#volunteer");
}
