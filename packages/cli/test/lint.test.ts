import { readFileSync } from 'node:fs';
import { buildMime, lintMime } from '@qcloudmail/core';
import { describe, expect, it } from 'vitest';
import { FIXTURES, runInProcess } from './helpers.js';

const BAD: ReadonlyArray<
  readonly [file: string, expected: ReadonlyArray<readonly [rule: string, code: string, where: string]>]
> = [
  ['bad-content-type.eml', [['HEADERS', 'content_type_unsupported', 'header Content-Type, line 5']]],
  [
    'bad-cc-mime-version.eml',
    [
      ['R9', 'cc_unsupported', 'header Cc, line 3'],
      ['HEADERS', 'mime_version_unsupported', 'header MIME-Version, line 5'],
    ],
  ],
  [
    'bad-attachment.eml',
    [
      ['R12', 'attachment_encoding_unsupported', 'part 2 › header Content-Transfer-Encoding, line 12'],
      ['R12', 'attachment_disposition_unsupported', 'part 2 › header Content-Disposition, line 13'],
      ['R13', 'attachment_base64_invalid', 'part 3 › body, line 21'],
    ],
  ],
  ['bad-header-syntax.eml', [['R11', 'header_syntax', 'line 4']]],
  ['bad-long-line.eml', [['SIZES', 'line_too_long', 'line 6']]],
  ['bad-bare-lf.eml', [['RFC5322', 'bare_line_ending', 'line 1']]],
];

describe('qcloudmail lint: good messages', () => {
  it.each(['good-hand-plain.eml', 'good-hand-multipart.eml'])('passes %s with exit 0', async (file) => {
    const run = await runInProcess(['lint', file]);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toMatch(new RegExp(`^${file}: ok \\(1 recipient`));
  });

  it('passes what core builder produced, text, html and attachment', async () => {
    const built = buildMime({
      from: 'Ada <ada@mail.example.com>',
      to: 'bob@example.com',
      subject: '季度报告 — report',
      text: `Hello\n${'long line '.repeat(300)}`,
      html: '<p>Hello</p>',
      attachments: [{ filename: '报告.pdf', content: Buffer.alloc(5000, 7) }],
    });
    const run = await runInProcess(['lint', '-'], { stdin: built.raw });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('<stdin>: ok (1 recipient, 1 attachment');
  });
});

describe('qcloudmail lint: bad messages', () => {
  it.each(BAD)('reports %s with rule, place, line and remedy, exit 1', async (file, expected) => {
    const run = await runInProcess(['lint', file]);
    expect(run.code).toBe(1);
    for (const [rule, code, where] of expected) {
      const line = run.stdout.split('\n').find((text) => text.includes(code));
      expect(line, `${code} in\n${run.stdout}`).toBeDefined();
      expect(line).toContain(rule);
      expect(line).toContain(where);
    }
    // Every issue is followed by its message and what to do.
    expect(run.stdout.match(/→ /g)?.length).toBe(lintMime(readFileSync(`${FIXTURES}${file}`)).issues.length);
  });

  it('links every issue to its rule in the rules document', async () => {
    const run = await runInProcess(['lint', 'bad-cc-mime-version.eml']);
    expect(run.stdout).toMatch(/R9: .+ \(docs\/rules\.md#r9\)/);
    expect(run.stdout).toMatch(/HEADERS: .+ \(docs\/rules\.md#headers\)/);
  });

  it('reports every missing field of one message', async () => {
    const run = await runInProcess(['lint', 'bad-missing-fields.eml']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('3 issues');
    for (const code of ['from_required', 'subject_required', 'body_required']) expect(run.stdout).toContain(code);
    expect(run.stdout).toContain('→ Add a From header');
  });
});

describe('qcloudmail lint: notes (a part Content-Type read as text/plain, RFC 2045 §5.2)', () => {
  const NOTE = 'part 1 › header Content-Type, line 8';

  it('prints the note after "ok" on a clean file, exit 0', async () => {
    const run = await runInProcess(['lint', 'good-defaulted-type.eml']);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const lines = run.stdout.split('\n');
    expect(lines[0]).toMatch(/^good-defaulted-type\.eml: ok \(1 recipient, 1 attachment/);
    expect(lines[1]).toBe(`  note    ${NOTE}`);
    expect(lines[2]).toContain('is not type/subtype; read as text/plain; charset=us-ascii (RFC 2045 §5.2)');
  });

  it('prints notes dim on a terminal', async () => {
    const tty = await runInProcess(['lint', 'good-defaulted-type.eml'], { tty: true });
    expect(tty.stdout).toContain(`\u001b[2mnote    ${NOTE}\u001b[22m`);
  });

  it('prints the notes after the issues of a failing file, which they do not change', async () => {
    const raw = readFileSync(`${FIXTURES}good-defaulted-type.eml`, 'latin1').replace('Subject: Attachment\r\n', '');
    const run = await runInProcess(['lint', '-'], { stdin: Buffer.from(raw, 'latin1') });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('<stdin>: 1 issue');
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines.findIndex((line) => line.includes('subject_required'))).toBe(1);
    expect(lines.at(-2)).toBe('  note    part 1 › header Content-Type, line 7');
  });

  it('includes the notes in --json, an empty list where there are none', async () => {
    const run = await runInProcess(['lint', '--json', 'good-defaulted-type.eml', 'good-hand-plain.eml']);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.ok).toBe(true);
    expect(report.files[0]).toMatchObject({ ok: true, issues: [] });
    expect(report.files[0].notes).toEqual([
      {
        path: ['parts', 0, 'headers', 'Content-Type'],
        location: 'part 1 › header Content-Type',
        line: 8,
        message: expect.stringContaining('RFC 2045 §5.2'),
      },
    ]);
    expect(report.files[1].notes).toEqual([]);
  });
});

describe('qcloudmail lint: several files, JSON, stdin and unreadable input', () => {
  it('totals several files and exits 1 when one has issues', async () => {
    const run = await runInProcess(['lint', 'good-hand-plain.eml', 'bad-content-type.eml']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('2 files: 1 clean, 1 with issues');
  });

  it('prints machine-readable JSON with paths, locations and lines', async () => {
    const run = await runInProcess(['lint', '--json', 'bad-attachment.eml', 'good-hand-plain.eml']);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report.ok).toBe(false);
    expect(report.files[1]).toMatchObject({ file: 'good-hand-plain.eml', ok: true, issues: [] });
    expect(report.files[0].issues).toContainEqual(
      expect.objectContaining({
        code: 'attachment_encoding_unsupported',
        rule: 'R12',
        path: ['parts', 1, 'headers', 'Content-Transfer-Encoding'],
        location: 'part 2 › header Content-Transfer-Encoding',
        line: 12,
        advice: expect.stringContaining('base64'),
      }),
    );
  });

  it('reads standard input for -', async () => {
    const raw = readFileSync(`${FIXTURES}bad-content-type.eml`);
    const run = await runInProcess(['lint', '-'], { stdin: raw });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('<stdin>: 1 issue');
  });

  it('exits 2 for an unreadable file, still linting the others', async () => {
    const run = await runInProcess(['lint', 'missing.eml', 'bad-content-type.eml']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('missing.eml: cannot read missing.eml: no such file');
    expect(run.stdout).toContain('bad-content-type.eml: 1 issue');
    const json = await runInProcess(['lint', '--json', '.']);
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout).files[0]).toMatchObject({
      file: '.',
      ok: false,
      error: 'cannot read .: is a directory',
    });
  });

  it('refuses a missing file argument, an unknown flag and stdin twice with usage, exit 2', async () => {
    for (const args of [['lint'], ['lint', '--strict', 'a.eml'], ['lint', '-', '-']]) {
      const run = await runInProcess(args);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr.split('\n')[0]).toMatch(
        /^qcloudmail lint: (missing file|unknown option --strict|standard input)/,
      );
      expect(run.stderr).toContain('Usage: qcloudmail lint');
    }
  });

  it('colors only on a terminal without NO_COLOR', async () => {
    const plain = await runInProcess(['lint', 'bad-content-type.eml']);
    expect(plain.stdout).not.toContain('\u001b[');
    const tty = await runInProcess(['lint', 'bad-content-type.eml'], { tty: true });
    expect(tty.stdout).toContain('\u001b[31m1 issue\u001b[39m');
    const noColor = await runInProcess(['lint', 'bad-content-type.eml'], { tty: true, env: { NO_COLOR: '1' } });
    expect(noColor.stdout).toBe(plain.stdout);
  });
});
