declare module "@remix-run/node" {
  interface AppLoadContext {
    /** The CSP nonce of this response. */
    nonce: string;
    /** The client's address: the socket's, or or the one the proxies trusted by TRUST_PROXY forwarded. */
    clientIp: string;
    /** The address of the connection itself, whatever proxies say (decides what only this machine may see). */
    socketIp: string;
    /** Render the whole page before sending any of it (a page shared between visitors, ADR 028). */
    wholePage?: boolean;
  }
}

export {};
