/** What a `TEMPLATE` error says about the failure, each field bounded in length. */
export interface TemplateErrorDetails {
  /** The template's name, as the message gave it. */
  template: string;
  /** The renderer's engine (`handlebars`, `mjml`, `react-email`, ...); absent when no renderer is configured. */
  engine?: string;
  /** The line in the template where the engine reports the failure, counted from 1. */
  line?: number;
  /** The column in that line, counted from 1 where the engine reports one. */
  column?: number;
  /** The context variable the template needed and did not get. */
  variable?: string;
  /** The message field at fault (`template`, `context`, `html`, `text`, `locale`), when it is one. */
  field?: string;
}
