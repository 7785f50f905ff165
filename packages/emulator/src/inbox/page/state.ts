import type { WireCatalogCode, WireDetail, WireSummary } from './wire.js';

/** The body tabs of a message. */
export type TabKey = 'html' | 'text' | 'headers' | 'attachments' | 'raw';

/** Everything the page remembers between renders. */
export interface PageState {
  messages: WireSummary[];
  /** The id in the location hash, shown or loading. */
  selected: string | null;
  /** The message shown in the detail pane. */
  detail: WireDetail | null;
  tab: TabKey;
  remoteImages: boolean;
  catalog: WireCatalogCode[];
}

/** The page's one state object. */
export const state: PageState = {
  messages: [],
  selected: null,
  detail: null,
  tab: 'html',
  remoteImages: false,
  catalog: [],
};
