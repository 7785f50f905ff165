import { expectCoreErrorExports } from '@qcloudmail/test-helpers';
import { it } from 'vitest';
import * as adapter from './index.js';

// A user who installed only this package catches and checks errors with what it exports: the very same as core's.
it('re-exports core’s error class, guard and partial-send error, which recognize what core throws', () => {
  expectCoreErrorExports(adapter);
});
