import { templateError } from '@qcloudmail/core';

/** juice's options for inlining CSS (a subset; see juice's README), as @nestjs-modules/mailer passes them. */
export interface InlineCssOptions {
  /** Keep `@media` rules in a `<style>` block (default true). */
  preserveMediaQueries?: boolean;
  /** Remove the `<style>` blocks once inlined (default true). */
  removeStyleTags?: boolean;
  /** Keep `!important` in the inlined styles (default false). */
  preserveImportant?: boolean;
  /** Keep `@font-face` rules (default true). */
  preserveFontFaces?: boolean;
  /** Write `width` attributes on table elements from their CSS (default true). */
  applyWidthAttributes?: boolean;
  /** Write `height` attributes on table elements from their CSS (default true). */
  applyHeightAttributes?: boolean;
  /** CSS inlined besides the template's own `<style>` blocks. */
  extraCss?: string;
}

type Juice = (html: string, options?: InlineCssOptions) => string;

// juice is an optional peer: loaded on the first render that inlines, so `inlineCss: false` never needs it.
let loading: Promise<Juice> | undefined;

function loadJuice(at: { template: string; engine: string }): Promise<Juice> {
  loading ??= import('juice').then(
    (module) => (module as unknown as { default: Juice }).default ?? (module as unknown as Juice),
  );
  return loading.catch((cause: unknown) => {
    loading = undefined;
    throw templateError(at, {
      reason: 'CSS inlining needs juice: install it (pnpm add juice) or set inlineCss: false',
      category: 'configuration',
      cause,
    });
  });
}

/** Inlines the `<style>` blocks of `html` into style attributes with juice, as mail clients need. */
export async function inlineCss(
  html: string,
  options: InlineCssOptions,
  at: { template: string; engine: string },
): Promise<string> {
  const juice = await loadJuice(at);
  try {
    return juice(html, options);
  } catch (cause) {
    throw templateError(at, {
      reason: `CSS inlining failed: ${cause instanceof Error ? cause.message : String(cause)}`,
      category: 'configuration',
      cause,
    });
  }
}
