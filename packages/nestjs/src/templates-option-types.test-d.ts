import type {
  HandlebarsRendererOptions,
  MjmlRendererOptions,
  ReactEmailRendererOptions,
  TemplateEngineConfig,
} from '@qcloudmail/templates';
import { expectTypeOf, test } from 'vitest';
import type {
  QcloudMailHandlebarsTemplates,
  QcloudMailMjmlTemplates,
  QcloudMailReactEmailTemplates,
  QcloudMailTemplateEngine,
  QcloudMailTemplatesOptions,
} from './index.js';

// The keys an options type accepts: a key typed `never` (MJML's refused `inlineCss`) is one it refuses.
type AcceptedKeys<T> = { [K in keyof T]-?: [NonNullable<T[K]>] extends [never] ? never : K }[keyof T];

test('the module names the engines @qcloudmail/templates loads', () => {
  expectTypeOf<QcloudMailTemplateEngine>().toEqualTypeOf<TemplateEngineConfig['engine']>();
});

test("each engine's options are the renderer's, key for key", () => {
  expectTypeOf<AcceptedKeys<QcloudMailHandlebarsTemplates>>().toEqualTypeOf<
    'engine' | AcceptedKeys<HandlebarsRendererOptions>
  >();
  expectTypeOf<AcceptedKeys<QcloudMailMjmlTemplates>>().toEqualTypeOf<'engine' | AcceptedKeys<MjmlRendererOptions>>();
  expectTypeOf<AcceptedKeys<QcloudMailReactEmailTemplates>>().toEqualTypeOf<
    'engine' | AcceptedKeys<ReactEmailRendererOptions>
  >();
});

test('whatever the renderers take, the module takes', () => {
  expectTypeOf<TemplateEngineConfig>().toExtend<QcloudMailTemplatesOptions>();
  expectTypeOf<{ engine: 'handlebars' } & HandlebarsRendererOptions>().toExtend<QcloudMailHandlebarsTemplates>();
  expectTypeOf<{ engine: 'mjml' } & MjmlRendererOptions>().toExtend<QcloudMailMjmlTemplates>();
  expectTypeOf<{ engine: 'react-email' } & ReactEmailRendererOptions>().toExtend<QcloudMailReactEmailTemplates>();
});

test('typed helpers fit, as they do in the renderer', () => {
  const upper = (text: string): string => text.toUpperCase();
  expectTypeOf({
    engine: 'handlebars' as const,
    dir: 'templates',
    helpers: { upper },
  }).toExtend<QcloudMailHandlebarsTemplates>();
});
