import { renderMessage } from '@qcloudmail/core';
import { rejection } from '@qcloudmail/test-helpers';
import { describe, expect, it } from 'vitest';
import { createMjmlRenderer } from '../src/mjml/index.js';
import { BASE, fixtureDir } from './fixtures.js';

const dir = fixtureDir('mjml');

const renderer = (extra: Partial<Parameters<typeof createMjmlRenderer>[0]> = {}) =>
  createMjmlRenderer({ dir, i18n: (key, { params }) => `${key}: ${String(params.name)}`, ...extra });

describe('createMjmlRenderer', () => {
  it('fills the MJML with Handlebars (loops, partials, t) and renders responsive html, the text template beside it', async () => {
    const out = await renderer().render({
      template: 'welcome',
      context: { user: { name: 'Ada <3' }, items: ['first', 'second'] },
      subject: 'Hi {{user.name}}',
    });
    expect(out.html).toContain('<!doctype html>');
    expect(out.html).toContain('welcome: Ada &lt;3');
    expect(out.html).toContain('first');
    expect(out.html).toContain('second');
    expect(out.html).toContain('The Shop team');
    expect(out.html).toContain('color:#333333');
    expect(out.html).not.toContain('<mj-');
    expect(out.text).toBe('Welcome, Ada <3!\n');
    expect(out.subject).toBe('Hi Ada <3');
  });

  it('reports an MJML validation error with its line, without the server path', async () => {
    const error = await rejection(renderer().render({ template: 'invalid', context: { name: 'x' } }));
    expect(error.code).toBe('TEMPLATE');
    expect(error.details).toEqual({ template: 'invalid', engine: 'mjml', line: 5 });
    expect(error.message).toBe(
      'Template "invalid" (mjml) at line 5: mj-bogus: Element mj-bogus doesn\'t exist or is not registered',
    );
    expect(error.message).not.toContain(dir);
  });

  it('renders an invalid document anyway with validationLevel soft', async () => {
    const out = await renderer({ validationLevel: 'soft' }).render({ template: 'invalid', context: { name: 'x' } });
    expect(out.html).toContain('<!doctype html>');
  });

  it('reports a strict missing variable from the Handlebars pass as mjml', async () => {
    const error = await rejection(renderer({ strict: true }).render({ template: 'strict', context: {} }));
    expect(error.details).toMatchObject({ template: 'strict', engine: 'mjml', line: 3, variable: 'user.name' });
  });

  it('reads no file through mj-include, whatever the MJML options say', async () => {
    // The include names a real file, relative to the working directory that vitest runs in (the repository root).
    const out = await renderer({ mjml: { ignoreIncludes: false } as never }).render({
      template: 'include',
      context: {},
    });
    expect(out.html).not.toContain('INCLUDED');
    expect(out.html).toContain('ok');
  });

  it('names a missing template and refuses a name outside the directory', async () => {
    expect((await rejection(renderer().render({ template: 'nope', context: {} }))).message).toContain(
      'no template file nope.mjml',
    );
    expect(
      (await rejection(renderer().render({ template: '../handlebars/shipped', context: {} }))).details?.field,
    ).toBe('template');
  });

  it.each(['inlineCss', 'layout', 'layouts', 'validation'])('refuses the option %s by name', (key) => {
    expect(() => createMjmlRenderer({ dir, [key]: true } as never)).toThrow(
      `${key}: not an option of the mjml renderer`,
    );
  });

  it('renders a whole message through core', async () => {
    const out = await renderMessage(
      { ...BASE, subject: 'Welcome', template: 'welcome', context: { user: { name: 'Ada' }, items: [] } },
      renderer(),
    );
    expect(out.text).toBe('Welcome, Ada!\n');
    expect(out.html).toContain('welcome: Ada');
  });
});
