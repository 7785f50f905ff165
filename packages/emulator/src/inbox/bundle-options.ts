/**
 * How the inbox page's TypeScript modules (`page/`) become one classic browser script: the build (tsup.config.ts)
 * and the on-demand bundling from sources (script-bundle.ts) both use these, so they produce the same script.
 */
export const INBOX_BUNDLE_OPTIONS = {
  format: 'iife',
  platform: 'browser',
  target: 'es2020',
  charset: 'utf8',
  legalComments: 'none',
} as const;

/** The file name of the page's script in the built package, beside the module that serves it (`dist/`). */
export const INBOX_BUNDLE_FILE = 'inbox-app.js';
