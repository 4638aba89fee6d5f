// `npm run bench`: prints the figures Vigil's speed goals are judged by, as one JSON document.
import path from 'node:path';
import { initialJsBudgetBytes, measureInitialJs } from './renderer-size.ts';
import { benchSignIn } from './sign-in.ts';

const root = path.resolve(import.meta.dirname, '..');
const renderer = measureInitialJs(path.join(root, 'dist/renderer'));
const signIn = await benchSignIn();

console.log(
  JSON.stringify(
    {
      node: process.version,
      signInPasswordAndTotp: signIn,
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
