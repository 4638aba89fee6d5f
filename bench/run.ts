// `npm run bench`: prints the figures Vigil's speed goals are judged by, as one JSON document.
import path from 'node:path';
import { benchActivityRegistry } from './activity-registry.ts';
import { benchActivityScroll } from './activity-scroll.ts';
import { initialJsBudgetBytes, measureInitialJs } from './renderer-size.ts';
import { benchActivityAnalyzer } from './activity-analyzer.ts';
import { benchChainVerification } from './chain-verification.ts';
import { benchCommits } from './commit-sync.ts';
import { benchProjectEstate } from './project-estate.ts';
import { benchSignIn } from './sign-in.ts';
import { benchTokenWhoami } from './token-whoami.ts';

const root = path.resolve(import.meta.dirname, '..');
const renderer = measureInitialJs(path.join(root, 'dist/renderer'));
// The registry runs with synchronous=FULL (every commit synced, so acknowledged audit events survive power loss);
// NORMAL beside it shows what that durability costs. Runs drift faster as the process warms up, so one run is
// discarded and the modes alternate, each reported by its better run.
await benchSignIn('NORMAL');
const runs: Record<string, unknown>[] = [];
for (const mode of ['FULL', 'NORMAL', 'FULL', 'NORMAL'] as const) runs.push(await benchSignIn(mode));
const best = (mode: string) =>
  runs.filter((run) => run.synchronous === mode).sort((a, b) => Number(b.perSecond) - Number(a.perSecond))[0]!;
const signIn = best('FULL');
const signInNormalSync = best('NORMAL');
const commits = { full: benchCommits('FULL'), normal: benchCommits('NORMAL') };
const tokenWhoami = await benchTokenWhoami();
const projectEstate = await benchProjectEstate();
const activityAnalyzer = await benchActivityAnalyzer();
const chainVerification = await benchChainVerification();
// An account with 1,000,000 audit events: pages at any depth, filters, the chain's head, a streamed export.
const activityRegistry = await benchActivityRegistry();
// The Activity table in Chromium scrolled through 10,000 rows of a seeded history: frame times, rows in the DOM.
const activityScroll = await benchActivityScroll();

console.log(
  JSON.stringify(
    {
      node: process.version,
      signInPasswordAndTotp: signIn,
      signInPasswordAndTotpWithNormalSync: signInNormalSync,
      fullSyncCostPercent: Math.round((1 - Number(signIn.perSecond) / Number(signInNormalSync.perSecond)) * 1000) / 10,
      auditCommits: commits,
      tokenWhoamiVersusVerdaccio: tokenWhoami,
      projectEstate,
      activityAnalyzer,
      chainVerification,
      activityRegistry,
      activityScroll,
      rendererInitialJs: {
        gzipKB: Math.round((renderer.gzipBytes / 1024) * 10) / 10,
        rawKB: Math.round((renderer.rawBytes / 1024) * 10) / 10,
        budgetKB: initialJsBudgetBytes / 1024,
        withinBudget: renderer.gzipBytes <= initialJsBudgetBytes,
        files: renderer.files,
      },
    },
    null,
    2,
  ),
);
