import { data } from "@remix-run/node";

/** Throws a Response with the status when the condition fails (404 for missing rows, 403 for forbidden…). */
export function invariantResponse(condition: unknown, message: string, init: { status: number }): asserts condition {
  if (!condition) throw data({ message }, init);
}

export function notFound(message = "Not found"): never {
  throw data({ message }, { status: 404 });
}

export function forbidden(message = "Forbidden"): never {
  throw data({ message }, { status: 403 });
}

/** Parses a positive integer id from a URL parameter; anything else is a 404, never a 500. */
export function requireIdParam(value: string | undefined): number {
  if (!value || !/^[1-9][0-9]{0,9}$/.test(value)) notFound();
  const id = Number(value);
  if (id > 2147483647) notFound();
  return id;
}
