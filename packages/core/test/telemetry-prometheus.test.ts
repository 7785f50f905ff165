// The Prometheus example of docs/telemetry.md, run: the client's metrics scraped over HTTP in Prometheus's format.
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PrometheusExporter } from '@opentelemetry/exporter-prometheus';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { afterEach, describe, expect, it } from 'vitest';
import { message, recipient } from '@qcloudmail/test-helpers';
import { type Harness, harness } from './helpers.js';

let h: Harness | undefined;
let exporter: PrometheusExporter | undefined;
let server: Server | undefined;
afterEach(async () => {
  await h?.close();
  await exporter?.shutdown();
  server?.close();
  h = undefined;
  exporter = undefined;
  server = undefined;
});

describe('metrics for Prometheus', () => {
  it('serves the send counters and the wait histogram on /metrics', async () => {
    // The exporter's handler on a server of the test's own, on a free port (the docs' example listens on 9464).
    exporter = new PrometheusExporter({ preventServerStart: true });
    const handler = exporter;
    server = createServer((request, response) => handler.getMetricsRequestHandler(request, response));
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const meterProvider = new MeterProvider({ readers: [exporter] });
    h = await harness({ telemetry: { meterProvider } });
    await h.client.send(message(recipient()));
    h.emulator.faults.add({ type: 'provider-error', code: 'FailedOperation.EmailAddrInBlacklist' });
    await h.client.send(message(recipient())).catch(() => undefined);

    const { port } = server.address() as AddressInfo;
    const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    expect(text).toMatch(/^qcloudmail_messages_sent_total\{server_address="127.0.0.1",[^}]*\} 1$/m);
    expect(text).toMatch(
      /^qcloudmail_messages_failed_total\{[^}]*error_type="PROVIDER",qcloudmail_error_category="recipient"[^}]*\} 1$/m,
    );
    expect(text).toMatch(/^qcloudmail_quota_used_total\{[^}]*\} 1$/m);
    expect(text).toMatch(
      /^qcloudmail_rate_limit_wait_duration_count\{[^}]*qcloudmail_rate_limit_stage="slot"[^}]*\} 2$/m,
    );
    expect(text).toMatch(/^qcloudmail_send_duration_bucket\{[^}]*qcloudmail_outcome="sent"[^}]*le="\+Inf"\} 1$/m);
  });
});
