#!/usr/bin/env bash
# Retakes docs/home.png and docs/home-fr.png: runs the browser test (the real `foyer demo` in headless
# Chromium) with FOYER_UPDATE_SCREENSHOTS=1, which also writes the two screenshots into docs/.
# Needs chromium and chromium-driver, and fonts-noto-color-emoji for the emoji in the demo messages
# (apt-get install -y chromium chromium-driver fonts-noto-color-emoji).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
swift build --product foyer
FOYER_UPDATE_SCREENSHOTS=1 swift test --filter DemoBrowserTests
git status --short docs/home.png docs/home-fr.png
