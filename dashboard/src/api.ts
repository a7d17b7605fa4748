// The one way the dashboard talks to central: same-origin fetch with the session cookie, the
// CSRF token on every state change, exact JSON (json.ts) and one error type carrying central's
// {"error":{"code","message","field"}}.
import { parseExactJson } from "./json";

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }

  // What to show: the code says what went wrong for support, the message says why.
  describe(): string {
    if (this.status === 0) return `Central did not answer (${this.message}). Is costgate running?`;
    if (this.status === 404 && this.code === "not_found") {
      return "This central does not serve this view yet (404: its API route is missing; upgrade costgate).";
    }
    return `${this.message} (${this.code}${this.field ? `, field ${this.field}` : ""}, HTTP ${this.status})`;
  }
}

let csrfToken = "";
let onUnauthenticated: () => void = () => {};

export function setCsrfToken(token: string): void {
  csrfToken = token;
}

// Called when a request answers 401: the session ended (expired, signed out elsewhere).
export function setUnauthenticatedHandler(handler: () => void): void {
  onUnauthenticated = handler;
}

export type Query = Record<string, string | number | undefined | readonly string[]>;

export function queryString(query: Query | undefined): string {
  if (!query) return "";
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const item of value) params.append(name, item);
    else params.append(name, String(value));
  }
  const text = params.toString();
  return text ? "?" + text : "";
}

async function errorOf(response: Response): Promise<ApiError> {
  const text = await response.text();
  try {
    const body = JSON.parse(text) as { error?: { code?: string; message?: string; field?: string } };
    if (body.error?.code) {
      return new ApiError(response.status, body.error.code, body.error.message ?? "", body.error.field);
    }
  } catch {
    // not JSON: a proxy in front of central, or an old central
  }
  return new ApiError(response.status, "http_" + response.status, text.slice(0, 200) || response.statusText);
}

export async function request<T>(
  method: string,
  path: string,
  options: { query?: Query; body?: unknown; rawBody?: string; quiet401?: boolean } = {},
): Promise<T> {
  const headers: Record<string, string> = { Accept: "application/json" };
  if (options.body !== undefined || options.rawBody !== undefined) headers["Content-Type"] = "application/json";
  if (method !== "GET" && method !== "HEAD" && csrfToken) headers["X-CSRF-Token"] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path + queryString(options.query), {
      method,
      headers,
      credentials: "same-origin",
      body: options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
    });
  } catch (error) {
    throw new ApiError(0, "network", error instanceof Error ? error.message : String(error));
  }
  if (!response.ok) {
    const error = await errorOf(response);
    if (response.status === 401 && !options.quiet401) onUnauthenticated();
    throw error;
  }
  if (response.status === 204) return undefined as T;
  return parseExactJson(await response.text()) as T;
}

export const api = {
  get: <T>(path: string, query?: Query) => request<T>("GET", path, { query }),
  post: <T>(path: string, body: unknown) => request<T>("POST", path, { body }),
  patch: <T>(path: string, body: unknown) => request<T>("PATCH", path, { body }),
  delete: <T>(path: string) => request<T>("DELETE", path),
};
