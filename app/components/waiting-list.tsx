import { Link } from "@remix-run/react";
import type { WaitingItem } from "~/modules/home/waiting.items";
import { useT } from "~/utils/use-i18n";

/**
 * What waits, as a list of links with their counts: on each role's home. An item with something waiting stands
 * out; an item at zero stays, so that the person sees it was checked.
 */
export function WaitingList({ items, testId }: { items: WaitingItem[]; testId?: string }) {
  const t = useT();
  return (
    <ul className="divide-y divide-stone-200" data-testid={testId}>
      {items.map((item) => (
        <li key={item.label + item.to} className="flex items-center justify-between gap-3 py-2">
          <Link to={item.to} className={item.count ? "font-semibold" : "text-stone-700"}>
            {t(item.label)}
          </Link>
          <span
            className={`badge shrink-0 ${item.count ? "bg-red-100 text-red-800" : "bg-stone-100 text-stone-700"}`}
            data-testid="waiting-count"
          >
            {t(item.unit === "people" ? "home.people" : "home.count", { count: item.count })}
          </span>
        </li>
      ))}
    </ul>
  );
}
