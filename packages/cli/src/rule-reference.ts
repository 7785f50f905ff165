import { type RuleId, ruleTitle, ruleUrl } from '@qcloudmail/core';

/** A rule as the commands print it: `R23: <title> (docs/rules.md#r23)`. */
export function ruleReference(rule: RuleId): string {
  return `${rule}: ${ruleTitle(rule)} (${ruleUrl(rule)})`;
}
