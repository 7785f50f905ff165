import { QcloudMailError, RULES, type RuleId, ruleTitle, ruleUrl } from '@qcloudmail/core';

/** One rule as the inbox page shows it: its id, its title and, when a base URL is configured, its link. */
export interface RuleLink {
  id: string;
  title: string;
  url: string | null;
}

/**
 * Checks the `rulesBaseUrl` option: an absolute http(s) URL, with a `/` added when it lacks one. The page puts it
 * in links, so anything else (a `javascript:` URL, a relative path the page could not resolve) is refused.
 */
export function parseRulesBaseUrl(value: string | undefined): string | null {
  if (value === undefined) return null;
  const protocol = URL.canParse(value) ? new URL(value).protocol : null;
  if (protocol !== 'https:' && protocol !== 'http:') {
    throw new QcloudMailError({
      code: 'CONFIGURATION',
      message: `rulesBaseUrl must be an absolute http(s) URL, such as https://example.com/repo/blob/main/ (got ${JSON.stringify(String(value).slice(0, 200))})`,
    });
  }
  return value.endsWith('/') ? value : `${value}/`;
}

/** Every rule of core's table with its title, linked under `base` (`base` + `docs/rules.md#r9`) when given. */
export function ruleLinks(base: string | null): RuleLink[] {
  return (Object.keys(RULES) as RuleId[]).map((id) => ({
    id,
    title: ruleTitle(id),
    url: base === null ? null : ruleUrl(id, base),
  }));
}
