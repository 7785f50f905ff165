import { describe, expectTypeOf, it } from 'vitest';
import type { SendOptions, SendOutcome } from '../client/types.js';
import {
  createMemorySuppressionList,
  recordSuppressionEvent,
  type SuppressionEntry,
  type SuppressionList,
  type SuppressionReason,
} from '../index.js';

describe('the suppression list public types', () => {
  it('makes a SuppressionList whose check answers entries by address', () => {
    expectTypeOf(createMemorySuppressionList()).toEqualTypeOf<SuppressionList>();
    expectTypeOf<ReturnType<SuppressionList['check']>>().toEqualTypeOf<Promise<Map<string, SuppressionEntry>>>();
    expectTypeOf<SuppressionEntry['reason']>().toEqualTypeOf<SuppressionReason>();
    expectTypeOf(recordSuppressionEvent).returns.toEqualTypeOf<Promise<SuppressionEntry | undefined>>();
  });

  it('has the override on a send and the suppressed recipients on its outcome', () => {
    expectTypeOf<SendOptions['ignoreSuppression']>().toEqualTypeOf<boolean | undefined>();
    expectTypeOf<SendOutcome['suppressed']>().toEqualTypeOf<SuppressionEntry[] | undefined>();
    // @ts-expect-error: reasons are a closed set
    const reason: SuppressionReason = 'bounced';
    void reason;
  });
});
