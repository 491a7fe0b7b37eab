/** A small HTTP client for the local runtime, as curl would use it. */
export interface Reply<T = Record<string, unknown>> {
  status: number;
  contentType: string;
  /** `X-Content-Type-Options: nosniff`, which every response must carry. */
  nosniff: boolean;
  body: T;
  text: string;
  headers: Headers;
}

export const client = (baseUrl: string) => {
  const call = async <T = Record<string, unknown>>(
    method: string,
    path: string,
    options: { body?: unknown; raw?: string; headers?: Record<string, string> } = {},
  ): Promise<Reply<T>> => {
    const hasBody = options.body !== undefined || options.raw !== undefined;
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { ...(hasBody && { 'content-type': 'application/json' }), ...options.headers },
      ...(hasBody && { body: options.raw ?? JSON.stringify(options.body) }),
    });
    const text = await response.text();
    let body: unknown = undefined;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = text;
    }
    return {
      status: response.status,
      contentType: response.headers.get('content-type') ?? '',
      nosniff: response.headers.get('x-content-type-options') === 'nosniff',
      body: body as T,
      text,
      headers: response.headers,
    };
  };
  return call;
};

/**
 * Asks until `done`, and answers the last value either way (the test asserts on it). The wait only
 * costs time when the awaited thing is late: it is generous, so that a loaded CI machine is not
 * mistaken for a bug, and well within the test's own timeout.
 */
export const until = async <T>(probe: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 10_000): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
};
