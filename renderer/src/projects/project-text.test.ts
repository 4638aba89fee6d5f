import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ComplianceRow } from '../bridge/contract.ts';
import { filterRows, policyText, projectHref, sortRows, writeTokensText } from './project-text.ts';

function row(name: string, changes: Partial<ComplianceRow> = {}): ComplianceRow {
  return {
    account: { registryUrl: 'http://r.example', username: 'ann' },
    name,
    role: 'owner',
    policy: { publishRequires2fa: true, automationTokensBypass2fa: false },
    collaboratorsWithout2fa: [],
    writeTokens: 0,
    bypassTokens: 0,
    status: 'compliant',
    findings: [],
    ...changes,
  };
}

test('policy and token counts in words', () => {
  assert.equal(policyText({ publishRequires2fa: false, automationTokensBypass2fa: false }), '2FA not required');
  assert.equal(policyText({ publishRequires2fa: true, automationTokensBypass2fa: true }), '2FA required (automation tokens exempt)');
  assert.equal(writeTokensText({ writeTokens: 0, bypassTokens: 0 }), 'None');
  assert.equal(writeTokensText({ writeTokens: 3, bypassTokens: 1 }), '3 (1 bypass 2FA)');
});

test('status sorts failing first; search finds a collaborator without 2FA; the status filter narrows', () => {
  const rows = [row('a'), row('b', { status: 'failing', collaboratorsWithout2fa: ['bo'] }), row('c', { status: 'at-risk' })];
  assert.deepEqual(sortRows(rows, 'status', 'ascending').map((r) => r.name), ['b', 'c', 'a']);
  assert.deepEqual(filterRows(rows, { text: 'BO', status: 'any' }).map((r) => r.name), ['b']);
  assert.deepEqual(filterRows(rows, { text: '', status: 'at-risk' }).map((r) => r.name), ['c']);
});

test('a project link survives any name and registry', () => {
  assert.equal(projectHref(row('a&b')), '/project?registry=http%3A%2F%2Fr.example&user=ann&name=a%26b');
});
