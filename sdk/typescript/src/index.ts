/**
 * TypeScript client of the Diaspora Engagement Platform API.
 *
 * `schema.d.ts` is generated from docs/api/platform.openapi.json by openapi-typescript
 * (`make sdk`); requests go through openapi-fetch, so every path, parameter, body and answer
 * is checked by the compiler against the API's document.
 */
import createClient, { type Client } from "openapi-fetch";
import type { components, paths, webhooks } from "./schema.js";

export type { components, paths, webhooks };
export type Schemas = components["schemas"];
export type PlatformClient = Client<paths>;

export interface ClientOptions {
  /** the bearer token to send, read before every request (sign in, then set it) */
  token?: () => string | undefined;
  /** another fetch (tests, proxies); the global one by default */
  fetch?: typeof globalThis.fetch;
}

/** A client of the API at `baseUrl` (the gateway, e.g. http://127.0.0.1:8080). */
export function createPlatformClient(baseUrl: string, options: ClientOptions = {}): PlatformClient {
  const client = createClient<paths>({ baseUrl, fetch: options.fetch });
  client.use({
    onRequest({ request }) {
      const token = options.token?.();
      if (token) request.headers.set("Authorization", `Bearer ${token}`);
      return request;
    },
  });
  return client;
}
