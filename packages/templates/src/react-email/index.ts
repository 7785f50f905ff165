// `@qcloudmail/templates/react-email`: loads @react-email/render and react.
export { createReactEmailRenderer } from './create-react-email-renderer.js';
export type { ReactEmailRendererOptions, ReactEmailTemplate } from './types.js';
