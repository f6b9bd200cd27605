// The one HTML renderer for pages and emails (ADR 014). React 18.3's Node renderer (renderToPipeableStream)
// sends a whole 2,048-byte buffer when a multi-byte character does not fit at its end, so NUL bytes land
// inside Japanese text (react#31134, fixed only in React 19, which Remix 2 cannot use). React's web-stream
// renderer copies bytes across buffer boundaries instead and is correct; Node 20 has the web streams it needs.
// Import React's server renderer only through this file.
export { renderToReadableStream } from "react-dom/server.browser";

/** Renders a React element to one complete HTML string (every Suspense boundary resolved). */
export async function renderToHtml(element: React.ReactElement): Promise<string> {
  const { renderToReadableStream: render } = await import("react-dom/server.browser");
  let failure: unknown;
  const stream = await render(element, {
    onError(error: unknown) {
      failure ??= error;
    },
  });
  await stream.allReady;
  const html = await new Response(stream).text();
  if (failure) throw failure;
  return html;
}
