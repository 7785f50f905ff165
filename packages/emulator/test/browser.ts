import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';
import { listenOnLoopback } from './loopback-server.js';

/** Debian's chromium package; CI installs it, a developer machine may not have it. */
export const CHROMIUM = '/usr/bin/chromium';
export const HAS_CHROMIUM = existsSync(CHROMIUM);
export const IN_CI = process.env.CI === 'true';

/** Launches headless Chromium with nothing that reaches the network on its own. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    timeout: 15_000,
    args: [
      '--headless',
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

/** A stand-in for a remote image host: it answers a 1x1 GIF and records every path asked for. */
export async function startImageHost(): Promise<{ url: string; hits: string[]; close(): Promise<void> }> {
  const hits: string[] = [];
  const gif = Buffer.from('R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==', 'base64');
  const { url, close } = await listenOnLoopback((request, response) => {
    hits.push(request.url ?? '');
    response.writeHead(200, { 'content-type': 'image/gif', 'content-length': gif.length });
    response.end(gif);
  });
  return { url, hits, close };
}
