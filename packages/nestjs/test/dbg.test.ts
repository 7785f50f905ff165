import { it } from 'vitest';
import { createRequire } from 'node:module';
it('dbg', async () => {
  const req = createRequire('/work/main/node_modules/.pnpm/router@2.3.0/node_modules/router/lib/layer.js');
  const key = req.resolve('is-promise');
  console.log(Object.keys(req.cache).filter((k) => k.includes('is-promise') || k.includes('router@')).slice(0, 5));
  await import(process.env.DBG_MOD ?? 'node:fs'); const { Test } = await import('@nestjs/testing');
  const { Controller, Get } = await import('@nestjs/common');
  @Controller() class C { @Get() hi() { return 'x'; } }
  const m = await Test.createTestingModule({ controllers: [C] }).compile();
  const app = m.createNestApplication();
  await app.listen(0, '127.0.0.1');
  const r = await fetch(`${await app.getUrl()}/`);
  console.log(r.status, await r.text());
  console.log(typeof req.cache[key]?.exports, Object.keys(req.cache).filter((k) => k.includes('is-promise')));
  await app.close();
});
