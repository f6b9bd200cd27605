import { data } from "@remix-run/node";
import { toDbId } from "./zod-number";

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

/** Parses a positive integer id from a URL parameter (the shared rule, toDbId); anything else is a 404, never a 500. */
export function requireIdParam(value: string | undefined): number {
  const id = value && /^[0-9]+$/.test(value) ? toDbId(value) : null;
  if (id === null) notFound();
  return id;
}
