#!/usr/bin/env bash
# The whole test suite: typecheck, lint, build, unit + integration tests (node:test), end-to-end journeys
# (Playwright in Debian's Chromium), the security suite (security/ and e2e/security/), and Electronegativity over
# electron/. Runs inside a private D-Bus session
# with an unlocked gnome-keyring so the keytar tests and the app use a real Secret Service, never a fake.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -z "${VIGIL_TEST_SESSION:-}" ]; then
  if ! command -v dbus-run-session >/dev/null || ! command -v gnome-keyring-daemon >/dev/null; then
    echo "The test suite needs dbus-run-session and gnome-keyring-daemon (Debian: dbus, gnome-keyring)." >&2
    exit 1
  fi
  export VIGIL_TEST_SESSION=1
  # dbus-daemon writes to the stderr it inherits, and three of its lines are known noise here: it cannot raise its fd
  # limit unprivileged, and it logs each start of the accessibility bus that Chromium asks for. Only the daemon's
  # stderr goes through this filter, which drops only those lines; the suite itself gets the real stderr (fd 3).
  dbus_noise="^dbus-daemon\[[0-9]+\]: \[session [^]]*\] (org\.freedesktop\.DBus\.Error\.AccessDenied: Failed to set fd limit"
  dbus_noise+=" to [0-9]+: Operation not permitted|Activating service name='org\.a11y\.Bus' |Successfully activated service 'org\.a11y\.Bus'$)"
  exec 3>&2 2> >(grep --line-buffered -vE "$dbus_noise" >&3)
  exec dbus-run-session -- bash -c 'exec 2>&3 3>&-; exec bash "$0" "$@"' "$0" "$@"
fi

# A keyring of our own: the daemon keeps its files under a throwaway HOME, unlocked with a throwaway password.
keyring_home=$(mktemp -d)
trap 'rm -rf "$keyring_home"' EXIT
printf 'vigil-test-keyring' | HOME="$keyring_home" gnome-keyring-daemon --unlock --components=secrets >/dev/null
export VIGIL_REQUIRE_KEYRING=1

logs=$(mktemp -d)
step() { printf '\n== %s\n' "$1"; }

step "typecheck"; npm run --silent typecheck
step "lint"; npm run --silent lint
step "build"; npm run --silent build

step "unit and integration tests"
set +e
npm run --silent test:unit -- --test-reporter=spec 2>&1 | tee "$logs/unit.txt"
unit_status=${PIPESTATUS[0]}

step "end-to-end tests"
npm run --silent test:e2e 2>&1 | tee "$logs/e2e.txt"
e2e_status=${PIPESTATUS[0]}

step "security tests (fuzz, floods, slow clients, races, file modes, durability, cookie isolation)"
npm run --silent test:security 2>&1 | tee "$logs/security.txt"
security_status=${PIPESTATUS[0]}

step "electronegativity"
node scripts/electronegativity.ts 2>&1 | tee "$logs/electronegativity.txt"
eneg_status=${PIPESTATUS[0]}
set -e

count() { grep -aoE "$1" "$2" | tail -n 1 | grep -oE '[0-9]+' || echo 0; }
# node:test ends with "ℹ pass N"; Playwright with indented "  N passed (12s)" lines (anchored, so a test named
# "10 failed sign-ins …" is not counted).
sum() { local total=0; for log in "$logs/unit.txt" "$logs/e2e.txt" "$logs/security.txt"; do
  total=$(( total + $(count "^ℹ $1 [0-9]+" "$log") + $(count "^ +[0-9]+ $2( |$)" "$log") )); done; echo "$total"; }
passed=$(sum pass passed)
failed=$(sum fail failed)
skipped=$(sum skipped skipped)
if [ "$unit_status" -ne 0 ] || [ "$e2e_status" -ne 0 ] || [ "$security_status" -ne 0 ] || [ "$eneg_status" -ne 0 ]; then
  [ "$failed" -gt 0 ] || failed=1
fi
echo
echo "total: $passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
