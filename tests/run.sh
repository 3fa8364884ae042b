#!/usr/bin/env bash
# The README's test command: install what the tests need, then run every test.
# Needs Debian (apt-get, as root or with sudo), Python 3.11 with pip, and node/npm; CI runs it through .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."

export DEBIAN_FRONTEND=noninteractive PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_ROOT_USER_ACTION=ignore
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

step() { printf '\n==> %s\n' "$*"; }

step "Debian packages: Chromium for the browser tests, fonts for stable screenshots, nginx for deploy/nginx/'s tests, PostgreSQL for the insights' tests, espeak-ng, opus-tools and lame for the narration"
$SUDO apt-get update -qq -o DPkg::Lock::Timeout=300
$SUDO apt-get install -y -qq -o DPkg::Lock::Timeout=300 --no-install-recommends \
    chromium fonts-dejavu-core fonts-liberation nginx openssl espeak-ng opus-tools lame postgresql >/dev/null
/usr/bin/chromium --version 2>/dev/null

step "npm packages (axe-core, injected into pages by the accessibility tests)"
npm ci --no-audit --no-fund --loglevel=error
node -e 'console.log("axe-core " + require("axe-core/package.json").version)'

step "Python packages"
pip install -q -r requirements-test.txt
python --version

step "Tests: python -m pytest"
status=0
python -m pytest "$@" || status=$?
if [ "$status" -eq 5 ]; then
    echo "pytest collected no tests: that is a failure here" >&2
    exit 1
fi
exit "$status"
