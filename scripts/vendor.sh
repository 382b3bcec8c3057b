#!/usr/bin/env bash
# Copies the pinned front-end packages from node_modules into static/vendor (run after `npm ci`).
set -euo pipefail
cd "$(dirname "$0")/.."
version() { node -p "require('$1/package.json').version"; }

mkdir -p static/vendor/utrecht static/vendor/json-logic
cp node_modules/@utrecht/component-library-css/dist/index.css static/vendor/utrecht/component-library.css
cp node_modules/@utrecht/component-library-css/LICENSE* static/vendor/utrecht/ 2>/dev/null || true
echo "@utrecht/component-library-css $(version @utrecht/component-library-css)" > static/vendor/utrecht/VERSION
cp node_modules/json-logic-js/logic.js static/vendor/json-logic/logic.js
cp node_modules/json-logic-js/LICENSE static/vendor/json-logic/ 2>/dev/null || true
echo "json-logic-js $(version json-logic-js)" > static/vendor/json-logic/VERSION
