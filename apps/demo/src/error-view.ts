import { type QcloudMailError, toHttpErrorResponse } from '@qcloudmail/core';
import type { Printer } from './print.js';

/** Prints a parsed error: its stable fields, the provider's code and meaning, the issues and the HTTP answer. */
export function printMailError(printer: Printer, error: QcloudMailError): void {
  const http = toHttpErrorResponse(error);
  const retryAfter = http.headers['Retry-After'];
  printer.rows([
    ['code', error.code],
    ['category', error.category],
    ['rule', error.rule],
    ['retryable', error.retryable],
    ['retryAfterMs', error.retryAfterMs],
    ['providerCode', error.providerCode],
    ['requestId', error.requestId],
    ['message', error.message],
    ['含义 (zh)', error.messageZh],
    ['what to do', error.action],
  ]);
  if (error.issues.length > 0) {
    printer.row(
      'issues',
      error.issues
        .map((issue) => `${issue.rule} ${issue.code} at ${issue.path.join('.')}: ${issue.message}`)
        .join('\n'),
    );
  }
  printer.row(
    'HTTP answer',
    `${http.status}${retryAfter === undefined ? '' : `, Retry-After: ${retryAfter}`} (Express and Nest alike)`,
  );
}
