import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url));
const TSC = createRequire(import.meta.url).resolve('typescript/bin/tsc');
// The workspace's @types folder, as an app's own node_modules/@types would hold @types/node.
const TYPE_ROOTS = [dirname(dirname(createRequire(import.meta.url).resolve('@types/node/package.json')))];
const built = ['dist/index.d.cts', 'dist/health.d.cts', 'dist/outbox.d.cts', 'dist/events.d.cts'].every((file) =>
  existsSync(`${PACKAGE_DIR}/${file}`),
);

// What many Nest apps still compile with: CommonJS output and classic (node10) resolution, which ignores `exports`.
const CLASSIC_TSCONFIG = {
  compilerOptions: {
    module: 'commonjs',
    moduleResolution: 'node',
    target: 'ES2022',
    strict: true,
    noEmit: true,
    experimentalDecorators: true,
    esModuleInterop: true,
    typeRoots: TYPE_ROOTS,
    types: ['node'],
  },
  files: ['app.ts'],
};

const SNIPPET = `
import { InjectMailer, QcloudMailModule, type QcloudMailService } from '@qcloudmail/nestjs';
import { QcloudMailHealthIndicator } from '@qcloudmail/nestjs/health';
import { InjectOutbox, QcloudMailOutboxModule, type QcloudMailOutbox } from '@qcloudmail/nestjs/outbox';
import { QcloudMailEventsModule, type SesEvent } from '@qcloudmail/nestjs/events';

export const modules = [
  QcloudMailModule.forRoot({ region: 'hongkong', auth: { user: 'noreply@mail.example.com', pass: 'secret' } }),
  QcloudMailOutboxModule.forRoot({ queueName: 'mail', worker: false }),
  QcloudMailEventsModule.forRoot({ path: 'ses/events', secret: 'callback-secret-0123', emit: true }),
];
export const kindOf = (event: SesEvent): string => event.kind;
export const indicator: typeof QcloudMailHealthIndicator = QcloudMailHealthIndicator;
export class Mailers {
  constructor(
    @InjectMailer() readonly mail: QcloudMailService,
    @InjectOutbox() readonly outbox: QcloudMailOutbox,
  ) {}
}
`;

/** Type-checks `source` as `app.ts` of a project outside the workspace that has this package installed. */
async function typeCheck(source: string): Promise<{ code: number; output: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'qcloudmail-nest-types-'));
  made.push(dir);
  mkdirSync(join(dir, 'node_modules', '@qcloudmail'), { recursive: true });
  symlinkSync(PACKAGE_DIR, join(dir, 'node_modules', '@qcloudmail', 'nestjs'), 'dir');
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(CLASSIC_TSCONFIG));
  writeFileSync(join(dir, 'app.ts'), source);
  try {
    const { stdout } = await run(process.execPath, [TSC, '-p', dir], { timeout: 60_000 });
    return { code: 0, output: stdout };
  } catch (error) {
    const failure = error as { code?: number; stdout?: string };
    return { code: failure.code ?? 1, output: failure.stdout ?? String(error) };
  }
}

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

// Needs `pnpm build` (of core, redis and this package) first; skipped, visibly, when the dist is absent.
describe.skipIf(!built)('the built types under "module": "commonjs" with classic resolution', () => {
  it('resolves the main, health, outbox and events entries (typesVersions) and type-checks a snippet', async () => {
    const { code, output } = await typeCheck(SNIPPET);
    expect(output).toBe('');
    expect(code).toBe(0);
  });

  it('is classic resolution indeed: a subpath typesVersions does not list is not found (TS2307)', async () => {
    const { code, output } = await typeCheck(
      `import { nothing } from '@qcloudmail/nestjs/nothing';\nexport { nothing };\n`,
    );
    expect(code).not.toBe(0);
    expect(output).toContain("TS2307: Cannot find module '@qcloudmail/nestjs/nothing'");
  });
});
