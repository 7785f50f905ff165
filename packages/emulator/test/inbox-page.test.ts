import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../src/index.js';
import { CHROMIUM, HAS_CHROMIUM, IN_CI, launchChromium, startImageHost } from './browser.js';
import { type CallbackReceiver, startReceiver } from './callback-receiver.js';
import { mime, sendRaw, start, transport, USER } from './helpers.js';

const ARTIFACTS = fileURLToPath(new URL('../test-artifacts/', import.meta.url));
// The screenshot both READMEs show: rewritten only when asked (UPDATE_SCREENSHOTS=1), then committed.
const README_SCREENSHOT = fileURLToPath(new URL('../../../docs/images/inbox-page.png', import.meta.url));
const RULES_BASE = 'https://example.com/qcloudmail/blob/main/';
const SENDER_NAME = '周报机器人';
const TITLE = 'qcloudmail emulator · inbox';
const ATTACHMENT_NAME = '季度报告.pdf';
const ATTACHMENT = randomBytes(3000);
const HOSTILE_SUBJECT = '<img src=x onerror="window.pwned=1"> <script>window.pwned=1</script>';
// What the hostile mail's code would do if it ever ran: change the page, set a global, add a fault over HTTP.
const HOSTILE_HTML = `<p id="visible">Script test body</p>
<script>
  console.log('PWNED-SCRIPT'); document.title = 'PWNED';
  try { parent.document.title = 'PWNED'; top.pwned = 1; } catch (e) {}
  fetch('/api/faults', { method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ type: 'reject-connection', count: 'always' }) });
</script>
<img src="x" onerror="console.log('PWNED-ONERROR'); fetch('/api/faults', { method: 'POST', body: '{}' })">
<svg onload="console.log('PWNED-SVG')"></svg>`;

if (!HAS_CHROMIUM && !IN_CI)
  console.warn(`Skipping the inbox browser test: ${CHROMIUM} is missing (apt install chromium).`);

describe.runIf(!HAS_CHROMIUM && IN_CI)('the inbox browser test in CI', () => {
  it('needs Chromium', () => {
    expect(HAS_CHROMIUM, `${CHROMIUM} is missing: CI must install Debian's chromium package`).toBe(true);
  });
});

describe.runIf(HAS_CHROMIUM)('the inbox page in headless Chromium', () => {
  let emulator: Emulator;
  let images: Awaited<ReturnType<typeof startImageHost>>;
  let browser: Browser;
  let receiver: CallbackReceiver;
  let page: Page;
  let refusedReply = '';
  const consoleLines: string[] = [];
  const faultPosts: string[] = [];

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    receiver = await startReceiver();
    [emulator, images, browser] = await Promise.all([
      start({ rulesBaseUrl: RULES_BASE, callbacks: { url: receiver.url, delayMs: 0 } }),
      startImageHost(),
      launchChromium(),
    ]);
    page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    page.setDefaultTimeout(5000);
    page.on('console', (message) => consoleLines.push(message.text()));
    page.on('pageerror', (error) => consoleLines.push(`pageerror: ${error.message}`));
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.url().includes('/api/faults')) faultPosts.push(request.frame().url());
    });
  });
  afterAll(async () => {
    await browser?.close();
    await Promise.all([emulator?.close(), images?.close()]);
    await receiver?.close();
  });

  const row = (n: number) => page.locator('#message-list li').nth(n);
  const open = async (n: number) => {
    const id = await row(n).getAttribute('data-id');
    await row(n).locator('a').click();
    // The pane shows the previous message until the clicked one has loaded: wait for this one's id.
    await page.locator(`#detail[data-id="${id}"] .verdict`).waitFor();
  };

  it('serves the page under a strict policy and lists mail live, newest first, with status badges', async () => {
    const response = await page.goto(`${emulator.httpUrl}/`);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    expect(response?.headers()['x-content-type-options']).toBe('nosniff');
    await expect.poll(() => page.locator('#live').textContent()).toBe('live');

    await transport(emulator).sendMail({
      from: { name: SENDER_NAME, address: USER },
      to: 'reader@example.org',
      subject: '周报 weekly report',
      text: '你好，世界',
      html: `<p>你好，<b>世界</b></p><img alt="remote" src="${images.url}/pixel.gif">`,
      attachments: [{ filename: ATTACHMENT_NAME, content: ATTACHMENT, contentType: 'application/octet-stream' }],
    });
    const refused = await sendRaw(emulator, mime({ headers: { 'Content-Type': 'text/markdown; charset=UTF-8' } }));
    expect(refused.code).toBe(554);
    refusedReply = refused.line;
    await transport(emulator).sendMail({
      from: USER,
      to: 'x@example.org',
      subject: HOSTILE_SUBJECT,
      text: 'Plain text with <script>window.pwned = 1</script>',
      html: HOSTILE_HTML,
    });

    await expect.poll(() => page.locator('#message-list li').count()).toBe(3);
    const statuses = await page.locator('#message-list li').evaluateAll((rows) => rows.map((r) => r.dataset.status));
    expect(statuses).toEqual(['accepted', 'refused', 'accepted']);
    expect(await row(0).locator('.row-subject').textContent()).toBe(HOSTILE_SUBJECT);
    expect(await page.locator('#message-list img, #message-list script').count()).toBe(0);
    expect(await row(1).locator('.badge').textContent()).toBe('refused · FailedOperation');
    expect(await row(2).locator('.badge').textContent()).toBe('accepted');
    expect(await row(2).locator('.row-meta').textContent()).toMatch(/reader@example\.org · [\d.]+ KiB · 1 attachment$/);
    await page.screenshot({ path: `${ARTIFACTS}inbox-list.png` });
  });

  it('shows a refusal: the exact reply, its meaning in English and Chinese, what to do, the lint issues', async () => {
    await open(1);
    const verdict = page.locator('#detail .verdict');
    expect(await verdict.locator('pre.reply').textContent()).toBe(refusedReply);
    const text = await verdict.textContent();
    expect(text).toContain('Content-Type must in [text/plain; charset=UTF-8');
    expect(text).toContain('检查 Header 中的 Content-Type');
    expect(text).toContain('Use a top-level Content-Type of text/plain or text/html');
    const issues = emulator.refused[0]?.verdict.issues ?? [];
    expect(issues.map((issue) => issue.code)).toContain('content_type_unsupported');
    const cells = await verdict
      .locator('table.issues tbody tr')
      .evaluateAll((rows) =>
        rows.map((r) => [...r.querySelectorAll('td')].slice(0, 2).map((cell) => cell.textContent)),
      );
    expect(cells).toEqual(issues.map((issue) => [issue.rule, issue.code]));
    // What was refused, why, and the rule: linked to the rules document under the configured base URL.
    const line = verdict.locator('.verdict-line');
    expect(await line.textContent()).toBe(
      "refused · FailedOperation Refused: the service's checks refuse it · rule R17",
    );
    const rule = line.locator('a.rule-ref');
    expect(await rule.getAttribute('href')).toBe(`${RULES_BASE}docs/rules.md#r17`);
    expect(await rule.getAttribute('title')).toBe('R17: the documented business errors');
    expect(await verdict.locator('table.issues td.rule a').first().getAttribute('href')).toMatch(
      /^https:\/\/example\.com\/qcloudmail\/blob\/main\/docs\/rules\.md#/,
    );
    await page.locator('[data-tab="raw"]').click();
    await expect.poll(() => page.locator('#raw-source').textContent()).toContain('Content-Type: text/markdown');
    await page.locator('[data-tab="html"]').click();
    await page.locator('#detail').evaluate((pane) => pane.scrollTo(0, 0));
    await page.screenshot({ path: `${ARTIFACTS}inbox-refused.png` });
  });

  it('shows the accepted mail: Chinese subject, HTML without remote images until allowed, the attachment as a download', async () => {
    await open(2);
    expect(await page.locator('#detail h2.subject').textContent()).toBe('周报 weekly report');
    expect(await page.locator('#detail .verdict-line').textContent()).toBe(
      'accepted Accepted: the service queues it for delivery (accepted, not yet delivered: R15).',
    );
    const meta = await page
      .locator('#detail dl.meta')
      .evaluate((list) =>
        Object.fromEntries(
          [...list.querySelectorAll('dt')].map((dt) => [dt.textContent, dt.nextElementSibling?.textContent]),
        ),
      );
    expect(meta.From).toBe(`${SENDER_NAME} <${USER}>`);
    const body = page.frameLocator('iframe.html-frame');
    expect(await body.locator('b').textContent()).toBe('世界');
    expect(images.hits).toEqual([]);
    await page.locator('#remote-images').check();
    await expect.poll(() => images.hits).toEqual(['/pixel.gif']);

    // Headers: encoded words decoded, the raw lines on demand.
    await page.locator('[data-tab="headers"]').click();
    const headers = page.locator('#headers-source');
    expect(await headers.textContent()).toContain('Subject: 周报 weekly report');
    expect(await headers.textContent()).toContain(`From: ${SENDER_NAME} <${USER}>`);
    await page.locator('#raw-headers').check();
    expect(await headers.textContent()).toMatch(/^Subject: =\?UTF-8\?/m);
    expect(await headers.textContent()).not.toContain('周报');
    await page.locator('#raw-headers').uncheck();
    expect(await headers.textContent()).toContain('Subject: 周报 weekly report');

    await page.locator('[data-tab="attachments"]').click();
    const link = page.locator('.attachments a');
    expect(await link.textContent()).toBe(ATTACHMENT_NAME);
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe(ATTACHMENT_NAME);
    expect(readFileSync(await download.path()).equals(ATTACHMENT)).toBe(true);
    await page.locator('[data-tab="html"]').click();
    await page.locator('#remote-images').uncheck();
    await page.locator('#detail').evaluate((pane) => pane.scrollTo(0, 0));
    await page.screenshot({ path: `${ARTIFACTS}inbox-message.png` });
  });

  it('shows the delivery events of the accepted mail live, and posts a click from its button', async () => {
    await open(2);
    const timeline = page.locator('#timeline');
    await expect
      .poll(() => timeline.locator('tbody tr').first().textContent())
      .toMatch(/delivered.*reader@example\.org.*posted · HTTP 200/);
    expect(await timeline.locator('p.muted').first().textContent()).toContain(`Posted to ${receiver.url}`);
    // The receiver is on a random port, not one of 8080-8082: the page says the provider would refuse it.
    expect(await timeline.locator('.badge.warn').textContent()).toMatch(/not one the provider allows.*R26/);
    const frame = await page.locator('iframe.html-frame').elementHandle();
    await timeline.locator('button[data-event="click"]').click();
    await expect.poll(() => timeline.locator('tbody tr').count()).toBe(2);
    await expect
      .poll(() => timeline.locator('tbody tr').nth(1).textContent())
      .toMatch(/click.*reader@example\.org.*posted · HTTP 200/);
    const click = receiver.received.find((callback) => callback.body.event === 'click');
    expect(click?.body).toMatchObject({ email: 'reader@example.org', eventid: 5 });
    // Only the timeline was redrawn: the HTML view is the same element, not reloaded.
    expect(await frame?.evaluate((node) => node.isConnected)).toBe(true);
    await page.locator('#timeline').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${ARTIFACTS}inbox-timeline.png` });
  });

  it('says a refused mail gets no delivery events, with no buttons', async () => {
    await open(1);
    expect(await page.locator('#timeline').textContent()).toBe(
      'No delivery events: refused mail was never sent (R15).',
    );
    expect(await page.locator('#timeline button').count()).toBe(0);
    // A refused message has no HTML part; the later tests expect the HTML tab.
    await page.locator('[data-tab="html"]').click();
  });

  it("renders a mail's HTML in a sandbox where its scripts never run", async () => {
    await open(0);
    const frame = page.locator('iframe.html-frame');
    expect(await frame.getAttribute('sandbox')).toBe('');
    expect(await page.frameLocator('iframe.html-frame').locator('#visible').textContent()).toBe('Script test body');
    // Chromium reports the blocked script: proof the script was there and did not run.
    await expect.poll(() => consoleLines.some((line) => line.includes('Blocked script execution'))).toBe(true);
    expect(await page.title()).toBe(TITLE);
    expect(await page.evaluate(() => (globalThis as { pwned?: unknown }).pwned)).toBeUndefined();
    expect(consoleLines.filter((line) => line.includes('PWNED'))).toEqual([]);
    expect(faultPosts).toEqual([]);
    expect(emulator.faults.list()).toEqual([]);
    expect(await page.locator('#detail h2.subject').textContent()).toBe(HOSTILE_SUBJECT);
    await page.screenshot({ path: `${ARTIFACTS}inbox-hostile.png` });
  });

  it('adds faults from the page: the next send is refused with the chosen code; faults can be cleared', async () => {
    expect(await page.locator('#fault-code option').count()).toBeGreaterThan(100);
    await page.locator('#fault-type').selectOption('provider-error');
    await page.locator('#fault-code').selectOption('FailedOperation.EmailAddrInBlacklist');
    await page.locator('#add-fault').click();
    await expect.poll(() => page.locator('#fault-list li').textContent()).toContain('EmailAddrInBlacklist');
    expect(emulator.faults.list()).toMatchObject([
      { type: 'provider-error', code: 'FailedOperation.EmailAddrInBlacklist' },
    ]);

    const send = transport(emulator).sendMail({
      from: USER,
      to: 'y@example.org',
      subject: 'After the fault',
      html: '<p>x</p>',
    });
    await expect(send).rejects.toThrow(/EmailAddrInBlacklist/);
    await expect.poll(() => page.locator('#message-list li').count()).toBe(4);
    expect(await row(0).locator('.badge').textContent()).toBe('refused · FailedOperation.EmailAddrInBlacklist');
    await expect.poll(() => page.locator('#fault-list li').textContent()).toContain('No active faults');
    await open(0);
    expect(await page.locator('#detail .verdict').textContent()).toContain('邮件地址在黑名单中。');

    await page.locator('#fault-type').selectOption('reply-421');
    await page.locator('#fault-count').selectOption('always');
    await page.locator('#add-fault').click();
    await expect.poll(() => page.locator('#fault-list li').textContent()).toContain('reply 421 at data until cleared');
    await page.locator('#clear-faults').click();
    await expect.poll(() => page.locator('#fault-list li').textContent()).toContain('No active faults');
    expect(emulator.faults.list()).toEqual([]);
  });

  it('drops the next connection from the page, then clears the messages', async () => {
    await page.locator('#fault-type').selectOption('drop-before-data');
    await page.locator('#fault-count').selectOption('1');
    await page.locator('#add-fault').click();
    await expect.poll(() => emulator.faults.list().length).toBe(1);
    const send = transport(emulator).sendMail({
      from: USER,
      to: 'z@example.org',
      subject: 'Dropped',
      html: '<p>x</p>',
    });
    await expect(send).rejects.toThrow();
    expect(emulator.history).toHaveLength(4);
    await page.locator('#clear-messages').click();
    await expect.poll(() => page.locator('#message-list li').count()).toBe(0);
    expect(await page.locator('#empty-list').isVisible()).toBe(true);
    expect(consoleLines.filter((line) => line.startsWith('pageerror'))).toEqual([]);
  });

  it("draws Chinese with the package's font, whatever fonts the machine has", async () => {
    await transport(emulator).sendMail({
      from: { name: '张三', address: USER },
      to: 'font@example.org',
      subject: '中文字体测试',
      text: '你好',
      html: '<p>你好</p>',
    });
    await expect.poll(() => page.locator('#message-list li').count()).toBe(1);
    await open(0);
    // In the page (this file's types have no DOM): the page's one web font has loaded and covers Chinese.
    const faces = await page.evaluate(
      'document.fonts.ready.then((fonts) => [...fonts].map((face) => [face.family, face.status]))',
    );
    expect(faces).toEqual([['qcloudmail Noto Sans SC', 'loaded']]);
    expect(await page.evaluate(`document.fonts.check('16px "qcloudmail Noto Sans SC"', '中文')`)).toBe(true);
    // What Chromium drew the subject with: the web font (custom), not a system CJK font.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument');
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: '#detail h2.subject' });
    const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
    expect(fonts).toEqual([
      expect.objectContaining({ familyName: 'Noto Sans CJK SC', isCustomFont: true, glyphCount: 6 }),
    ]);
    await cdp.detach();
    // The message's own HTML, in its sandboxed frame (an opaque origin, so the font comes over CORS), draws its
    // Chinese with the package's font as well.
    await page.frameLocator('iframe.html-frame').locator('p').waitFor();
    const frame = page.frames().find((candidate) => candidate.url().endsWith('/html'));
    expect(frame).toBeDefined();
    if (frame === undefined) return;
    const frameCdp = await page.context().newCDPSession(frame);
    await frameCdp.send('DOM.enable');
    await frameCdp.send('CSS.enable');
    const frameRoot = (await frameCdp.send('DOM.getDocument', { depth: -1, pierce: true })).root;
    const paragraph = await frameCdp.send('DOM.querySelector', { nodeId: frameRoot.nodeId, selector: 'p' });
    const drawn = await frameCdp.send('CSS.getPlatformFontsForNode', { nodeId: paragraph.nodeId });
    expect(drawn.fonts).toEqual([
      expect.objectContaining({ familyName: 'Noto Sans CJK SC', isCustomFont: true, glyphCount: 2 }),
    ]);
    await frameCdp.detach();
    await page.locator('#clear-messages').click();
    await expect.poll(() => page.locator('#message-list li').count()).toBe(0);
  });

  it('shows long refusal codes whole, and draws the README screenshot (the list and a refused message)', async () => {
    await transport(emulator).sendMail({
      from: { name: '张三', address: USER },
      to: 'wang.wu@example.org',
      subject: '欢迎加入 · Welcome aboard',
      text: '王五，你好！欢迎加入。',
      html: '<h1>欢迎加入</h1><p>王五，你好！你的账号已经开通。</p>',
    });
    await transport(emulator).sendMail({
      from: { name: '订单中心', address: USER },
      to: 'li.si@example.org',
      subject: '订单已发货 · Your order has shipped',
      text: '你的订单已发货。',
      html: '<p>你的订单已<b>发货</b>。</p>',
      attachments: [{ filename: '发货单.pdf', content: ATTACHMENT, contentType: 'application/pdf' }],
    });
    // A colon in the sender's display name: the service refuses it (R23).
    const illegalName = transport(emulator).sendMail({
      from: { name: '运维: 周报', address: USER },
      to: 'team@example.org',
      subject: '周报 weekly report',
      text: '本周发送 1,024 封邮件。',
      html: '<p>本周发送 1,024 封邮件。</p>',
    });
    await expect(illegalName).rejects.toThrow(/InvalidParameterValue\.IllegalSenderName/);
    emulator.faults.add({ type: 'provider-error', code: 'RequestLimitExceeded.SmtpRateLimit' });
    await expect(
      transport(emulator).sendMail({
        from: USER,
        to: 'li.si@example.org',
        subject: '提醒 reminder',
        html: '<p>提醒</p>',
      }),
    ).rejects.toThrow(/SmtpRateLimit/);

    const badges = page.locator('#message-list .badge');
    await expect
      .poll(() => badges.allTextContents())
      .toEqual([
        'refused · RequestLimitExceeded.SmtpRateLimit',
        'refused · InvalidParameterValue.IllegalSenderName',
        'accepted',
        'accepted',
      ]);
    // Whole: nothing clipped inside a badge, no badge past its row, the code in the tooltip too.
    const clipped = await page.locator('#message-list li').evaluateAll((rows) =>
      rows.flatMap((row) => {
        const badge = row.querySelector('.badge');
        if (badge === null) return ['no badge'];
        const inside = badge.getBoundingClientRect().right <= row.getBoundingClientRect().right;
        return badge.scrollWidth > badge.clientWidth || !inside ? [badge.textContent] : [];
      }),
    );
    expect(clipped).toEqual([]);
    expect(await badges.first().getAttribute('title')).toMatch(/^RequestLimitExceeded\.SmtpRateLimit: 554 /);

    await open(1);
    const verdict = page.locator('#detail .verdict');
    expect(await verdict.locator('.verdict-line').textContent()).toBe(
      "refused · InvalidParameterValue.IllegalSenderName Refused: the service's checks refuse it · rule R23",
    );
    const detailBadge = verdict.locator('.badge');
    expect(await detailBadge.evaluate((badge) => badge.scrollWidth <= badge.clientWidth)).toBe(true);
    expect(await page.locator('#detail dl.meta dd').first().textContent()).toBe(`运维: 周报 <${USER}>`);
    await page.locator('[data-tab="html"]').click();
    await page.locator('#fault-type').selectOption('provider-error');
    await page.locator('#detail').evaluate((pane) => pane.scrollTo(0, 0));
    const png = await page.screenshot();
    writeFileSync(`${ARTIFACTS}inbox-readme.png`, png);
    if (process.env.UPDATE_SCREENSHOTS === '1') writeFileSync(README_SCREENSHOT, png);
  });
});
