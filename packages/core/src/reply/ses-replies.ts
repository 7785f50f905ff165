/** The service's replies that carry no JSON, word for word (R15, R18, R21). */
export const SES_REPLIES = {
  queued: '250 2.0.0 OK: queued',
  authFailed: '535 5.7.8 Authentication failed',
  authFirst: '502 5.7.0 Please authenticate first',
  busy: '421 4.4.5 Too busy. Try again later.',
  internal: '421 4.0.0 Internal server error',
  tooLarge: '552 5.3.4 Maximum message size exceeded',
  tooLongLine: '554 5.0.0 Error: transaction failed, blame it on the weather: smtp: too longer line in input stream',
} as const;

/** The marker before the SendEmail API's JSON answer in a business error (R16, R20). */
export const SES_RESPONSE_JSON_MARKER = '##SES-response-json:';

/** What `renderSesReply` needs to produce a business error reply. */
export interface RenderSesReplyOptions {
  providerCode: string;
  message: string;
  requestId: string;
  /** `beside`: QcloudError next to Response (R16, the default); `inside`: within Response (R20). */
  shape?: 'beside' | 'inside';
  /** `classic`: "blame it on the weather" (R16, the default); `modern`: the newer wrapper (R20). */
  wrapper?: 'classic' | 'modern';
}

const WRAPPERS = {
  classic: '554 5.0.0 Error: transaction failed, blame it on the weather: ',
  modern: '554 5.0.0 Error: transaction failed: ',
} as const;

// The service's JSON comes from Go's encoding/json, which escapes <, > and & as \u003c, \u003e and \u0026;
// rendering the same keeps emulated replies byte-identical and exercises escape decoding in parsers.
function goJson(value: unknown): string {
  return JSON.stringify(value)
    .replaceAll('<', '\\u003c')
    .replaceAll('>', '\\u003e')
    .replaceAll('&', '\\u0026')
    .replaceAll('\u2028', '\\u2028')
    .replaceAll('\u2029', '\\u2029');
}

/** The full one-line 554 reply of a business error, as the service sends it (R16, R20). */
export function renderSesReply(options: RenderSesReplyOptions): string {
  const error = { Error: { Code: options.providerCode, Message: options.message } };
  const body =
    options.shape === 'inside'
      ? { Response: { RequestId: options.requestId, QcloudError: error } }
      : { Response: { RequestId: options.requestId }, QcloudError: error };
  return `${WRAPPERS[options.wrapper ?? 'classic']}${SES_RESPONSE_JSON_MARKER} ${goJson(body)}`;
}
