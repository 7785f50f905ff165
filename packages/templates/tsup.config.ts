import { defineConfig } from 'tsup';

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    handlebars: 'src/handlebars/index.ts',
    mjml: 'src/mjml/index.ts',
    'react-email': 'src/react-email/index.ts',
  },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  tsconfig: 'tsconfig.build.json',
});
