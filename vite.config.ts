import { vitePlugin as remix } from "@remix-run/dev";
import tailwindcss from "@tailwindcss/vite";
import path from "node:path";
import { defineConfig, type Plugin } from "vite";
import tsconfigPaths from "vite-tsconfig-paths";
import { en } from "./app/locales/en";
import { ja } from "./app/locales/ja";
import { keysOfModule } from "./app/locales/message-use.build";

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

/**
 * In the browser build each route module (and the root) loads, before it renders, the messages its source can
 * show in the reader's language (app/locales/message-use.build.ts): a chunk per route and language,
 * `messages-<lang>-<route>`, holding what the root's does not. The route module awaits it at its top level
 * (`addMessages` in catalogues.browser.ts), so Remix has it before the route renders, on the first page as on
 * client navigation. The server build and the dev server keep the whole catalogues.
 */
function routeMessages(): Plugin {
  const catalogues = { ja, en } as Record<string, Record<string, string>>;
  const allKeys = Object.keys(ja);
  const prefix = "virtual:tsunagu-messages/";
  let root = process.cwd();
  let rootKeys: Set<string> | null = null;
  const routeFile = (id: string) => {
    const rel = path.relative(root, id.split("?", 1)[0]).split(path.sep).join("/");
    return /^app\/(root|routes\/[^/]+)\.tsx?$/.test(rel) && !/\.test\.tsx?$/.test(rel) ? rel : null;
  };
  const keysOf = (rel: string): string[] => {
    rootKeys ??= keysOfModule(root, path.join(root, "app/root.tsx"), allKeys);
    if (rel === "app/root.tsx") return [...rootKeys].sort();
    return [...keysOfModule(root, path.join(root, rel), allKeys)].filter((k) => !rootKeys!.has(k)).sort();
  };
  /** `messages-ja-routes_postings._index` for app/routes/postings._index.tsx in Japanese. */
  const chunkId = (lang: string, rel: string) => `${prefix}messages-${lang}-${rel.replace(/^app\//, "").replace(/\.tsx?$/, "").replace(/[^\w.-]/g, "_")}.js`;
  const chunks = new Map<string, { lang: string; rel: string }>();
  return {
    name: "tsunagu:route-messages",
    apply: "build",
    config(_config, { isSsrBuild }) {
      if (isSsrBuild) return;
      // The language layer every page's code uses is one chunk, not five of a few hundred bytes each (each file
      // is compressed on its own, so each costs its own header and dictionary).
      return {
        build: {
          rollupOptions: {
            output: {
              manualChunks: (id: string) => (/\/app\/(locales\/catalogues\.browser|utils\/(use-i18n|translate|i18n|format))\.ts$/.test(id) ? "i18n" : undefined),
            },
          },
        },
      };
    },
    configResolved(config) {
      root = config.root;
    },
    buildStart() {
      rootKeys = null;
    },
    resolveId(source) {
      return chunks.has(source) ? `\0${source}` : null;
    },
    load(id) {
      const chunk = id.startsWith("\0") ? chunks.get(id.slice(1)) : undefined;
      if (!chunk) return null;
      const messages: Record<string, string> = {};
      for (const key of keysOf(chunk.rel)) messages[key] = catalogues[chunk.lang][key];
      return `export default ${JSON.stringify(messages)};`;
    },
    transform(code, id, options) {
      if (options?.ssr || id.includes("?")) return null;
      const rel = routeFile(id);
      if (!rel || keysOf(rel).length === 0) return null;
      // Emitted chunks named by a file URL, not by an import of a string: Vite would wrap that in its preload
      // helper (a chunk of its own on every page) for chunks that import nothing.
      const loaders = Object.keys(catalogues).map((lang) => {
        const target = chunkId(lang, rel);
        chunks.set(target, { lang, rel });
        const ref = this.emitFile({ type: "chunk", id: target, name: target.slice(prefix.length, -".js".length) });
        return `${lang}: () => import(/* @vite-ignore */ import.meta.ROLLUP_FILE_URL_${ref})`;
      });
      return {
        code: `${code}\nimport { addMessages as __addMessages } from "~/locales/catalogues";\nawait __addMessages({ ${loaders.join(", ")} });\n`,
        map: null,
      };
    },
  };
}

export default defineConfig({
  server: { port: Number(process.env.PORT ?? 3000) },
  plugins: [
    tailwindcss(),
    !process.env.VITEST && browserCatalogues(),
    !process.env.VITEST && routeMessages(),
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
