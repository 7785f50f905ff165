// Architecture rules, checked by `pnpm lint` (depcruise). Core's layers, bottom up: each may import only from
// layers below it (and from itself). rules.ts and model/issues.ts are the shared vocabulary under every layer.
const CORE = '^packages/core/src/';
const LAYERS = [
  ['base', '(rules\\.ts|model/issues\\.ts)$'],
  ['errors', 'errors/'],
  ['limits', 'limits/'],
  ['model', 'model/(?!issues\\.ts$)'],
  ['reply', 'reply/'],
  ['content', 'content/'],
  ['mime', 'mime/'],
  ['templates', 'templates/'],
  ['events', 'events/'],
  ['suppression', 'suppression/'],
  ['rate-limit', 'rate-limit/'],
  ['telemetry', 'telemetry/'],
  ['client', 'client/'],
  ['http', 'http/'],
];
const ADAPTERS = '^packages/(nodemailer|nestjs|express|cli|redis|emulator|templates)/src/';
const TESTS = '(\\.test\\.ts|\\.test-d\\.ts|\\.bench\\.ts)$|/test/';

const layerRules = LAYERS.slice(0, -1).map(([name, path], i) => ({
  name: `core-layer-${name}`,
  comment: `core's ${name} layer imports only from layers below it: ${
    LAYERS.slice(0, i)
      .map(([n]) => n)
      .join(', ') || 'none'
  }`,
  severity: 'error',
  from: { path: `${CORE}${path}`, pathNot: TESTS },
  to: { path: LAYERS.slice(i + 1).map(([, p]) => `${CORE}${p}`) },
}));

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'no import circle in any package source, between files or (through them) between folders',
      severity: 'error',
      from: { path: '^packages/[^/]+/src/', pathNot: TESTS },
      to: { circular: true },
    },
    ...layerRules,
    {
      name: 'adapters-through-core-entries',
      comment: 'adapters import core only through @qcloudmail/core or @qcloudmail/core/internal',
      severity: 'error',
      from: { path: ADAPTERS },
      to: { path: CORE, pathNot: `${CORE}(index|internal)\\.ts$` },
    },
    {
      name: 'no-test-from-src',
      comment: 'source never imports a test file, a test helper or a bench',
      severity: 'error',
      from: { path: '^(packages|apps)/[^/]+/src/', pathNot: TESTS },
      to: { path: TESTS },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    enhancedResolveOptions: {
      conditionNames: ['@qcloudmail/source', 'import', 'require', 'node', 'default'],
      exportsFields: ['exports'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'],
    },
  },
};
