/** The page shown while the database is unreachable. Self-contained: it must render without the database. */
export function unavailablePage(): Response {
  const html = `<!doctype html>
<html lang="ja"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>ただいま混み合っています | つなぐ八幡東</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;line-height:1.8;color:#1f2937}h1{font-size:1.4rem}</style>
</head><body><main>
<h1>ただいまサービスを一時的にご利用いただけません</h1>
<p>システムの一部に接続できない状態です。入力中の内容は送信されていません。しばらくしてから、もう一度お試しください。</p>
<p lang="en">The service is temporarily unavailable. Nothing you submitted was saved. Please try again in a minute.</p>
<p><a href="/">トップページへ / Home</a></p>
</main></body></html>`;
  return new Response(html, {
    status: 503,
    headers: { "Content-Type": "text/html; charset=utf-8", "Retry-After": "30", "Cache-Control": "no-store" },
  });
}
