import { useRootData } from "./root-data";

export function SiteToast() {
  const root = useRootData();
  if (!root?.toast) return null;
  const colour = root.toast.kind === "error" ? "border-red-700 bg-red-50 text-red-900" : "border-brand-600 bg-brand-50 text-brand-800";
  return (
    <div role="status" className={`mx-auto mt-4 w-full max-w-5xl rounded-lg border-l-4 px-4 py-3 ${colour}`}>
      {root.toast.message}
    </div>
  );
}
