import { describe, expectTypeOf, it } from 'vitest';
import type { CatalogCode } from '../api-routes.js';
import type { ActiveFault } from '../fault-queue.js';
import type { DeliveryEventView, MessageDetail, MessageSummary } from '../message-views.js';
import type { WireCatalogCode, WireDeliveryEvent, WireDetail, WireFault, WireSummary } from './page/wire.js';

// The page is compiled apart from the server (DOM, no Node): these keep what it reads in step with what is sent.
describe('the JSON the inbox page reads', () => {
  it('is what the API sends', () => {
    expectTypeOf<MessageSummary>().toExtend<WireSummary>();
    expectTypeOf<MessageDetail>().toExtend<WireDetail>();
    expectTypeOf<CatalogCode>().toExtend<WireCatalogCode>();
    expectTypeOf<ActiveFault>().toExtend<WireFault>();
    expectTypeOf<DeliveryEventView>().toExtend<WireDeliveryEvent>();
  });
});
