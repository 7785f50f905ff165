import type { MailAddressInput, MailAddressListInput } from '@qcloudmail/core';
import addressparser from 'nodemailer/lib/addressparser';
import { refusal } from './refusal.js';

type AddressObject = { name?: string; address: string };

function isAddressObject(value: unknown): value is AddressObject {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { address?: unknown }).address === 'string' &&
    ['string', 'undefined'].includes(typeof (value as { name?: unknown }).name)
  );
}

function flatten(value: unknown, field: string, out: MailAddressInput[]): void {
  if (Array.isArray(value)) {
    for (const item of value) flatten(item, field, out);
    return;
  }
  if (typeof value === 'string') {
    if (value.trim() !== '') out.push(value);
    return;
  }
  if (isAddressObject(value)) {
    out.push(value.name === undefined ? { address: value.address } : { name: value.name, address: value.address });
    return;
  }
  throw refusal({
    path: [field],
    issue: 'invalid_address',
    rule: 'HEADERS',
    message: 'expected "a@b.c", "Name <a@b.c>", a comma-separated list, { name, address } or an array of them',
    nodemailerCode: 'EENVELOPE',
  });
}

/**
 * Maps a nodemailer address field (a string, a comma list, `{ name, address }`, nested arrays) to core's
 * address input; `undefined` when empty. Core parses and validates each address.
 */
export function mapAddressList(value: unknown, field: string): MailAddressListInput | undefined {
  if (value === undefined || value === null || value === false) return undefined;
  const out: MailAddressInput[] = [];
  flatten(value, field, out);
  if (out.length === 0) return undefined;
  return out.length === 1 ? out[0] : out;
}

/** Maps nodemailer's `from` (one address, or an array holding one, as nodemailer keeps only the first). */
export function mapSingleAddress(value: unknown, field: string): MailAddressInput | undefined {
  const list = mapAddressList(value, field);
  if (list === undefined) return undefined;
  if (!Array.isArray(list)) {
    if (typeof list !== 'string' || addresses(list).length <= 1) return list;
  }
  throw refusal({
    path: [field],
    issue: 'invalid_address',
    rule: 'HEADERS',
    message: 'must be exactly one address',
    nodemailerCode: 'EENVELOPE',
  });
}

/** The bare addresses of an address field, lowercased, for comparing envelopes with headers. */
export function addresses(value: unknown): string[] {
  if (value === undefined || value === null || value === false) return [];
  if (Array.isArray(value)) return value.flatMap((item) => addresses(item));
  if (isAddressObject(value)) return [value.address.trim().toLowerCase()];
  if (typeof value !== 'string') return [];
  return addressparser(value, { flatten: true })
    .map((entry) => entry.address.trim().toLowerCase())
    .filter((address) => address !== '');
}
