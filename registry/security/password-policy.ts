// What the registry accepts as a new password, checked by the API (POST /account/password) and the CLI (user add)
// alike: at least 12 characters, not containing the username, and not easy to guess by zxcvbn's estimate (score 3
// of 4 or better, the username given as a word an attacker would try). The reason is plain text a person can act
// on; it never repeats the password.
import type { ZxcvbnFactory } from '@zxcvbn-ts/core';

export const minimumPasswordLength = 12;
export const minimumPasswordScore = 3;

export type PasswordVerdict = { acceptable: true } | { acceptable: false; reason: string };

let estimator: Promise<ZxcvbnFactory> | null = null;

// zxcvbn's dictionaries take a few hundred milliseconds to load, so they are loaded on the first check rather than
// at start-up, which most registry runs (and every CLI command but user add) never need.
function loadEstimator(): Promise<ZxcvbnFactory> {
  estimator ??= Promise.all([
    import('@zxcvbn-ts/core'),
    import('@zxcvbn-ts/language-common'),
    import('@zxcvbn-ts/language-en'),
  ]).then(
    ([core, common, english]) =>
      new core.ZxcvbnFactory({
        dictionary: { ...common.dictionary, ...english.dictionary },
        graphs: common.adjacencyGraphs,
        translations: english.translations,
        // The estimate runs on the event loop, and with the defaults (256 characters, 100 l33t substitutions) a
        // crafted password takes over a second. These bound it near 100 ms; the first 64 characters of a longer
        // password still decide its score, and common l33t spellings (p@$$w0rd) are still recognised.
        maxLength: 64,
        l33tMaxSubstitutions: 10,
      }),
    (error: unknown) => {
      estimator = null;
      throw error;
    },
  );
  return estimator;
}

/** Whether `password` may become the password of `username`, and if not, why. */
export async function checkNewPassword(password: string, username: string): Promise<PasswordVerdict> {
  const length = [...password].length;
  if (length < minimumPasswordLength) {
    return { acceptable: false, reason: `Use at least ${minimumPasswordLength} characters; this password has ${length}.` };
  }
  if (password.toLowerCase().includes(username.toLowerCase())) {
    return { acceptable: false, reason: 'The password must not contain the username.' };
  }
  const { score, feedback } = (await loadEstimator()).check(password, [username]);
  if (score >= minimumPasswordScore) return { acceptable: true };
  const advice = [feedback.warning, ...feedback.suggestions].filter((text): text is string => Boolean(text));
  const reason = ['This password is too easy to guess.', ...advice].join(' ');
  return { acceptable: false, reason };
}
