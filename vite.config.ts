import { vitePlugin as remix } from "@remix-run/dev";
import tailwindcss from "@tailwindcss/vite";
import path from "node:path";
import { defineConfig, type Plugin } from "vite";
import tsconfigPaths from "vite-tsconfig-paths";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

/**
 * The browser build gets app/locales/catalogues.browser.ts for app/locales/catalogues.ts: one language's
 * messages loaded on demand instead of both languages in every page's JavaScript. Server, tests and scripts
 * keep both.
 */
function browserCatalogues(): Plugin {
  const server = path.resolve("app/locales/catalogues.ts");
  const browser = path.resolve("app/locales/catalogues.browser.ts");
  return {
    name: "tsunagu:browser-catalogues",
    enforce: "pre",
    async resolveId(source, importer, options) {
      if (options?.ssr || !importer || !/(^|\/)catalogues$/.test(source)) return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      return resolved && resolved.id === server ? browser : null;
    },
  };
}

export default defineConfig({
  server: { port: Number(process.env.PORT ?? 3000) },
  plugins: [
    tailwindcss(),
    !process.env.VITEST && browserCatalogues(),
    // The Remix plugin is skipped under vitest: tests import modules directly.
    !process.env.VITEST &&
      remix({
        ignoredRouteFiles: ["**/*.test.ts", "**/*.test.tsx"],
        future: {
          v3_fetcherPersist: true,
          v3_relativeSplatPath: true,
          v3_throwAbortReason: true,
          v3_singleFetch: true,
          v3_lazyRouteDiscovery: true,
        },
      }),
    tsconfigPaths(),
  ],
  ssr: {
    // Native and WASM packages stay outside the server bundle.
    external: ["@electric-sql/pglite", "@node-rs/argon2", "postgres"],
  },
  build: { target: "es2022" },
  test: {
    include: ["app/**/*.test.{ts,tsx}", "db/**/*.test.ts", "search/**/*.test.ts", "emails/**/*.test.{ts,tsx}", "tests/integration/**/*.test.ts", "tests/server/**/*.test.ts", "tests/bench/**/*.test.ts"],
    server: { deps: { inline: ["kysely"] } },
    globalSetup: ["tests/support/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
  },
});
