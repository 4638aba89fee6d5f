// Runs Electronegativity over the main process and fails on any finding of medium severity or above.
// It runs in-process rather than through its CLI because the tool fetches translations and Electron's release
// list from GitHub at start; offline, its HTTP client (got) throws from a retry timer after the request has
// already failed and been handled, which kills the CLI. That one known error is ignored below; the release-list
// check (AvailableSecurityFixesGlobalCheck) is left out since it cannot work without the network, and the
// Electron version is given from package.json instead of being looked up.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);
const offlineRetryBug = 'The `onCancel` handler was attached after the promise settled.';
process.on('uncaughtException', (error) => {
  if (error.message === offlineRetryBug) return;
  console.error(error);
  process.exit(1);
});

interface Issue {
  id: string;
  file: string;
  location: { line: number; column: number };
  severity: { name: string; value: number };
  confidence: { name: string };
  description: string;
}
const run = require('@doyensec/electronegativity/dist/runner.js') as (
  options: Record<string, unknown>,
  forCli: boolean,
) => Promise<{ issues: Issue[]; errors: unknown[] }>;
const { severity } = require('@doyensec/electronegativity/dist/finder/attributes.js') as {
  severity: Record<string, { value: number }>;
};

const packageJson = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  devDependencies: Record<string, string>;
};
const input = process.env.VIGIL_ENEG_INPUT ?? path.join(root, 'electron');

// The tool also fetches updated translations at start and, offline, logs that it could not; its bundled English
// strings serve either way. That one line is dropped while it runs; everything else it logs passes through.
const translationNotice = 'Could not retrieve updated translations for the current locale';
const log = console.log;
console.log = (...items: unknown[]) => {
  if (items.length !== 1 || items[0] !== translationNotice) log(...items);
};
const result = await run(
  {
    input,
    customScan: [],
    excludeFromScan: ['AvailableSecurityFixesGlobalCheck'],
    isRelative: true,
    isVerbose: false,
    electronVersionOverride: packageJson.devDependencies.electron,
    parserPlugins: [],
  },
  false,
).finally(() => {
  console.log = log;
});

const mediumOrAbove = (severity.MEDIUM ?? { value: 2 }).value;
const serious = result.issues.filter((issue) => issue.severity.value >= mediumOrAbove);
for (const issue of result.issues) {
  const where = `${issue.file}:${issue.location.line}:${issue.location.column}`;
  console.log(`${issue.severity.name} ${issue.id} (${issue.confidence.name}) ${where} — ${issue.description}`);
}
for (const error of result.errors) console.log('parse error:', error);
console.log(`electronegativity: ${result.issues.length} findings, ${serious.length} of medium severity or above`);
process.exit(serious.length > 0 || result.errors.length > 0 ? 1 : 0);
