declare module "@remix-run/node" {
  interface AppLoadContext {
    /** The CSP nonce of this response. */
    nonce: string;
    /** The client's address: the socket's, or the trusted proxy's forwarded one when TRUST_PROXY is set. */
    clientIp: string;
  }
}

export {};
