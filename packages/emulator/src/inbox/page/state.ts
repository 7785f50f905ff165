import type { WireCatalogCode, WireDetail, WireRule, WireSummary } from './wire.js';

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
  /** The service's rules by id (R9...), for titles and links. */
  rules: Map<string, WireRule>;
  /** The Headers tab shows the raw lines instead of decoded ones. */
  rawHeaders: boolean;
}

/** The page's one state object. */
export const state: PageState = {
  messages: [],
  selected: null,
  detail: null,
  tab: 'html',
  remoteImages: false,
  catalog: [],
  rules: new Map(),
  rawHeaders: false,
};
