/** One instance per process, surviving module reloads in development (HMR would otherwise open a second PGlite). */
export function singleton<T>(name: string, create: () => T): T {
  const store = globalThis as unknown as { __tsunaguSingletons?: Map<string, unknown> };
  store.__tsunaguSingletons ??= new Map();
  if (!store.__tsunaguSingletons.has(name)) store.__tsunaguSingletons.set(name, create());
  return store.__tsunaguSingletons.get(name) as T;
}
