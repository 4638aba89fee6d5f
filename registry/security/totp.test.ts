import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkTotp, generateTotpSecret, otpauthUri, totpCode, totpTimeStep } from './totp.ts';

// RFC 6238 appendix B's SHA-1 secret ("12345678901234567890"), base32-encoded.
const rfcSecret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const stepMs = 30_000;
// The middle of a time step, so ±1 step of drift is unambiguous.
const now = 1_750_000_000_000 - (1_750_000_000_000 % stepMs) + 15_000;
const step = totpTimeStep(now);
const codeAt = (offset: number) => totpCode(rfcSecret, (step + offset) * stepMs);

describe('TOTP', () => {
  test('matches the RFC 6238 SHA-1 test vectors (6 digits)', async () => {
    assert.equal(await totpCode(rfcSecret, 59_000), '287082');
    assert.equal(await totpCode(rfcSecret, 1_111_111_109_000), '081804');
    assert.equal(await totpCode(rfcSecret, 1_234_567_890_000), '005924');
  });

  test('the otpauth URI states the parameters codes are checked with, issuer and account percent-encoded', () => {
    assert.equal(
      otpauthUri({ secret: rfcSecret, issuer: 'Vigil registry', account: 'ana.b' }),
      `otpauth://totp/Vigil%20registry:ana.b?secret=${rfcSecret}&issuer=Vigil%20registry&algorithm=SHA1&digits=6&period=30`,
    );
    const uri = otpauthUri({ secret: rfcSecret, issuer: 'A:B&C=D?', account: 'x' });
    assert.equal(new URL(uri).searchParams.get('issuer'), 'A:B&C=D?');
    assert.ok(uri.startsWith('otpauth://totp/A%3AB%26C%3DD%3F:x?'));
  });

  test('new secrets are 160 bits of base32', () => {
    const secret = generateTotpSecret();
    assert.match(secret, /^[A-Z2-7]{32}$/);
    assert.notEqual(secret, generateTotpSecret());
  });

  test('accepts the previous, current and next step', async () => {
    for (const offset of [-1, 0, 1]) {
      const result = await checkTotp({ secret: rfcSecret, code: await codeAt(offset), nowMs: now, lastAcceptedStep: null });
      assert.deepEqual(result, { result: 'valid', timeStep: step + offset }, `offset ${offset}`);
    }
  });

  test('refuses codes two steps away', async () => {
    for (const offset of [-2, 2]) {
      const result = await checkTotp({ secret: rfcSecret, code: await codeAt(offset), nowMs: now, lastAcceptedStep: null });
      assert.deepEqual(result, { result: 'invalid' }, `offset ${offset}`);
    }
  });

  test('refuses a code whose step is not later than the last accepted one as a replay', async () => {
    const current = await codeAt(0);
    assert.deepEqual(await checkTotp({ secret: rfcSecret, code: current, nowMs: now, lastAcceptedStep: step }), {
      result: 'replayed',
    });
    assert.deepEqual(await checkTotp({ secret: rfcSecret, code: await codeAt(-1), nowMs: now, lastAcceptedStep: step }), {
      result: 'replayed',
    });
    assert.deepEqual(await checkTotp({ secret: rfcSecret, code: await codeAt(1), nowMs: now, lastAcceptedStep: step }), {
      result: 'valid',
      timeStep: step + 1,
    });
  });

  test('a wrong code after an accepted one is invalid, not a replay', async () => {
    const wrong = (Number(await codeAt(0)) + 1) % 1_000_000;
    const code = String(wrong).padStart(6, '0');
    assert.deepEqual(await checkTotp({ secret: rfcSecret, code, nowMs: now, lastAcceptedStep: step - 5 }), {
      result: 'invalid',
    });
  });

  test('a clock that went backwards past the last accepted step only yields replays', async () => {
    const result = await checkTotp({ secret: rfcSecret, code: await codeAt(0), nowMs: now, lastAcceptedStep: step + 10 });
    assert.deepEqual(result, { result: 'replayed' });
  });

  test('accepts the published 80-bit demo secret', async () => {
    const code = await totpCode('JBSWY3DPEHPK3PXP', now);
    const result = await checkTotp({ secret: 'JBSWY3DPEHPK3PXP', code, nowMs: now, lastAcceptedStep: null });
    assert.equal(result.result, 'valid');
  });
});
