import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  generateRecoveryCodes,
  hashRecoveryCode,
  matchRecoveryCode,
  normalizeRecoveryCode,
  type StoredRecoveryCode,
} from './recovery-codes.ts';

const fast = { memory: 1024, passes: 1, parallelism: 1 };

describe('recovery codes', () => {
  test('eight unique codes of 64 bits, shown as four dash-separated groups of four hex digits', () => {
    const codes = generateRecoveryCodes();
    assert.equal(codes.length, 8);
    assert.equal(new Set(codes).size, 8);
    for (const code of codes) assert.match(code, /^[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}$/);
  });

  test('normalisation accepts any case, with or without dashes, with surrounding spaces', () => {
    for (const typed of ['abcd-ef01-2345-6789', 'ABCD-EF01-2345-6789', 'abcdef0123456789', '  AbCd-Ef0123456789 \n']) {
      assert.equal(normalizeRecoveryCode(typed), 'abcdef0123456789', typed);
    }
    for (const typed of ['abcd-ef01-2345-678', 'abcd ef01 2345 6789', 'ghij-ef01-2345-6789', '', 'abcdef01234567890']) {
      assert.equal(normalizeRecoveryCode(typed), null, typed);
    }
  });

  test('matches against the stored hashes; a used code is reported burned, a stranger unknown', async () => {
    const codes = generateRecoveryCodes(3);
    const stored: StoredRecoveryCode[] = await Promise.all(
      codes.map(async (code, index) => ({ id: index + 1, hash: await hashRecoveryCode(code, fast), usedAt: null })),
    );
    for (const { hash } of stored) assert.doesNotMatch(hash, new RegExp(codes.join('|').replace(/-/g, '')));

    const first = await matchRecoveryCode(codes[1]!.toUpperCase().replace(/-/g, ''), stored);
    assert.equal(first.result, 'unused');
    assert.equal(first.result === 'unused' && first.code.id, 2);

    stored[1]!.usedAt = 1_000;
    const second = await matchRecoveryCode(codes[1]!, stored);
    assert.equal(second.result, 'burned');

    assert.deepEqual(await matchRecoveryCode('0000-0000-0000-0000', stored), { result: 'unknown' });
    assert.deepEqual(await matchRecoveryCode('not a code', stored), { result: 'unknown' });
  });
});
