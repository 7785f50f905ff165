import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkSync } from 'recheck';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// Every regular expression of the emulator's sources (the inbox page's browser code included) can see input
// from the network: a message, a request path or body, a fault. Each must match in linear time.
const SRC = fileURLToPath(new URL('../src/', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

interface Found {
  where: string;
  source: string;
  flags: string;
}

function regexesOf(file: string): { literals: Found[]; constructed: string[] } {
  const text = readFileSync(file, 'utf8');
  const tree = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const literals: Found[] = [];
  const constructed: string[] = [];
  const where = (node: ts.Node) =>
    `${relative(SRC, file)}:${tree.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
  const visit = (node: ts.Node): void => {
    if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
      const literal = node.getText();
      const end = literal.lastIndexOf('/');
      literals.push({ where: where(node), source: literal.slice(1, end), flags: literal.slice(end + 1) });
    }
    if ((ts.isNewExpression(node) || ts.isCallExpression(node)) && node.expression.getText() === 'RegExp') {
      constructed.push(where(node));
    }
    ts.forEachChild(node, visit);
  };
  visit(tree);
  return { literals, constructed };
}

const found = sourceFiles(SRC).map(regexesOf);
const literals = found.flatMap((file) => file.literals);

describe("the emulator's regular expressions (recheck)", () => {
  it('finds the literals, and builds none at run time (those could not be audited)', () => {
    expect(literals.length).toBeGreaterThan(5);
    expect(found.flatMap((file) => file.constructed)).toEqual([]);
  });

  it.each(literals.map((found) => [found.where, found] as const))('%s is safe', (_where, { source, flags }) => {
    const result = checkSync(source, flags);
    expect(result.status, `/${source}/${flags}: ${JSON.stringify(result)}`).toBe('safe');
  });
});
