import { createRequire, Module } from 'node:module';
import { dirname, join } from 'node:path';

// Vitest hands the root config's `ssr.resolve.conditions` (which include `import`) to its workers as Node
// `--conditions` flags, so Node's own `require('is-promise')` inside Express 5's router loads the package's ESM
// entry and gets a namespace object instead of the function: every Express 5 route then fails with
// "isPromise is not a function". Until the root config stops passing `import` to Node, the CommonJS entry is
// put in the require cache under the path Node resolves to.
const require = createRequire(import.meta.url);
const requireFromRouter = createRequire(createRequire(require.resolve('express')).resolve('router'));
const resolved = requireFromRouter.resolve('is-promise');
if (resolved.endsWith('.mjs')) {
  const cjs = join(dirname(resolved), 'index.js');
  const module = new Module(resolved);
  module.filename = resolved;
  module.exports = requireFromRouter(cjs);
  module.loaded = true;
  require.cache[resolved] = module;
}
