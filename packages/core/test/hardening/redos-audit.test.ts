// ReDoS audit: every regular expression written in a package's or app's src/ is checked by recheck, and any it
// finds vulnerable (or cannot decide) fails this test with its file, line and pattern. Linear time on hostile
// input is a project promise; a regex that backtracks breaks it no matter how careful the code around it is.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { check, type Diagnostics } from 'recheck';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../..', import.meta.url));

interface FoundRegex {
  readonly where: string;
  readonly source: string;
  readonly flags: string;
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (name === 'node_modules') continue;
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (name.endsWith('.ts') && !name.endsWith('.test.ts') && !name.endsWith('.test-d.ts')) out.push(path);
  }
  return out;
}

function srcDirs(): string[] {
  const dirs: string[] = [];
  for (const group of ['packages', 'apps']) {
    for (const name of readdirSync(join(root, group))) {
      const src = join(root, group, name, 'src');
      try {
        if (statSync(src).isDirectory()) dirs.push(src);
      } catch {
        // a workspace folder without src/ has nothing to audit
      }
    }
  }
  return dirs;
}

/** Regex literals and `new RegExp('literal', 'flags')` calls, found through the TypeScript AST (not a regex). */
function regexesIn(file: string): FoundRegex[] {
  const text = readFileSync(file, 'utf8');
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: FoundRegex[] = [];
  const at = (node: ts.Node): string =>
    `${relative(root, file)}:${sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1}`;
  const visit = (node: ts.Node): void => {
    if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
      const literal = node.getText(sf);
      const end = literal.lastIndexOf('/');
      found.push({ where: at(node), source: literal.slice(1, end), flags: literal.slice(end + 1) });
    } else if (
      (ts.isNewExpression(node) || ts.isCallExpression(node)) &&
      ts.isIdentifier(node.expression) &&
      node.expression.text === 'RegExp'
    ) {
      const [pattern, flags] = node.arguments ?? [];
      if (pattern !== undefined && ts.isStringLiteralLike(pattern)) {
        const flagText = flags !== undefined && ts.isStringLiteralLike(flags) ? flags.text : '';
        found.push({ where: at(node), source: pattern.text, flags: flagText });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

// Point recheck at its native agent explicitly: without it, a lookup miss silently falls back to the JVM or the
// (much slower) Scala.js build, and the audit would take minutes.
function useNativeRecheck(): void {
  if (process.env.RECHECK_BIN !== undefined) return;
  const fromRecheck = createRequire(createRequire(import.meta.url).resolve('recheck'));
  try {
    const pkg = fromRecheck.resolve(
      `recheck-${process.platform === 'darwin' ? 'macos' : process.platform}-${process.arch}/package.json`,
    );
    process.env.RECHECK_BIN = pkg.replace(/package\.json$/, process.platform === 'win32' ? 'recheck.exe' : 'recheck');
    process.env.RECHECK_BACKEND = 'native';
  } catch {
    // no native build for this platform: recheck's own fallback (java, then pure JS) applies
  }
}

// Verdicts from counted matching steps only: recheck's per-attack time limits (attackTimeout, incubationTimeout)
// would let a loaded machine make a slow-to-run but linear regex look vulnerable. `timeout` bounds each check.
const PARAMS = { timeout: 60_000, attackTimeout: null, incubationTimeout: null, seedingTimeout: null } as const;

describe('ReDoS audit (recheck over every src/ regex)', () => {
  const regexes = srcDirs().flatMap(sourceFiles).flatMap(regexesIn);

  it('finds the regexes it is meant to audit', () => {
    // A collector that silently finds nothing would make the audit pass vacuously.
    expect(regexes.length).toBeGreaterThan(20);
    expect(regexes.some((r) => r.where.startsWith('packages/core/src/'))).toBe(true);
  });

  it('finds no regex that recheck calls vulnerable or cannot decide', { timeout: 120_000 }, async () => {
    useNativeRecheck();
    // Distinct patterns only: the same literal in ten files is checked once.
    const unique = new Map<string, Promise<Diagnostics>>();
    const verdict = (r: FoundRegex): Promise<Diagnostics> => {
      const key = `${r.flags}/${r.source}`;
      let pending = unique.get(key);
      if (pending === undefined) {
        pending = check(r.source, r.flags, PARAMS);
        unique.set(key, pending);
      }
      return pending;
    };
    const results = await Promise.all(regexes.map(async (r) => ({ r, d: await verdict(r) })));
    const failures = results
      .filter(({ d }) => d.status !== 'safe')
      .map(({ r, d }) => {
        const why =
          d.status === 'vulnerable'
            ? `${d.complexity.summary} e.g. ${d.attack.pattern}`
            : d.status === 'unknown'
              ? d.error.kind
              : '';
        return `${r.where} /${r.source}/${r.flags} ${d.status} (${why})`;
      });
    expect(failures).toEqual([]);
  });
});
