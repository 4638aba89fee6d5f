import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { EstateProject } from '../../../registry/contract/estate-schemas.ts';
import { complianceCsv, complianceJson, complianceRow } from './compliance-table.ts';

const now = Date.parse('2026-11-26T12:00:00Z');
const account = { registryUrl: 'http://127.0.0.1:4873', username: 'ann' };
const project: EstateProject = {
  name: '=cmd|calc',
  role: 'owner',
  createdAt: '2026-01-01T00:00:00.000Z',
  latestRelease: null,
  policy: { publishRequires2fa: true, automationTokensBypass2fa: true },
  collaborators: [
    { username: 'ann', role: 'owner', twoFactor: { enabled: true, enabledAt: '2026-01-01T00:00:00.000Z' }, addedAt: '2026-01-01T00:00:00.000Z', lastPublishedAt: null },
    { username: 'bo', role: 'maintainer', twoFactor: { enabled: false, enabledAt: null }, addedAt: '2026-01-01T00:00:00.000Z', lastPublishedAt: null },
  ],
  tokens: [
    {
      id: '7',
      holder: 'ann',
      name: 'ci "main"',
      permission: 'read-write',
      allProjects: false,
      createdAt: '2026-11-01T00:00:00.000Z',
      expiresAt: '2026-12-20T00:00:00.000Z',
      lastUsed: { time: '2026-11-25T00:00:00.000Z', ip: '198.51.100.4' },
      bypass2fa: true,
      allowedCidrs: ['198.51.100.0/24'],
    },
  ],
};

test('a row counts what the table shows and carries the rules’ verdict', () => {
  const row = complianceRow(account, project, now);
  assert.deepEqual(
    [row.status, row.collaboratorsWithout2fa, row.writeTokens, row.bypassTokens, row.findings.map((finding) => finding.rule)],
    ['failing', ['bo'], 1, 1, ['collaborator-without-2fa']],
  );
});

test('CSV quotes every cell, doubles quotes, and defuses cells a spreadsheet would run as formulas', () => {
  const csv = complianceCsv([complianceRow(account, project, now)]);
  const [header, line] = csv.trimEnd().split('\r\n');
  assert.match(header!, /^"registry","account","project","role","status",/);
  assert.match(line!, /^"http:\/\/127\.0\.0\.1:4873","ann","'=cmd\|calc","owner","failing","true","true","bo","1","1","failing: bo \(maintainer\)/);
  assert.ok(csv.endsWith('\r\n'));
});

test('JSON holds the rows and when they were made, and parses back', () => {
  const parsed = JSON.parse(complianceJson([complianceRow(account, project, now)], new Date(now))) as { generatedAt: string; projects: unknown[] };
  assert.equal(parsed.generatedAt, '2026-11-26T12:00:00.000Z');
  assert.equal(parsed.projects.length, 1);
});
