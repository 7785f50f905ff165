import { stat } from 'node:fs/promises';
import { QcloudMailError, type TemplateRenderer } from '@qcloudmail/core';
import type { TemplateEngineConfig } from '@qcloudmail/templates';
import { refuse } from './refuse-configuration.js';
import { isTemplateRenderer, type QcloudMailTemplatesOption } from './templates-option.js';
import type { QcloudMailTemplatesOptions } from './templates-option-types.js';

/** What to install for each engine, for the error that says so. */
const PACKAGES: Record<QcloudMailTemplatesOptions['engine'], string> = {
  handlebars: '@qcloudmail/templates handlebars juice',
  mjml: '@qcloudmail/templates mjml handlebars',
  'react-email': '@qcloudmail/templates @react-email/render react',
};

function isMissingModule(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND';
}

// The renderers read their directory at the first send: a wrong one (relative to the working directory, or
// not copied beside the build) would pass the boot and fail every send.
async function checkDir(where: string, dir: unknown): Promise<void> {
  if (typeof dir !== 'string' || dir === '') {
    refuse(where, '`dir` must be the template directory');
  }
  const found = await stat(dir).catch(() => undefined);
  if (found?.isDirectory() !== true) {
    refuse(
      where,
      `\`dir\` ${dir.slice(0, 300)} is no directory; build it from the compiled file's folder (\`join(__dirname, 'templates')\`) and copy the templates beside the build (nest-cli.json "assets")`,
    );
  }
}

/**
 * The renderer of one mailer: the one given, or the engine's from `@qcloudmail/templates`, created with the
 * options beside `engine`. A missing package, or options the renderer refuses, fail the mailer's creation with a
 * `CONFIGURATION` error naming the mailer.
 */
export async function loadRenderer(
  option: QcloudMailTemplatesOption | undefined,
  mailer: string,
): Promise<TemplateRenderer | undefined> {
  if (option === undefined || isTemplateRenderer(option)) return option;
  const where = `Mailer "${mailer}", templates (engine "${option.engine}")`;
  // React Email's templates are components, not files.
  if (option.engine !== 'react-email') await checkDir(where, option.dir);
  try {
    // The root entry loads no engine: only the one named, with its optional peers.
    const { loadTemplateRenderer } = await import('@qcloudmail/templates');
    // The module's own option types are looser where the engines' types would need their optional peers (helpers
    // of any signature, components as objects); the renderer checks every key and value when it is created.
    return await loadTemplateRenderer(option as TemplateEngineConfig);
  } catch (error) {
    if (isMissingModule(error)) {
      throw new QcloudMailError({
        code: 'CONFIGURATION',
        message: `${where}: a package is not installed (${(error as Error).message.slice(0, 200)}); install ${PACKAGES[option.engine]}`,
        cause: error,
      });
    }
    // A missing engine peer or options the renderer refuses: the module is misconfigured, whatever the renderer's code.
    const reason = error instanceof Error ? error.message : String(error);
    throw new QcloudMailError({ code: 'CONFIGURATION', message: `${where}: ${reason.slice(0, 1000)}`, cause: error });
  }
}
