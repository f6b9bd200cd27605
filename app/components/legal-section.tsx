import type { ReactNode } from "react";

/** A headed section of a page of plain text (terms, privacy notice, contact, the page for groups). */
export function TextSection({ id, title, children }: { id: string; title: ReactNode; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="card space-y-2">
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}
