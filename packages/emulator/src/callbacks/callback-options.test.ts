import { describe, expect, it } from 'vitest';
import { postUrl, resolveCallbacks } from './callback-options.js';

const ACCOUNTS = [
  { appId: 'app-1', senders: ['a@mail.example.com', 'b@mail.example.com'] },
  { appId: 'app-2', senders: ['c@mail.example.com'] },
];

const configError = (message: RegExp) =>
  expect.objectContaining({ code: 'CONFIGURATION', message: expect.stringMatching(message) });

describe('resolveCallbacks', () => {
  it('picks the sender-level address, then the account-level one, then the address of every account', () => {
    const config = resolveCallbacks(
      {
        url: 'http://hooks.example.com:8080/all',
        accounts: { 'app-2': 'https://hooks.example.com:8081/app-2' },
        senders: { 'B@mail.example.com': 'http://hooks.example.com:8082/b' },
      },
      ACCOUNTS,
    );
    expect(config.targetFor('app-1', 'a@mail.example.com')?.url).toBe('http://hooks.example.com:8080/all');
    expect(config.targetFor('app-1', 'b@mail.example.com')?.url).toBe('http://hooks.example.com:8082/b');
    expect(config.targetFor('app-2', 'c@mail.example.com')?.url).toBe('https://hooks.example.com:8081/app-2');
    expect(config.targetFor('app-1', 'a@mail.example.com')?.warning).toBeUndefined();
    expect(resolveCallbacks(undefined, ACCOUNTS).targetFor('app-1', 'a@mail.example.com')).toBeUndefined();
  });

  it('applies the defaults: 10 ms to the first event, 50 ms deferred, 3 attempts, 100 ms backoff, 5 s timeout', () => {
    expect(resolveCallbacks({}, ACCOUNTS)).toMatchObject({
      delayMs: 10,
      deferredMs: 50,
      attempts: 3,
      retryDelayMs: 100,
      timeoutMs: 5000,
      processed: false,
      secret: undefined,
    });
  });

  it('allows other ports with a warning, and refuses them with strictPorts (R26)', () => {
    const loose = resolveCallbacks({ url: 'http://127.0.0.1:34567/cb' }, ACCOUNTS);
    expect(loose.targets[0]?.warning).toMatch(/port 34567 .*8080, 8081, 8082; R26/);
    expect(resolveCallbacks({ url: 'https://hooks.example.com/cb' }, ACCOUNTS).targets[0]?.warning).toMatch(/443/);
    expect(() => resolveCallbacks({ url: 'http://127.0.0.1:34567/cb', strictPorts: true }, ACCOUNTS)).toThrow(
      configError(/callbacks\.url: port 34567/),
    );
    expect(resolveCallbacks({ url: 'http://127.0.0.1:8081/cb', strictPorts: true }, ACCOUNTS).targets).toEqual([
      { url: 'http://127.0.0.1:8081/cb' },
    ]);
  });

  it('refuses what cannot be right, naming the field', () => {
    const refuse = (options: Parameters<typeof resolveCallbacks>[0], message: RegExp) =>
      expect(() => resolveCallbacks(options, ACCOUNTS)).toThrow(configError(message));
    refuse({ url: 'not a url' }, /callbacks\.url is not a URL/);
    refuse({ url: 'ftp://hooks.example.com/' }, /callbacks\.url must be an http or https URL/);
    refuse({ url: 'http://user:pw@hooks.example.com:8080/' }, /user name or password/);
    refuse({ url: 'http://hooks.example.com:8080/?token=x' }, /already has a token/);
    refuse({ accounts: { 'app-9': 'http://hooks.example.com:8080/' } }, /appId app-9, which is not configured/);
    refuse({ senders: { 'z@mail.example.com': 'http://hooks.example.com:8080/' } }, /sender z@mail\.example\.com/);
    refuse({ secret: '' }, /callbacks\.secret must not be empty/);
    refuse({ attempts: 0 }, /callbacks\.attempts must be a whole number from 1 to 20/);
    refuse({ delayMs: 1.5 }, /callbacks\.delayMs/);
    refuse({ retryDelayMs: -1 }, /callbacks\.retryDelayMs/);
  });
});

describe('postUrl', () => {
  it('adds token=<secret>, escaped, after any query the address already has, and drops the fragment', () => {
    expect(postUrl('http://h:8080/cb', 'a b&c')).toBe('http://h:8080/cb?token=a%20b%26c');
    expect(postUrl('http://h:8080/cb?x=1', 's')).toBe('http://h:8080/cb?x=1&token=s');
    expect(postUrl('http://h:8080/cb?', 's')).toBe('http://h:8080/cb?token=s');
    expect(postUrl('http://h:8080/cb#frag', 's')).toBe('http://h:8080/cb?token=s');
    expect(postUrl('http://h:8080/cb?x=1', undefined)).toBe('http://h:8080/cb?x=1');
  });
});
