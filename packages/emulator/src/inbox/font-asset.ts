import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { QcloudMailError } from '@qcloudmail/core';
import { loadOnce } from './load-once.js';

/** The inbox page's Chinese font: a subset of Noto Sans CJK SC (SIL OFL 1.1, `fonts/OFL.txt`). */
export const INBOX_FONT = {
  /** The family name the page's stylesheet gives it. */
  family: 'qcloudmail Noto Sans SC',
  file: 'noto-sans-sc-gb2312-l1.woff2',
  /** Where the inbox serves it. */
  path: '/inbox/fonts/noto-sans-sc-gb2312-l1.woff2',
  /** What the subset covers (scripts/subset-font.sh): the browser fetches it only for these characters. */
  unicodeRange: 'U+3000-303F, U+4E00-9FA5, U+FF01-FF5E, U+FFE0-FFE6',
} as const;

/** The package font as an @font-face `src`. */
export const INBOX_FONT_SRC = `url("${INBOX_FONT.path}") format("woff2")`;

/**
 * An @font-face rule naming `family` for `src` (by default the package font), claiming only the subset's code
 * points: the inbox page's stylesheet and the one put in front of a message's HTML both make theirs here.
 */
export function inboxFontFace(family: string, src: string = INBOX_FONT_SRC): string {
  return `@font-face { font-family: "${family}"; src: ${src}; font-display: swap; unicode-range: ${INBOX_FONT.unicodeRange}; }`;
}

/** The font's bytes and an entity tag for conditional requests. */
export interface FontAsset {
  body: Buffer;
  etag: string;
}

// The package's fonts/ folder: from dist/index.js (or .cjs, or bin.js) one level up, from src/inbox/ two.
const CANDIDATES = [
  new URL(`../fonts/${INBOX_FONT.file}`, import.meta.url),
  new URL(`../../fonts/${INBOX_FONT.file}`, import.meta.url),
];

async function readFont(candidates: readonly URL[]): Promise<FontAsset> {
  for (const candidate of candidates) {
    try {
      const body = await readFile(candidate);
      return { body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"` };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  throw new QcloudMailError({
    code: 'CONFIGURATION',
    message: `The inbox font is missing: none of ${candidates.map((url) => fileURLToPath(url)).join(', ')}`,
  });
}

/**
 * Returns a function giving the inbox font, read from the package's `fonts/` folder once per process (about
 * 0.6 MB). A failure is not kept, so a later request tries again.
 */
export function createFontLoader(candidates: readonly URL[] = CANDIDATES): () => Promise<FontAsset> {
  return loadOnce(() => readFont(candidates));
}
