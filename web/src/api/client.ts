/** The one error shape the server answers with: `{ error: { code, message, details? } }`. */
export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

/** A failed call: the server's error code and its message (already in the caller's language). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Status 0: the server could not be reached at all. */
export const NETWORK_ERROR = 'network.unreachable';

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  /** Echoed in X-CSRF-Token; the server requires it on changes made with a session. */
  csrfToken?: string | null;
}

export type Requester = <T>(path: string, options?: RequestOptions) => Promise<T>;

/**
 * A fetch wrapper that speaks the server's conventions: same-origin cookies, JSON both ways,
 * Accept-Language from the UI's current language, and every failure thrown as an ApiError.
 */
export function createRequester(language: () => string, fetchImpl?: typeof fetch): Requester {
  return async <T>(path: string, options: RequestOptions = {}): Promise<T> => {
    const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': language() };
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    if (options.csrfToken) headers['X-CSRF-Token'] = options.csrfToken;

    let response: Response;
    try {
      // The global is looked up per call, so a test can replace fetch at the network boundary.
      response = await (fetchImpl ?? fetch)(path, {
        method: options.method ?? 'GET',
        headers,
        credentials: 'same-origin',
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
      });
    } catch (cause) {
      throw new ApiError(0, NETWORK_ERROR, cause instanceof Error ? cause.message : String(cause));
    }

    const payload = await readJson(response);
    if (!response.ok) {
      if (isErrorBody(payload)) {
        const { code, message, details } = payload.error;
        throw new ApiError(response.status, code, message, details);
      }
      throw new ApiError(response.status, `http.${response.status}`, response.statusText);
    }
    return payload as T;
  };
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isErrorBody(value: unknown): value is ErrorBody {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const error = (value as { error: unknown }).error;
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { code?: unknown }).code === 'string' &&
    typeof (error as { message?: unknown }).message === 'string'
  );
}
