import * as ReactEmail from '@react-email/render';
import {
  isQcloudMailError,
  type RenderedTemplate,
  type TemplateRenderer,
  type TemplateRenderRequest,
  templateError,
} from '@qcloudmail/core';
import { type ComponentType, createElement } from 'react';
import { checkOptionKeys } from '../shared/check-option-keys.js';
import type { ReactEmailRendererOptions, ReactEmailTemplate } from './types.js';

const ENGINE = 'react-email';

type AnyProps = Record<string, unknown>;
type Render = (node: unknown, options?: { pretty?: boolean }) => Promise<string> | string;
type ToPlainText = (html: string) => string;

function isTemplateObject(value: unknown): value is ReactEmailTemplate<never> {
  return typeof value === 'object' && value !== null && 'component' in value;
}

// Version 1 and 2 of @react-email/render both have `render`; `toPlainText` came with version 2.
const render = (ReactEmail as unknown as { render: Render }).render;
const toPlainText = (ReactEmail as unknown as { toPlainText?: ToPlainText }).toPlainText;

/**
 * A React Email renderer: components registered by name render the html with `@react-email/render`, their props
 * the message's context; the text by React Email's plain-text conversion, the subject by the template's `subject`.
 */
export function createReactEmailRenderer(options: ReactEmailRendererOptions): TemplateRenderer {
  const templates = options?.templates;
  if (typeof templates !== 'object' || templates === null) {
    throw templateError(
      { template: '(options)', engine: ENGINE },
      { reason: 'templates: expected components by name', category: 'configuration' },
    );
  }
  checkOptionKeys(
    options,
    ['templates', 'pretty', 'plainText'] satisfies Array<keyof ReactEmailRendererOptions>,
    ENGINE,
  );
  const pretty = options.pretty ?? false;
  const plainText = options.plainText ?? true;

  const lookup = (name: string): { component: ComponentType<AnyProps>; subject?: (props: AnyProps) => string } => {
    // Own keys only: `constructor` or `toString` is no template.
    const entry: unknown = Object.hasOwn(templates, name) ? templates[name] : undefined;
    if (isTemplateObject(entry)) return entry as unknown as ReturnType<typeof lookup>;
    if (typeof entry === 'function') return { component: entry as ComponentType<AnyProps> };
    throw templateError(
      { template: name, engine: ENGINE, field: 'template' },
      { reason: 'no component registered under this name', category: 'configuration' },
    );
  };

  return {
    engine: ENGINE,
    async render(request: TemplateRenderRequest): Promise<RenderedTemplate> {
      const { component, subject } = lookup(request.template);
      const props: AnyProps =
        request.locale === undefined || 'locale' in request.context
          ? { ...request.context }
          : { ...request.context, locale: request.locale };
      try {
        const html = await render(createElement(component, props), { pretty });
        const rendered: RenderedTemplate = { html };
        if (plainText && toPlainText !== undefined) rendered.text = toPlainText(html);
        if (subject !== undefined) rendered.subject = subject(props);
        return rendered;
      } catch (error) {
        if (isQcloudMailError(error)) throw error;
        throw templateError(
          { template: request.template, engine: ENGINE },
          { reason: error instanceof Error ? error.message : String(error), category: 'configuration', cause: error },
        );
      }
    },
  };
}
