import type { TemplateRenderer } from '@qcloudmail/core';
import { createElement } from 'react';
import { describe, expectTypeOf, it } from 'vitest';
import { createHandlebarsRenderer } from './handlebars/index.js';
import { loadTemplateRenderer, type TemplateEngineConfig } from './index.js';
import { createMjmlRenderer } from './mjml/index.js';
import { createReactEmailRenderer } from './react-email/index.js';

function Shipped(props: { order: { id: string } }) {
  return createElement('p', null, props.order.id);
}

describe('@qcloudmail/templates', () => {
  it('creates renderers that the client takes', () => {
    expectTypeOf(createHandlebarsRenderer({ dir: 't' })).toEqualTypeOf<TemplateRenderer>();
    expectTypeOf(createMjmlRenderer({ dir: 't', validationLevel: 'soft' })).toEqualTypeOf<TemplateRenderer>();
    expectTypeOf(createReactEmailRenderer({ templates: { shipped: Shipped } })).toEqualTypeOf<TemplateRenderer>();
    expectTypeOf(loadTemplateRenderer).returns.resolves.toEqualTypeOf<TemplateRenderer>();
  });

  it('types the options', () => {
    expectTypeOf({ dir: 't', inlineCss: { preserveMediaQueries: true }, strict: true }).toExtend<
      Parameters<typeof createHandlebarsRenderer>[0]
    >();
    expectTypeOf({ dir: 't', inlineCss: 'yes' }).not.toExtend<Parameters<typeof createHandlebarsRenderer>[0]>();
    expectTypeOf({ strict: true }).not.toExtend<Parameters<typeof createHandlebarsRenderer>[0]>();
    // MJML inlines its own CSS: the Handlebars option is not offered.
    expectTypeOf({ dir: 't', inlineCss: true }).not.toExtend<Parameters<typeof createMjmlRenderer>[0]>();
    expectTypeOf({
      templates: { shipped: { component: Shipped, subject: (props: { order: { id: string } }) => props.order.id } },
    }).toExtend<Parameters<typeof createReactEmailRenderer>[0]>();
  });

  it('takes an engine config discriminated by engine', () => {
    expectTypeOf({ engine: 'handlebars' as const, dir: 't' }).toExtend<TemplateEngineConfig>();
    expectTypeOf({ engine: 'react-email' as const, templates: {} }).toExtend<TemplateEngineConfig>();
    expectTypeOf({ engine: 'pug' as const, dir: 't' }).not.toExtend<TemplateEngineConfig>();
    expectTypeOf({ engine: 'react-email' as const, dir: 't' }).not.toExtend<TemplateEngineConfig>();
  });
});
