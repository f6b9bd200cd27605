import { data } from "@remix-run/node";

/**
 * The one place a request body becomes form fields (ADR 020). Every action reads its form through
 * readFormData(), never request.formData() (a test keeps it so), which answers a client's mistakes with a 4xx
 * instead of "Failed to parse body as FormData" (a 500):
 * - only the two encodings an HTML form sends are accepted: application/x-www-form-urlencoded, and
 *   multipart/form-data with a boundary; JSON, text, XML or no Content-Type → 415, a multipart body without a
 *   boundary or that does not parse → 400;
 * - at most MAX_FORM_BYTES (1 MB, far above the largest form: 2,000-character texts) → 413;
 * - control characters other than tab, line feed and carriage return are removed from every name and value
 *   (NUL would make PostgreSQL refuse the text; the others are invisible and never typed on purpose);
 * - file parts are dropped: only the CSV imports (the seat board's and the parks') take a file, through
 *   readFormDataWithFile.
 */
export const MAX_FORM_BYTES = 1024 * 1024;

/** C0 controls except \t \n \r, DEL, and the C1 controls. */
export const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;

export function stripControlCharacters(value: string): string {
  return value.replace(CONTROL_CHARACTERS, "");
}

function refuse(status: 400 | 413 | 415, message: string): never {
  // After a 413 the rest of the body is not read, so the connection cannot carry another request: say so.
  throw data({ message }, { status, headers: { "Cache-Control": "no-store", ...(status === 413 ? { Connection: "close" } : {}) } });
}

export async function readFormData(request: Request): Promise<FormData> {
  return cleanFields(await parseBody(request));
}

/**
 * The one form that takes a file (a CSV to import): the fields as readFormData gives them, and the named file
 * part's bytes (null when none was chosen). Same encodings and size limit.
 */
export async function readFormDataWithFile(request: Request, fileField: string): Promise<{ form: FormData; file: Uint8Array | null }> {
  const parsed = await parseBody(request);
  const part = parsed.get(fileField);
  const file = part && typeof part !== "string" && part.size > 0 ? new Uint8Array(await part.arrayBuffer()) : null;
  return { form: cleanFields(parsed), file };
}

async function parseBody(request: Request): Promise<FormData> {
  const contentType = request.headers.get("content-type") ?? "";
  const mediaType = contentType.split(";")[0].trim().toLowerCase();
  const multipart = mediaType === "multipart/form-data";
  if (mediaType !== "application/x-www-form-urlencoded" && !multipart) refuse(415, "Send the form as application/x-www-form-urlencoded or multipart/form-data");
  if (multipart && !/;\s*boundary=("?)[^";]{1,70}\1/i.test(contentType)) refuse(400, "A multipart form needs a boundary");

  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > MAX_FORM_BYTES) refuse(413, "The form is too large");
  const bytes = await readLimited(request);

  let parsed: FormData;
  if (multipart) {
    try {
      parsed = await new Response(new Blob([bytes as BlobPart]), { headers: { "Content-Type": contentType } }).formData();
    } catch {
      refuse(400, "The form could not be read");
    }
  } else {
    parsed = new FormData();
    for (const [name, value] of new URLSearchParams(new TextDecoder().decode(bytes))) parsed.append(name, value);
  }
  return parsed;
}

function cleanFields(parsed: FormData): FormData {
  const clean = new FormData();
  for (const [name, value] of parsed) {
    if (typeof value === "string") clean.append(stripControlCharacters(name), stripControlCharacters(value));
  }
  return clean;
}

async function readLimited(request: Request): Promise<Uint8Array<ArrayBuffer>> {
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > MAX_FORM_BYTES) {
        await reader.cancel().catch(() => {});
        refuse(413, "The form is too large");
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof Response || (error && typeof error === "object" && "init" in error)) throw error;
    refuse(400, "The form could not be read");
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}
