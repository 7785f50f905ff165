import { type TemplateRenderer, templateError } from '@qcloudmail/core';
import type { HandlebarsRendererOptions } from './handlebars/types.js';
import type { MjmlRendererOptions } from './mjml/types.js';
import type { ReactEmailRendererOptions } from './react-email/types.js';

/** A first-party renderer named by its engine, with that engine's options (what a module's `templates` option takes). */
export type TemplateEngineConfig =
  | ({ engine: 'handlebars' } & HandlebarsRendererOptions)
  | ({ engine: 'mjml' } & MjmlRendererOptions)
  | ({ engine: 'react-email' } & ReactEmailRendererOptions);

/** The engines `loadTemplateRenderer` knows. */
export const TEMPLATE_ENGINES = ['handlebars', 'mjml', 'react-email'] as const;

function missingPeer(engine: string, peers: string, cause: unknown): never {
  throw templateError(
    { template: '(options)', engine },
    {
      reason: `the ${engine} engine needs ${peers}: install them beside @qcloudmail/templates`,
      category: 'configuration',
      cause,
    },
  );
}

/**
 * Loads the renderer of `config.engine` and creates it with the rest of `config`: only that engine's entry and
 * peer dependencies are loaded, so a module can take `{ engine: 'handlebars', dir }` without importing every engine.
 */
export async function loadTemplateRenderer(config: TemplateEngineConfig): Promise<TemplateRenderer> {
  const { engine, ...options } = config ?? ({} as TemplateEngineConfig);
  switch (engine) {
    case 'handlebars': {
      const entry = await import('./handlebars/index.js').catch((cause: unknown) =>
        missingPeer(engine, 'handlebars (and juice to inline CSS)', cause),
      );
      return entry.createHandlebarsRenderer(options as HandlebarsRendererOptions);
    }
    case 'mjml': {
      const entry = await import('./mjml/index.js').catch((cause: unknown) =>
        missingPeer(engine, 'mjml and handlebars', cause),
      );
      return entry.createMjmlRenderer(options as MjmlRendererOptions);
    }
    case 'react-email': {
      const entry = await import('./react-email/index.js').catch((cause: unknown) =>
        missingPeer(engine, '@react-email/render and react', cause),
      );
      return entry.createReactEmailRenderer(options as ReactEmailRendererOptions);
    }
    default:
      throw templateError(
        { template: '(options)', engine: String(engine).slice(0, 64) },
        {
          reason: `engine: expected one of ${TEMPLATE_ENGINES.join(', ')}, or give a TemplateRenderer`,
          category: 'configuration',
        },
      );
  }
}
