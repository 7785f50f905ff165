import type { ComponentType } from 'react';

/** A React Email template with what it adds to the message: its own subject, from the same props. */
export interface ReactEmailTemplate<P = Record<string, unknown>> {
  component: ComponentType<P>;
  /** The subject from the props (the message's context); without it the message's own subject is kept. */
  subject?: (props: P) => string;
}

/** Options of `createReactEmailRenderer`. */
export interface ReactEmailRendererOptions {
  /**
   * The templates by name: a component (its props are the message's context, plus `locale` when the message has
   * one), or `{ component, subject }`.
   */
  // `never` props: any component fits, whatever its own props; the context is given as they are.
  templates: Readonly<Record<string, ComponentType<never> | ReactEmailTemplate<never>>>;
  /** Pretty-print the html (React Email's `pretty`); default false. */
  pretty?: boolean;
  /**
   * The text part by React Email's own plain-text conversion (images and preview text left out); default true.
   * `false` leaves it to core, which derives it with html-to-text.
   */
  plainText?: boolean;
}
