/**
 * The one way the web app talks to the server. Every response error becomes an ApiError carrying the
 * server's `{code, message, details}`; the message is already in the UI language because every request
 * says which language it wants (Accept-Language). Non-GET requests carry the CSRF token the server
 * handed out at sign-in or /api/auth/me.
 */
export type ApiLanguage = 'zh' | 'en';

export interface ApiErrorDetail {
  field?: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ApiErrorDetail[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

interface ClientState {
  csrfToken: string | null;
  language: ApiLanguage;
  /** told when the session is gone (401) or the password must be changed first (403) */
  onSessionProblem: ((error: ApiError) => void) | null;
}

const state: ClientState = { csrfToken: null, language: 'zh', onSessionProblem: null };

export function setCsrfToken(token: string | null): void {
  state.csrfToken = token;
}

export function setApiLanguage(language: ApiLanguage): void {
  state.language = language;
}

export function setSessionProblemHandler(handler: ((error: ApiError) => void) | null): void {
  state.onSessionProblem = handler;
}

export interface ApiRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  signal?: AbortSignal;
  /** sign-in answers 401 for a wrong password: that is not a lost session */
  isSessionProblemExpected?: boolean;
}

const NETWORK_MESSAGE: Record<ApiLanguage, string> = {
  zh: '无法连接服务器，请检查网络后重试',
  en: 'cannot reach the server: check the network and try again',
};

const UNEXPECTED_MESSAGE: Record<ApiLanguage, string> = {
  zh: '服务器返回了无法识别的内容',
  en: 'the server answered with something unexpected',
};

export async function apiFetch<T>(path: string, request: ApiRequest = {}): Promise<T> {
  const method = request.method ?? 'GET';
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': state.language === 'en' ? 'en-US' : 'zh-CN',
  };
  // a FormData body (a file upload) sets its own multipart content type
  const isForm = typeof FormData !== 'undefined' && request.body instanceof FormData;
  if (request.body !== undefined && !isForm) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && state.csrfToken) headers['x-csrf-token'] = state.csrfToken;

  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: request.body === undefined ? undefined : isForm ? (request.body as FormData) : JSON.stringify(request.body),
      credentials: 'same-origin',
      signal: request.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'NETWORK', NETWORK_MESSAGE[state.language]);
  }

  const text = await response.text();
  let payload: unknown = null;
  if (text) {
    try {
      payload = JSON.parse(text);
    } catch {
      payload = null;
    }
  }
  if (!response.ok) {
    const error = toApiError(response.status, payload);
    const isSessionLost = error.status === 401 && !request.isSessionProblemExpected;
    if (isSessionLost || error.code === 'PASSWORD_CHANGE_REQUIRED') state.onSessionProblem?.(error);
    throw error;
  }
  if (text && payload === null) throw new ApiError(response.status, 'UNEXPECTED', UNEXPECTED_MESSAGE[state.language]);
  return payload as T;
}

function toApiError(status: number, payload: unknown): ApiError {
  if (payload && typeof payload === 'object' && 'message' in payload) {
    const body = payload as { code?: unknown; message?: unknown; details?: unknown };
    const details = Array.isArray(body.details)
      ? body.details.filter(
          (d): d is ApiErrorDetail => !!d && typeof d === 'object' && typeof (d as ApiErrorDetail).message === 'string',
        )
      : [];
    return new ApiError(
      status,
      typeof body.code === 'string' ? body.code : `HTTP_${status}`,
      String(body.message),
      details,
    );
  }
  return new ApiError(status, `HTTP_${status}`, `HTTP ${status}`);
}

/** `?a=1&b=x` from the defined values only. */
export function queryString(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
