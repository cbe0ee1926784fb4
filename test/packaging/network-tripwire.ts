import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Loaded into electron-builder's Node processes (and their Node children) with NODE_OPTIONS=--require: any
 * connection or name lookup beyond loopback and local sockets is refused and written down, so a packaging run
 * that tries to download Electron, a tool or an update notice fails the test instead of quietly fetching.
 */
const TRIPWIRE = String.raw`
'use strict';
const fs = require('node:fs');
const net = require('node:net');
const dns = require('node:dns');
const log = process.env.PARITY_TRIPWIRE_LOG;
const local = (host) => !host || host === 'localhost' || host === '::1' || /^127\./.test(host);
const record = (what) => {
  fs.appendFileSync(log, process.pid + ' ' + what + '\n');
  return new Error('network blocked by the packaging test: ' + what);
};
const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  const list = Array.isArray(args[0]) ? args[0] : args;
  const first = list[0];
  const options = typeof first === 'object' && first !== null ? first
    : typeof first === 'number' || /^[0-9]+$/.test(String(first)) ? { port: first, host: list[1] }
    : { path: first };
  // Port 9 on loopback is the refusing proxy below: reaching for it is reaching for the network.
  if (!options.path && (!local(options.host) || Number(options.port) === 9)) {
    const error = record('connect ' + options.host + ':' + options.port);
    process.nextTick(() => this.destroy(error));
    return this;
  }
  return connect.apply(this, args);
};
const lookup = dns.lookup;
dns.lookup = function (host, ...rest) {
  if (local(host)) return lookup.call(this, host, ...rest);
  const callback = rest[rest.length - 1];
  const error = record('lookup ' + host);
  process.nextTick(() => callback(Object.assign(error, { code: 'ENOTFOUND' })));
  return {};
};
const lookupPromise = dns.promises.lookup;
dns.promises.lookup = function (host, ...rest) {
  return local(host) ? lookupPromise.call(this, host, ...rest) : Promise.reject(record('lookup ' + host));
};
`;

export interface Tripwire {
  /** Environment for the child: the preload, its log, and proxies that refuse for non-Node tools. */
  env: Record<string, string>;
  /** Everything that tried to reach the network, one line each. */
  attempts(): Promise<string[]>;
}

export async function writeTripwire(folder: string): Promise<Tripwire> {
  const preload = join(folder, 'network-tripwire.cjs');
  const log = join(folder, 'network-attempts.log');
  await writeFile(preload, TRIPWIRE);
  await writeFile(log, '');
  // Tools that are not Node (electron-builder's Go helper) honour proxies: point them at a closed loopback port.
  const refuse = 'http://127.0.0.1:9';
  return {
    env: {
      NODE_OPTIONS: `${process.env['NODE_OPTIONS'] ?? ''} --require ${JSON.stringify(preload)}`.trim(),
      PARITY_TRIPWIRE_LOG: log,
      HTTP_PROXY: refuse,
      HTTPS_PROXY: refuse,
      ALL_PROXY: refuse,
      http_proxy: refuse,
      https_proxy: refuse,
      NO_PROXY: '',
      no_proxy: '',
    },
    attempts: async () => (await readFile(log, 'utf8')).split('\n').filter(Boolean),
  };
}
