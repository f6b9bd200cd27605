import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { loadCatalogue } from "./locales/catalogues";

// Only the page's language is loaded (its messages are a chunk of their own); the page hydrates once it is in.
void loadCatalogue(document.documentElement.lang === "en" ? "en" : "ja").then(() =>
  startTransition(() => {
    hydrateRoot(
      document,
      <StrictMode>
        <RemixBrowser />
      </StrictMode>,
    );
  }),
);
