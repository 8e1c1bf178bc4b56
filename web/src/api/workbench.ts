import { ApiError, NETWORK_ERROR } from './client.ts';

export { ApiError };

/** A query string value: lists go comma-separated, empty values are left out. */
export type QueryValue = string | number | boolean | null | undefined | readonly (string | number)[];
export type Query = Record<string, QueryValue>;

/** `/api/cases` + `{ view: 'inbox', status: ['received'] }` → `/api/cases?view=inbox&status=received`. */
export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) {
      if (value.length > 0) params.set(key, value.join(','));
    } else params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}${path.includes('?') ? '&' : '?'}${text}` : path;
}

/**
 * The workbench's one way to the server: same-origin cookies, JSON both ways, the UI language as
 * Accept-Language, the session's CSRF token on every change, and every failure an ApiError whose
 * message the server has already written in the user's language.
 */
export class Client {
  csrfToken: string | null = null;

  constructor(
    private readonly language: () => string,
    private readonly fetchImpl?: typeof fetch,
  ) {}

  get<T>(path: string, query?: Query): Promise<T> {
    return this.send<T>('GET', withQuery(path, query));
  }

  post<T>(path: string, body: unknown = {}, headers?: Record<string, string>): Promise<T> {
    return this.send<T>('POST', path, body, headers);
  }

  patch<T>(path: string, body: unknown): Promise<T> {
    return this.send<T>('PATCH', path, body);
  }

  put<T>(path: string, body: unknown): Promise<T> {
    return this.send<T>('PUT', path, body);
  }

  delete<T>(path: string): Promise<T> {
    return this.send<T>('DELETE', path);
  }

  /** Uploads files as multipart/form-data (attachments). */
  upload<T>(path: string, files: File[], field = 'file'): Promise<T> {
    const form = new FormData();
    for (const file of files) form.append(field, file, file.name);
    return this.send<T>('POST', path, form);
  }

  async send<T>(
    method: string,
    path: string,
    body?: unknown,
    extraHeaders?: Record<string, string>,
  ): Promise<T> {
    const headers: Record<string, string> = {
      Accept: 'application/json',
      'Accept-Language': this.language(),
      ...extraHeaders,
    };
    const isForm = typeof FormData !== 'undefined' && body instanceof FormData;
    if (body !== undefined && !isForm) headers['Content-Type'] = 'application/json';
    if (method !== 'GET' && this.csrfToken) headers['X-CSRF-Token'] = this.csrfToken;
    let response: Response;
    try {
      response = await (this.fetchImpl ?? fetch)(path, {
        method,
        headers,
        credentials: 'same-origin',
        body: body === undefined ? undefined : isForm ? (body as FormData) : JSON.stringify(body),
      });
    } catch (cause) {
      throw new ApiError(0, NETWORK_ERROR, cause instanceof Error ? cause.message : String(cause));
    }
    const text = await response.text();
    let payload: unknown;
    try {
      payload = text ? JSON.parse(text) : undefined;
    } catch {
      payload = undefined;
    }
    if (!response.ok) {
      const error = (payload as { error?: { code?: unknown; message?: unknown; details?: unknown } })?.error;
      if (error && typeof error.code === 'string' && typeof error.message === 'string')
        throw new ApiError(response.status, error.code, error.message, error.details);
      throw new ApiError(response.status, `http.${response.status}`, response.statusText);
    }
    return payload as T;
  }
}

/** Field errors of a 400 as `{ 'body.phone': message }`, for putting under form fields. */
export function fieldErrors(error: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!(error instanceof ApiError) || !Array.isArray(error.details)) return out;
  for (const d of error.details as { path?: unknown; message?: unknown }[]) {
    if (typeof d.path === 'string' && typeof d.message === 'string') out[d.path] = d.message;
  }
  return out;
}
