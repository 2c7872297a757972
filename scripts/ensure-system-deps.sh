#!/usr/bin/env bash
# Installs the system packages the tests need, only when they are missing:
# a Chromium for Playwright (Debian's `chromium`, since Playwright cannot
# download its own browser on machines without internet access), and
# `redis-server` for the store tests that run against a real Redis.
set -euo pipefail

missing=()
playwright_chromium=$(node -e "const { chromium } = require('@playwright/test'); process.stdout.write(chromium.executablePath())" 2>/dev/null || true)
if [ -z "${CHROMIUM_PATH:-}" ] && [ ! -x "$playwright_chromium" ] && ! command -v chromium >/dev/null 2>&1; then
  missing+=(chromium)
fi
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)

[ "${#missing[@]}" -eq 0 ] && exit 0

echo "Installing system packages: ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then
  SUDO=""
elif command -v sudo >/dev/null 2>&1; then
  SUDO="sudo"
else
  echo "Missing ${missing[*]}: install them with your package manager (Debian: apt-get install ${missing[*]})." >&2
  exit 1
fi
$SUDO apt-get update
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends "${missing[@]}"
