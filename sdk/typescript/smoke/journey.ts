/**
 * Smoke journey of the TypeScript SDK against a running platform (tests/journeys/test_client_developer.py
 * runs it): register, verify the email (the token arrives on stdin: the test reads the email
 * the platform sent), sign in, search the Learn repository, contribute a resource.
 *
 *   PLATFORM_URL=http://127.0.0.1:8080 JOURNEY_EMAIL=... node dist/smoke/journey.js
 *
 * Prints one JSON line per step; exits non-zero at the first step the API refuses.
 */
import { randomUUID } from "node:crypto";
import { createInterface } from "node:readline";
import { createPlatformClient } from "../src/index.js";

const baseUrl = process.env.PLATFORM_URL ?? "http://127.0.0.1:8080";
const email = process.env.JOURNEY_EMAIL ?? `ts-${randomUUID().slice(0, 8)}@example.org`;
const password = "a long enough TypeScript passphrase";
let token: string | undefined;
const api = createPlatformClient(baseUrl, { token: () => token });

function step(name: string, detail: Record<string, unknown>): void {
  console.log(JSON.stringify({ step: name, ...detail }));
}

function fail(name: string, status: number, error: unknown): never {
  console.log(JSON.stringify({ step: name, failed: status, error }));
  process.exit(1);
}

async function nextLine(): Promise<string> {
  const lines = createInterface({ input: process.stdin });
  for await (const line of lines) {
    lines.close();
    return line.trim();
  }
  throw new Error("stdin closed before the verification token came");
}

const registered = await api.POST("/v1/auth/register", {
  body: { email, password, display_name: "Tala from TypeScript", locale: "en" },
});
if (!registered.data) fail("register", registered.response.status, registered.error);
step("registered", { account_id: registered.data.account_id });

const verificationToken = await nextLine();
const verified = await api.POST("/v1/auth/verify-email", { body: { token: verificationToken } });
if (verified.error) fail("verify", verified.response.status, verified.error);
step("verified", {});

const signedIn = await api.POST("/v1/auth/login", { body: { email, password } });
if (!signedIn.data) fail("sign in", signedIn.response.status, signedIn.error);
token = signedIn.data.access_token;
step("signed in", { expires_in: signedIn.data.expires_in });

const found = await api.GET("/v1/resources", { params: { query: { q: "diaspora", limit: 5 } } });
if (!found.data) fail("search", found.response.status, found.error);
step("searched", { items: found.data.items.length });

const contributed = await api.POST("/v1/resources", {
  body: {
    kind: "toolkit",
    language: "en",
    title: "Investing back home: a TypeScript SDK toolkit",
    summary: "Contributed by the SDK smoke journey.",
  },
  params: { header: { "Idempotency-Key": randomUUID() } },
});
if (!contributed.data) fail("contribute", contributed.response.status, contributed.error);
step("contributed", {
  id: contributed.data.id,
  status: contributed.data.status,
  location: contributed.response.headers.get("location"),
});
