import { chromium, type Browser } from 'playwright-core';

/**
 * Debian's Chromium, headless. The background-networking flags matter here: without them Chromium tries
 * Google's hosts at start, and this machine's closed network refuses them many at a time. Playwright gives
 * every launch a fresh, empty profile of its own.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
