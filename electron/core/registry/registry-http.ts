import { ParityError } from '../parity-error';

export interface HttpAnswer {
  status: number;
  headers: Headers;
  body: Buffer;
}

export interface HttpRequest {
  method: 'GET' | 'HEAD' | 'POST';
  headers: Record<string, string>;
  body?: string;
  /** The whole exchange, headers and body; a registry that stalls mid-body is as stuck as one that never answers. */
  timeoutMs: number;
  /** Bodies above this are refused: a manifest is at most 4 MiB by the distribution spec. */
  maxBytes: number;
  /** The user's Ctrl-C: aborts with the signal's own reason, so callers can tell it from a timeout. */
  signal?: AbortSignal | undefined;
}

/** Injectable so unit tests can answer like a registry without a socket. */
export type HttpFetch = (url: string, init: RequestInit) => Promise<Response>;

/**
 * One bounded HTTP exchange with a registry or its token server. Every failure that is not a status code
 * (nothing listening, DNS, TLS, a timeout, an oversized body) becomes an 'engine-error' ParityError that
 * names the host, so the CLI exits 3 with a sentence instead of "fetch failed".
 */
export async function registryHttp(
  url: string,
  request: HttpRequest,
  fetchImpl: HttpFetch = fetch,
): Promise<HttpAnswer> {
  const timeout = AbortSignal.timeout(request.timeoutMs);
  const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
  const host = new URL(url).host;
  try {
    const response = await fetchImpl(url, {
      method: request.method,
      headers: request.headers,
      ...(request.body === undefined ? {} : { body: request.body }),
      signal,
      redirect: 'follow',
    });
    const body =
      request.method === 'HEAD' ? Buffer.alloc(0) : await readCapped(response, request.maxBytes, url);
    return { status: response.status, headers: response.headers, body };
  } catch (error) {
    if (request.signal?.aborted) throw request.signal.reason;
    if (error instanceof ParityError) throw error;
    if (timeout.aborted) {
      throw new ParityError(
        'engine-error',
        `${host} did not answer ${request.method} ${new URL(url).pathname} within ${request.timeoutMs / 1000}s.`,
        `Check the network path to ${host} (VPN, proxy), then run again.`,
      );
    }
    throw new ParityError(
      'engine-error',
      `Cannot reach ${host}: ${describeNetworkError(error)}.`,
      reachHint(host),
      {
        cause: error,
      },
    );
  }
}

async function readCapped(response: Response, maxBytes: number, url: string): Promise<Buffer> {
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > maxBytes) {
    await response.body?.cancel();
    throw tooLarge(url, maxBytes);
  }
  if (response.body === null) return Buffer.alloc(0);
  const chunks: Buffer[] = [];
  let total = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw tooLarge(url, maxBytes);
    }
    chunks.push(Buffer.from(value));
  }
  return Buffer.concat(chunks);
}

function tooLarge(url: string, maxBytes: number): ParityError {
  return new ParityError(
    'engine-error',
    `${url} answered with more than ${Math.round(maxBytes / 1024)} KiB, more than any manifest or token; Parity stopped reading.`,
    'Check that the registry address in parity.yml points at a container registry.',
  );
}

/** Node's fetch hides the reason in error.cause; a person needs "connection refused", not "fetch failed". */
function describeNetworkError(error: unknown): string {
  const cause =
    error instanceof Error ? (error.cause as { code?: string; message?: string } | undefined) : undefined;
  switch (cause?.code) {
    case 'ECONNREFUSED':
      return 'connection refused (nothing listens there)';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'the host name does not resolve';
    case 'ECONNRESET':
      return 'the connection was reset';
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return 'no route to the host';
    default:
      if (cause?.code?.startsWith('ERR_TLS') || cause?.code?.includes('CERT'))
        return `TLS failed (${cause.code}); is it a plain-http registry that needs listing as insecure?`;
      return cause?.message ?? (error instanceof Error ? error.message : String(error));
  }
}

function reachHint(host: string): string {
  return host.startsWith('127.0.0.1:') || host.startsWith('localhost:')
    ? `Start the registry on ${host} (the lab: npm run lab:up), then run again.`
    : `Check that ${host} is the right registry and that this machine reaches it (VPN, proxy), then run again.`;
}
