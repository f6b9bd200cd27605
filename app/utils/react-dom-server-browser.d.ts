// React's web-stream server renderer, by its explicit subpath (the types only name "react-dom/server").
declare module "react-dom/server.browser" {
  export { renderToReadableStream } from "react-dom/server";
}
