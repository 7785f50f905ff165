import { QcloudMailError } from '@qcloudmail/core';

/**
 * Where and how the emulator posts delivery events after accepting a message (R26-R29). The provider's console
 * holds one callback address per account and, optionally, one per sender address (a sender's own wins for that
 * sender): `url` and `accounts` are the account-level ones, `senders` the sender-level ones.
 */
export interface EmulatorCallbackOptions {
  /** The account-level address of every account that has none in `accounts`. */
  url?: string;
  /** Account-level addresses by appId; each wins over `url` for its account. */
  accounts?: Readonly<Record<string, string>>;
  /** Sender-level addresses by sender address (case-insensitive); each wins over its account's for that sender. */
  senders?: Readonly<Record<string, string>>;
  /** Sent as the query parameter `token` (the provider cannot sign its requests, R26, so the secret rides in the URL). */
  secret?: string;
  /** Milliseconds from the 250 to the first event of each recipient. Default 10. */
  delayMs?: number;
  /** Milliseconds from a `deferred` event to the `delivered` that follows it. Default 50. */
  deferredMs?: number;
  /** Posts of one event before it is given up (the first included). Default 3. */
  attempts?: number;
  /** The wait before the first retry; each later one doubles it, up to 30 s. Default 100. */
  retryDelayMs?: number;
  /** How long one post may take before it counts as failed. Default 5000. */
  timeoutMs?: number;
  /** Post a `processed` event before the outcome, as the provider sometimes does (R28). Default false. */
  processed?: boolean;
  /**
   * Refuse callback addresses on ports other than 8080, 8081 and 8082, as the provider's console does (R26).
   * Default false: tests listen on random ports, so other ports are allowed with a warning in the log and on
   * each event of the timeline.
   */
  strictPorts?: boolean;
}

/** A callback address checked and ready: the URL as configured, and whether its port is one the provider allows. */
export interface CallbackTarget {
  url: string;
  warning?: string;
}

/** The callback options after checking, with every default applied. */
export interface ResolvedCallbacks {
  /** The address events about a message from `sender` of account `appId` go to, or undefined for none. */
  targetFor(appId: string, sender: string): CallbackTarget | undefined;
  secret: string | undefined;
  delayMs: number;
  deferredMs: number;
  attempts: number;
  retryDelayMs: number;
  timeoutMs: number;
  processed: boolean;
  /** Every configured address, for the start-up log. */
  targets: CallbackTarget[];
}

/** The ports the provider's console accepts for a callback address (R26). */
export const PROVIDER_CALLBACK_PORTS: readonly number[] = [8080, 8081, 8082];

const MAX_DELAY_MS = 600_000;

function configurationError(message: string): QcloudMailError {
  return new QcloudMailError({ code: 'CONFIGURATION', message });
}

function whole(name: string, value: number | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < min || value > max) {
    throw configurationError(`callbacks.${name} must be a whole number from ${min} to ${max} (R26)`);
  }
  return value;
}

function checkTarget(field: string, raw: string, strictPorts: boolean): CallbackTarget {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw configurationError(`${field} is not a URL (R26)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw configurationError(`${field} must be an http or https URL (R26)`);
  }
  if (url.username !== '' || url.password !== '') {
    throw configurationError(`${field} must not carry a user name or password; the secret goes in callbacks.secret`);
  }
  if (url.searchParams.has('token')) {
    throw configurationError(`${field} already has a token parameter; give the secret as callbacks.secret (R26)`);
  }
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  if (PROVIDER_CALLBACK_PORTS.includes(port)) return { url: url.href };
  const warning = `port ${port} is not one the provider allows for callbacks (8080, 8081, 8082; R26)`;
  if (strictPorts) throw configurationError(`${field}: ${warning}`);
  return { url: url.href, warning };
}

/**
 * Checks the callback options against the configured accounts: every address a URL (its port one of
 * 8080-8082 when `strictPorts`), every appId and sender named one that exists. Undefined when none is given.
 */
export function resolveCallbacks(
  options: EmulatorCallbackOptions | undefined,
  accounts: ReadonlyArray<{ appId: string; senders: readonly string[] }>,
): ResolvedCallbacks {
  const given = options ?? {};
  const strict = given.strictPorts === true;
  const fallback = given.url === undefined ? undefined : checkTarget('callbacks.url', given.url, strict);
  const byAccount = new Map<string, CallbackTarget>();
  for (const [appId, url] of Object.entries(given.accounts ?? {})) {
    if (!accounts.some((account) => account.appId === appId)) {
      throw configurationError(`callbacks.accounts names the appId ${appId}, which is not configured`);
    }
    byAccount.set(appId, checkTarget(`callbacks.accounts[${appId}]`, url, strict));
  }
  const bySender = new Map<string, CallbackTarget>();
  for (const [sender, url] of Object.entries(given.senders ?? {})) {
    const key = sender.toLowerCase();
    if (!accounts.some((account) => account.senders.some((entry) => entry.toLowerCase() === key))) {
      throw configurationError(`callbacks.senders names the sender ${sender}, which is not configured (R4)`);
    }
    bySender.set(key, checkTarget(`callbacks.senders[${sender}]`, url, strict));
  }
  if (given.secret !== undefined && given.secret === '') {
    throw configurationError('callbacks.secret must not be empty; leave it out to send no token');
  }
  return {
    targetFor: (appId, sender) => bySender.get(sender.toLowerCase()) ?? byAccount.get(appId) ?? fallback,
    secret: given.secret,
    delayMs: whole('delayMs', given.delayMs, 10, 0, MAX_DELAY_MS),
    deferredMs: whole('deferredMs', given.deferredMs, 50, 0, MAX_DELAY_MS),
    attempts: whole('attempts', given.attempts, 3, 1, 20),
    retryDelayMs: whole('retryDelayMs', given.retryDelayMs, 100, 0, MAX_DELAY_MS),
    timeoutMs: whole('timeoutMs', given.timeoutMs, 5000, 1, MAX_DELAY_MS),
    processed: given.processed === true,
    targets: [...(fallback === undefined ? [] : [fallback]), ...byAccount.values(), ...bySender.values()],
  };
}

/** The address a post goes to: the configured URL with `token=<secret>` added to its query, without its fragment. */
export function postUrl(target: string, secret: string | undefined): string {
  const url = new URL(target);
  url.hash = '';
  const base = url.href.endsWith('#') ? url.href.slice(0, -1) : url.href;
  if (secret === undefined) return base;
  // Appended as text, so the configured query keeps its exact spelling.
  const joiner = url.search === '' ? (base.endsWith('?') ? '' : '?') : '&';
  return `${base}${joiner}token=${encodeURIComponent(secret)}`;
}
