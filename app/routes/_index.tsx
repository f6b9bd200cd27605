import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Recommendations } from "~/components/recommendations";
import { EmptyState, PostingCard } from "~/components/ui";
import { browseLists } from "~/modules/catalogue/browse-lists.server";
import { browsePostings } from "~/modules/postings/postings.server";
import { loadRecommendationsSection } from "~/modules/recommendations/recommend.server";
import { getUser } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { getLocale } from "~/utils/locale.server";
import { pick } from "~/utils/pick";
import { translate } from "~/utils/translate";
import { useT } from "~/utils/use-i18n";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.title ?? "つなぐ八幡東" },
  { name: "description", content: data?.description ?? "" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const db = getDb();
  const locale = getLocale(request);
  const user = await getUser(request);
  const [upcoming, categories, recommendations] = await Promise.all([
    browsePostings(db, {}, new Date(), 6),
    browseLists(db).then((lists) => lists.categories),
    // Signed-in volunteers see postings chosen for them first; everyone else the page as it was.
    user ? loadRecommendationsSection(db, user, locale) : null,
  ]);
  return {
    recommendations,
    upcoming: upcoming.items,
    total: upcoming.total,
    categories,
    title: translate(locale, "home.metaTitle"),
    description: translate(locale, "home.metaDescription"),
  };
}

export default function Home() {
  const { upcoming, total, categories, recommendations } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div className="space-y-10">
      <section className="rounded-2xl bg-brand-700 px-6 py-10 text-white">
        <h1 className="text-3xl font-bold sm:text-4xl">{t("home.heading")}</h1>
        <p className="mt-3 max-w-2xl text-lg">{t("home.lead")}</p>
        <form method="get" action="/postings" className="mt-6 flex flex-wrap gap-2" role="search">
          <label htmlFor="home-category" className="sr-only">
            {t("browse.category")}
          </label>
          <select id="home-category" name="category" className="input max-w-xs text-stone-900">
            <option value="">{t("browse.allCategories")}</option>
            {categories.map((c) => (
              <option key={c.id} value={c.code}>
                {pick(t.locale, c.name_ja, c.name_en)}
              </option>
            ))}
          </select>
          <button type="submit" className="btn-secondary">
            {t("home.find")}
          </button>
        </form>
        <p className="mt-4">
          <Link to="/organisations/new" className="text-white underline hover:text-brand-100">
            {t("home.groupCta")}
          </Link>
        </p>
      </section>

      {recommendations ? <Recommendations section={recommendations} /> : null}

      <section aria-labelledby="upcoming">
        <div className="mb-3 flex items-end justify-between">
          <h2 id="upcoming">{t("home.upcoming")}</h2>
          <Link to="/postings">{t("home.seeAll", { count: total })}</Link>
        </div>
        {upcoming.length ? (
          <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
            {upcoming.map((p) => (
              <PostingCard key={p.id} posting={p} />
            ))}
          </ul>
        ) : (
          <EmptyState title={t("home.empty")} />
        )}
      </section>

      <section aria-labelledby="categories">
        <h2 id="categories" className="mb-3">
          {t("home.byCategory")}
        </h2>
        <ul className="grid grid-cols-2 gap-2 sm:grid-cols-5">
          {categories.map((c) => (
            <li key={c.id}>
              <Link to={`/postings?category=${c.code}`} className="card block text-center font-semibold no-underline">
                {pick(t.locale, c.name_ja, c.name_en)}
              </Link>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="how" className="grid gap-4 sm:grid-cols-3">
        <h2 id="how" className="sr-only">
          {t("home.howTitle")}
        </h2>
        <div className="card">
          <h3 className="font-bold">{t("home.forStudents")}</h3>
          <p className="mt-1 text-stone-700">{t("home.forStudentsBody")}</p>
        </div>
        <div className="card">
          <h3 className="font-bold">{t("home.forGroups")}</h3>
          <p className="mt-1 text-stone-700">{t("home.forGroupsBody")}</p>
        </div>
        <div className="card">
          <h3 className="font-bold">{t("home.safety")}</h3>
          <p className="mt-1 text-stone-700">{t("home.safetyBody")}</p>
        </div>
      </section>
    </div>
  );
}
