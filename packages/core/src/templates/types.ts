import type { MailMessageInput } from '../model/message-schema.js';

/** What a renderer is given. */
export interface TemplateRenderRequest {
  /** A template name, e.g. `shipped` or `orders/shipped`. */
  template: string;
  context: Readonly<Record<string, unknown>>;
  /** The message's subject, itself a template (`{{ }}` in subjects). */
  subject?: string;
  /** The locale, for the renderer's i18n hook. */
  locale?: string;
}

/** What a renderer returns: any of the three; the text is derived from the html (html-to-text) when missing. */
export interface RenderedTemplate {
  subject?: string;
  html?: string;
  text?: string;
}

/** A template engine behind one pure function. */
export interface TemplateRenderer {
  /** `handlebars`, `mjml`, `react-email`, or a user's own name; it appears in template errors. */
  readonly engine: string;
  render(request: TemplateRenderRequest): RenderedTemplate | Promise<RenderedTemplate>;
}

/** A message that names a template instead of carrying html and text. */
export type TemplatedMessageInput = Omit<MailMessageInput, 'html' | 'text'> & {
  template: string;
  context?: Record<string, unknown>;
  locale?: string;
  /** The template renders the html: giving it as well is refused (`TEMPLATE`, naming the field). */
  html?: undefined;
  /** The template renders the text (or it is derived from the html): giving it as well is refused. */
  text?: undefined;
};

/** What `send` accepts: a message with its own html or text, or one that names a template. */
export type SendInput = MailMessageInput | TemplatedMessageInput;
