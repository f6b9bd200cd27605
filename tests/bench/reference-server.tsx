import http from "node:http";
import { renderToString } from "react-dom/server";

/**
 * The page benchmark's yardstick (tests/bench/pages-bench.ts): a bare React renderToString server of 20
 * posting cards, with no database, no router and no framework. What a page of this site can approach at best
 * on the same machine in the same run.
 */
const cards = Array.from({ length: 20 }, (_, i) => ({
  id: i + 1,
  title: `八幡東区の公園清掃ボランティア その${i + 1}`,
  organisation: "（デモ）高見公園愛護会",
  snippet: "地域の公園を住民の手で守る活動です。草取りや花壇の手入れを一緒にしませんか。道具は愛護会で用意します。",
  category: "公園・緑化",
  district: "高見",
  when: "2026年12月12日(土) 9:00–11:00",
  place: "高見中央公園",
}));

function Page() {
  return (
    <html lang="ja">
      <head>
        <meta charSet="utf-8" />
        <title>ボランティアを探す | つなぐ八幡東</title>
      </head>
      <body>
        <main>
          <h1>ボランティアを探す</h1>
          <ul>
            {cards.map((c) => (
              <li key={c.id} className="card flex flex-col gap-2">
                <div className="flex flex-wrap gap-1">
                  <span className="badge bg-brand-50 text-brand-800">{c.category}</span>
                  <span className="badge bg-stone-100 text-stone-800">{c.district}</span>
                </div>
                <h3 className="text-lg font-bold leading-snug">
                  <a href={`/postings/${c.id}`}>{c.title}</a>
                </h3>
                <p className="text-sm text-stone-700">{c.organisation}</p>
                <p className="text-sm text-stone-800">{c.snippet}</p>
                <p className="text-sm">
                  <span className="font-semibold">次回: </span>
                  {c.when}
                </p>
                <p className="text-sm">
                  <span className="font-semibold">場所: </span>
                  {c.place}
                </p>
              </li>
            ))}
          </ul>
        </main>
      </body>
    </html>
  );
}

const server = http.createServer((_req, res) => {
  const html = `<!DOCTYPE html>${renderToString(<Page />)}`;
  res.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Content-Length": Buffer.byteLength(html) });
  res.end(html);
});
server.listen(Number(process.env.PORT ?? 0), "127.0.0.1", () => {
  const address = server.address();
  console.log(`reference listening on ${typeof address === "object" && address ? address.port : ""}`);
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));
