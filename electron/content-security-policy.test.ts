import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { contentSecurityPolicy, contentSecurityPolicyHeader } from './content-security-policy.ts';

test("the renderer's <meta> policy is exactly the one main and the browser host send as a header", () => {
  const html = fs.readFileSync(path.resolve(import.meta.dirname, '../renderer/index.html'), 'utf8');
  const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html);
  assert.ok(meta, 'index.html declares a CSP');
  assert.equal(meta[1]?.replace(/\s+/g, ' ').trim(), contentSecurityPolicy);
});

test('the policy allows nothing by default, no inline or eval script, and no framing', () => {
  const directives = new Map(
    contentSecurityPolicyHeader.split(';').map((directive) => {
      const [name = '', ...sources] = directive.trim().split(/\s+/);
      return [name, sources.join(' ')];
    }),
  );
  assert.equal(directives.get('default-src'), "'none'");
  assert.equal(directives.get('script-src'), "'self'");
  assert.equal(directives.get('frame-ancestors'), "'none'");
  assert.ok(!contentSecurityPolicyHeader.includes('unsafe-'), 'no unsafe-inline or unsafe-eval');
});
