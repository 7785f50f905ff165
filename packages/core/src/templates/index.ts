// The template renderer contract: what a renderer is given and returns, the templated message, and the one step
// that turns it into a plain message before validation.
export type {
  RenderedTemplate,
  SendInput,
  TemplatedMessageInput,
  TemplateRenderer,
  TemplateRenderRequest,
} from './types.js';
export { isTemplatedMessage } from './is-templated-message.js';
export { renderMessage } from './render-message.js';
export { templateError, type TemplateErrorOptions } from './template-error.js';
export type { TemplateErrorDetails } from '../errors/template-error-details.js';
