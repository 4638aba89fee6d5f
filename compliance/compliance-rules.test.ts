import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Collaborator, ReachingToken } from '../registry/contract/estate-schemas.ts';
import { auditProject, reaches, type AuditedProject } from './compliance-rules.ts';

const now = Date.parse('2026-11-26T12:00:00Z');
const daysAgo = (days: number) => new Date(now - days * 86_400_000).toISOString();
const person = (username: string, enabled: boolean, role: Collaborator['role'] = 'maintainer'): Collaborator => ({
  username,
  role,
  twoFactor: { enabled, enabledAt: enabled ? daysAgo(100) : null },
  addedAt: daysAgo(100),
  lastPublishedAt: null,
});
const token = (changes: Partial<ReachingToken>): ReachingToken => ({
  id: '1',
  holder: 'ann',
  name: 'ci',
  permission: 'read-only',
  allProjects: false,
  createdAt: daysAgo(10),
  expiresAt: daysAgo(-30),
  lastUsed: { time: daysAgo(1), ip: '198.51.100.7' },
  bypass2fa: false,
  allowedCidrs: [],
  ...changes,
});
const project = (changes: Partial<AuditedProject> = {}): AuditedProject => ({
  name: 'left-pad',
  policy: { publishRequires2fa: true, automationTokensBypass2fa: false },
  collaborators: [person('ann', true, 'owner')],
  tokens: [token({})],
  ...changes,
});

test('a project with 2FA required, every collaborator on 2FA and tidy tokens is compliant', () => {
  assert.deepEqual(auditProject(project(), now), { status: 'compliant', findings: [] });
});

test('a collaborator without 2FA fails the project, named in the reason and the fix', () => {
  const verdict = auditProject(project({ collaborators: [person('ann', true, 'owner'), person('bo', false)] }), now);
  assert.equal(verdict.status, 'failing');
  assert.deepEqual(verdict.findings.map((finding) => [finding.rule, finding.severity, finding.subject]), [
    ['collaborator-without-2fa', 'failing', { kind: 'collaborator', username: 'bo' }],
  ]);
  assert.match(verdict.findings[0]!.reason, /^bo \(maintainer\) can publish left-pad without two-factor/);
  assert.match(verdict.findings[0]!.fix, /Ask bo to turn on 2FA/);
});

test('publishing without a 2FA requirement fails the project', () => {
  const verdict = auditProject(project({ policy: { publishRequires2fa: false, automationTokensBypass2fa: false } }), now);
  assert.deepEqual([verdict.status, verdict.findings.map((finding) => finding.rule)], ['failing', ['publish-without-2fa']]);
});

test('each token rule puts the project at risk, naming the holder and the token', () => {
  const cases: Array<[Partial<ReachingToken>, string]> = [
    [{ permission: 'read-write', bypass2fa: true }, 'bypass-token-without-ip-limit'],
    [{ permission: 'read-write', allProjects: true, allowedCidrs: ['10.0.0.0/8'] }, 'write-token-for-all-projects'],
    [{ lastUsed: null, createdAt: daysAgo(31) }, 'stale-token'],
    [{ lastUsed: { time: daysAgo(91), ip: '198.51.100.7' }, createdAt: daysAgo(200) }, 'stale-token'],
    [{ expiresAt: daysAgo(-91) }, 'long-lived-token'],
  ];
  for (const [changes, rule] of cases) {
    const verdict = auditProject(project({ tokens: [token(changes)] }), now);
    assert.deepEqual([verdict.status, verdict.findings.map((finding) => finding.rule)], ['at-risk', [rule]], rule);
    assert.match(verdict.findings[0]!.reason, /^ann's token "ci"/);
  }
});

test('near misses do not fire: an IP-limited bypass token, a read-only all-projects token, 90 days exactly', () => {
  const tokens = [
    token({ permission: 'read-write', bypass2fa: true, allowedCidrs: ['198.51.100.0/24'] }),
    token({ allProjects: true }),
    token({ expiresAt: daysAgo(-90), lastUsed: null, createdAt: daysAgo(29) }),
  ];
  assert.deepEqual(auditProject(project({ tokens }), now), { status: 'compliant', findings: [] });
});

test('thresholds: at-risk reaches at-risk only; failing reaches both', () => {
  assert.deepEqual(
    (['compliant', 'at-risk', 'failing'] as const).map((status) => [reaches(status, 'at-risk'), reaches(status, 'failing')]),
    [
      [false, false],
      [true, false],
      [true, true],
    ],
  );
});
