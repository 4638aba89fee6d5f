import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createExportSlots } from './export-slots.ts';

test('two exports per account at once; a finished one frees its slot once, whatever calls release', () => {
  const slots = createExportSlots(2);
  const first = slots.take(1)!;
  const second = slots.take(1)!;
  assert.equal(slots.take(1), null, 'a third waits');
  assert.ok(slots.take(2), 'another account has its own slots');
  first();
  first();
  const third = slots.take(1);
  assert.ok(third, 'a slot freed');
  assert.equal(slots.take(1), null, 'released twice, freed once');
  second();
  third!();
  assert.ok(slots.take(1));
});
