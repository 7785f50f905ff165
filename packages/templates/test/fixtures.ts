import { fileURLToPath } from 'node:url';

/** The fixture directory of one engine. */
export function fixtureDir(engine: 'handlebars' | 'mjml'): string {
  return fileURLToPath(new URL(`./fixtures/${engine}`, import.meta.url));
}

/** The message fields every test sends besides the template. */
export const BASE = { from: 'sender@mail.example.com', to: 'user@example.org' } as const;
