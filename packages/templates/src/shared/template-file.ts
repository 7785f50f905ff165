import { readdir, readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { templateError } from '@qcloudmail/core';

/** The largest template file read: a template renders a body of at most 1 MiB (SIZES), so 2 MiB is ample. */
export const MAX_TEMPLATE_FILE_BYTES = 2 * 1024 * 1024;

// A name is path segments of letters, digits, `_`, `-` and `.`, joined by `/`: no `..`, no absolute path, no
// backslash, so a name from a request can never reach outside the template directory.
function isSafeName(name: string): boolean {
  if (name.length === 0) return false;
  let segmentStart = 0;
  for (let i = 0; i <= name.length; i += 1) {
    const code = i === name.length ? 47 : name.charCodeAt(i);
    if (code === 47) {
      const segment = name.slice(segmentStart, i);
      if (segment === '' || segment === '.' || segment === '..') return false;
      segmentStart = i + 1;
      continue;
    }
    const ok =
      (code >= 48 && code <= 57) ||
      (code >= 65 && code <= 90) ||
      (code >= 97 && code <= 122) ||
      code === 45 ||
      code === 46 ||
      code === 95;
    if (!ok) return false;
  }
  return true;
}

/**
 * The file of template `name` in `dir` with `extension` (given or not in the name): a name that could leave the
 * directory is a `TEMPLATE` error naming the field.
 */
export function templatePath(dir: string, name: string, extension: string, engine: string): string {
  const bare = name.endsWith(extension) ? name.slice(0, -extension.length) : name;
  if (!isSafeName(bare)) {
    throw templateError(
      { template: name, engine, field: 'template' },
      {
        reason: 'template: expected a name of letters, digits, _, - and . in segments joined by /, without ..',
        category: 'validation',
      },
    );
  }
  return join(resolve(dir), `${bare}${extension}`);
}

/** Reads a template file, or returns undefined when it does not exist; bounded in size. */
export async function readTemplateFile(
  path: string,
  at: { template: string; engine: string },
): Promise<string | undefined> {
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw templateError(at, { reason: `cannot read the template file: ${String(error)}`, category: 'configuration' });
  }
  if (size > MAX_TEMPLATE_FILE_BYTES) {
    throw templateError(at, {
      reason: `the template file is ${size} bytes, more than ${MAX_TEMPLATE_FILE_BYTES}`,
      category: 'configuration',
    });
  }
  return readFile(path, 'utf8');
}

/** Every file under `dir` whose name ends with `extension`, as paths relative to `dir` with `/` separators. */
export async function listTemplateFiles(dir: string, extension: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (relative: string): Promise<void> => {
    const entries = await readdir(join(dir, relative), { withFileTypes: true });
    for (const entry of entries) {
      const path = relative === '' ? entry.name : `${relative}/${entry.name}`;
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile() && entry.name.endsWith(extension)) found.push(path);
    }
  };
  await walk('');
  return found.sort();
}

/** Whether `dir` is a directory. */
export async function isDirectory(dir: string): Promise<boolean> {
  try {
    return (await stat(dir)).isDirectory();
  } catch {
    return false;
  }
}
