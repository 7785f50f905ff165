// `qcloudmail lint` and `qcloudmail explain` on hostile input (issue #17): each answers with the right verdict
// and a bounded report. No timings are asserted (they live in apps/demo/bench/adversarial.bench.ts); a quadratic
// command would not finish these inputs within the test timeout.
import { describe, expect, it } from 'vitest';
import { runInProcess } from './helpers.js';

const HEAD = ['From: <noreply@mail.example.com>', 'To: user@example.com', 'Subject: Hi', 'MIME-Version: 1.0'];

describe('qcloudmail lint on hostile messages', () => {
  it('lints To: followed by "(\\" 300,000 times (issue #17, 1b) and quotes it cut short', async () => {
    const raw = [
      ...HEAD.slice(0, 1),
      `To: ${'(\\'.repeat(300_000)}`,
      ...HEAD.slice(2),
      'Content-Type: text/plain; charset=UTF-8',
      '',
      'Hi',
      '',
    ];
    const run = await runInProcess(['lint', '--json', '-'], { stdin: raw.join('\r\n') });
    expect(run.code).toBe(1);
    const issues = JSON.parse(run.stdout).files[0].issues as Array<{ code: string; message: string; line?: number }>;
    expect(issues.map((issue) => issue.code)).toEqual(['line_too_long', 'invalid_address']);
    expect(issues[1]).toMatchObject({ line: 2 });
    for (const issue of issues) expect(issue.message.length).toBeLessThan(300);
    const text = await runInProcess(['lint', '-'], { stdin: raw.join('\r\n') });
    expect(text.stdout.length).toBeLessThan(2_000);
  });

  it('places the issues of a message with 5,000 bad parts on their own lines', async () => {
    const part = ['--b', 'Content-Type: application/pdf', 'Content-Disposition: inline', '', 'aGk='];
    const raw = [
      ...HEAD,
      'Content-Type: multipart/mixed; boundary=b',
      '',
      '--b',
      'Content-Type: text/plain; charset=UTF-8',
      '',
      'Hi',
      ...Array.from({ length: 5_000 }, () => part).flat(),
      '--b--',
      '',
    ];
    const run = await runInProcess(['lint', '--json', '-'], { stdin: raw.join('\r\n') });
    expect(run.code).toBe(1);
    const issues = JSON.parse(run.stdout).files[0].issues as Array<{ code: string; location: string; line?: number }>;
    const disposition = issues.filter((issue) => issue.code === 'attachment_disposition_unsupported');
    // 20 placed issues and one that counts the rest: part 2's disposition is on line 13, each part takes 5 lines.
    expect(disposition).toHaveLength(21);
    expect(disposition[19]).toMatchObject({ location: 'part 21 › header Content-Disposition', line: 13 + 19 * 5 });
    expect(issues.length).toBeLessThan(100);
  });
});

describe('qcloudmail explain on hostile replies', () => {
  async function explain(stdin: string) {
    const run = await runInProcess(['explain', '--json'], { stdin });
    expect(run.code, run.stderr).toBe(0);
    return JSON.parse(run.stdout);
  }

  it('explains "421 a" + 100,000 spaces + "b" (issue #17, 1c)', async () => {
    expect(await explain(`421 a${' '.repeat(100_000)}b`)).toMatchObject({
      smtpCode: 421,
      code: 'service_unavailable',
      retryable: true,
    });
  });

  it('strips 20,000 log prefixes and level words in front of a reply', async () => {
    expect(await explain(`${'[a] '.repeat(20_000)}421 4.4.5 Too busy`)).toMatchObject({ code: 'service_busy' });
    expect(await explain(`${'INFO '.repeat(20_000)}535 5.7.8 Authentication failed`)).toMatchObject({
      code: 'auth_failed',
    });
  });

  it('reads a reply out of a JSON log record with a long message', async () => {
    const record = JSON.stringify({
      msg: `send failed ${'x'.repeat(100_000)}`,
      err: { response: '421 4.4.5 Too busy' },
    });
    expect(await explain(record)).toMatchObject({ code: 'service_busy', input: '421 4.4.5 Too busy' });
  });

  it('keeps a provider code of 100,000 dotted parts, and finds it after 100,000 Code fields that extend nothing', async () => {
    const wrap = '554 5.0.0 Error: ##SES-response-json: ';
    const dotted = `FailedOperation${'.A'.repeat(100_000)}`;
    expect(await explain(`${wrap}{"QcloudError":{"Error":{"Code":"${dotted}","Message":"x"}}}`)).toMatchObject({
      code: dotted,
      fallbackCode: 'FailedOperation',
    });
    const fields = '"Code": "FailedOperation x", '.repeat(100_000);
    expect(await explain(`${wrap}{${fields}"QcloudError":{"Error":{"Code":"FailedOperation.New"}}}`)).toMatchObject({
      providerCode: 'FailedOperation.New',
      fallbackCode: 'FailedOperation',
    });
  });

  it('explains a reply among 20,000 reply-code look-alikes', async () => {
    expect(await explain(`${'250 a '.repeat(20_000)}`)).toMatchObject({ smtpCode: 250, code: 'accepted' });
  });
});
