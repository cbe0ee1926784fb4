import { timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { signRegistryToken, type TokenAccess } from './token-jwt.js';

/**
 * The lab's token server for the token-authenticated registry (127.0.0.1:5001), run as its own detached
 * process by auth-registry.ts: `node --import tsx token-server.ts CONFIG`. It does what Docker Hub's and
 * GitLab's do in the bearer-token flow: Basic credentials (or an OAuth2 refresh token) in, a short-lived
 * JWT granting the requested repository actions out; no credentials get an anonymous token granting
 * nothing, so the registry then refuses, as a private repository on a real registry does.
 */
export interface TokenServerConfig {
  host: string;
  port: number;
  issuer: string;
  service: string;
  keyFile: string;
  certFile: string;
  user: string;
  passwordFile: string;
  refreshTokenFile: string;
  lifetimeSeconds: number;
}

const MAX_FORM_BYTES = 64 * 1024;

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** `repository:parity/app:pull,push` → the access entry; the name may hold colons (a host:port). */
function parseScope(scope: string): TokenAccess | null {
  const first = scope.indexOf(':');
  const last = scope.lastIndexOf(':');
  if (first < 0 || last <= first) return null;
  return {
    type: scope.slice(0, first),
    name: scope.slice(first + 1, last),
    actions: scope
      .slice(last + 1)
      .split(',')
      .filter(Boolean),
  };
}

function basicCredentials(req: IncomingMessage): { user: string; password: string } | null {
  const header = req.headers.authorization ?? '';
  if (!header.toLowerCase().startsWith('basic ')) return null;
  const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? null : { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
      if (body.length > MAX_FORM_BYTES) req.destroy(new Error('form too large'));
    });
    req.on('end', () => resolve(new URLSearchParams(body)));
    req.on('error', reject);
  });
}

function answer(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

function refuse(res: ServerResponse, message: string): void {
  answer(res, 401, { errors: [{ code: 'UNAUTHORIZED', message }] });
}

export function startTokenServer(config: TokenServerConfig): ReturnType<typeof createServer> {
  const key = readFileSync(config.keyFile, 'utf8');
  const cert = readFileSync(config.certFile, 'utf8');
  const password = readFileSync(config.passwordFile, 'utf8').trim();
  const refreshToken = readFileSync(config.refreshTokenFile, 'utf8').trim();

  const issue = (subject: string, scopes: readonly string[], granted: boolean): Record<string, unknown> => {
    const access = granted
      ? scopes.map(parseScope).filter((entry): entry is TokenAccess => entry !== null)
      : [];
    const token = signRegistryToken(
      {
        issuer: config.issuer,
        audience: config.service,
        subject,
        access,
        lifetimeSeconds: config.lifetimeSeconds,
      },
      key,
      cert,
    );
    return {
      token,
      access_token: token,
      expires_in: config.lifetimeSeconds,
      issued_at: new Date().toISOString(),
    };
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', `http://${config.host}:${config.port}`);
    if (url.pathname === '/healthz') {
      answer(res, 200, { ok: true });
      return;
    }
    if (url.pathname !== '/token') {
      answer(res, 404, { errors: [{ code: 'NOT_FOUND', message: url.pathname }] });
      return;
    }
    if (req.method === 'POST') {
      // The OAuth2 flow Docker uses with identity tokens (refresh tokens) and for logins.
      const form = await readForm(req);
      const scopes = form
        .getAll('scope')
        .flatMap((scope) => scope.split(' '))
        .filter(Boolean);
      if (form.get('service') !== config.service) return answer(res, 400, { error: 'invalid_request' });
      const grant = form.get('grant_type');
      const ok =
        grant === 'refresh_token'
          ? sameSecret(form.get('refresh_token') ?? '', refreshToken)
          : grant === 'password'
            ? form.get('username') === config.user && sameSecret(form.get('password') ?? '', password)
            : false;
      if (!ok) return answer(res, 401, { error: 'invalid_grant' });
      const issued = issue(config.user, scopes, true);
      answer(res, 200, { ...issued, ...(grant === 'password' ? { refresh_token: refreshToken } : {}) });
      return;
    }
    if (req.method !== 'GET') return answer(res, 405, { errors: [{ code: 'UNSUPPORTED' }] });
    if (url.searchParams.get('service') !== config.service) {
      return answer(res, 400, { errors: [{ code: 'DENIED', message: 'unknown service' }] });
    }
    const scopes = url.searchParams.getAll('scope');
    const credentials = basicCredentials(req);
    if (credentials === null) return answer(res, 200, issue('', scopes, false));
    if (credentials.user !== config.user || !sameSecret(credentials.password, password)) {
      return refuse(res, 'wrong user name or password');
    }
    answer(res, 200, issue(credentials.user, scopes, true));
  };

  const server = createServer((req, res) => {
    const started = Date.now();
    res.on('finish', () =>
      // Never the Authorization header: only who asked for what, and the answer.
      console.log(
        `${new Date().toISOString()} ${req.method ?? '?'} ${(req.url ?? '').split('?')[0] ?? ''} ` +
          `${res.statusCode} ${basicCredentials(req)?.user ?? 'anonymous'} ${Date.now() - started}ms`,
      ),
    );
    handle(req, res).catch((error: unknown) => {
      console.error(`token server: ${error instanceof Error ? error.message : String(error)}`);
      if (!res.headersSent) answer(res, 500, { errors: [{ code: 'INTERNAL' }] });
    });
  });
  server.listen(config.port, config.host);
  return server;
}

const configFile = process.argv[2];
if (configFile !== undefined && process.argv[1]?.endsWith('token-server.ts')) {
  const config = JSON.parse(readFileSync(configFile, 'utf8')) as TokenServerConfig;
  const server = startTokenServer(config);
  server.on('listening', () => console.log(`token server: listening on ${config.host}:${config.port}`));
  const stop = (): void => {
    server.close(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
