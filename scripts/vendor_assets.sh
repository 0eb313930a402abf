#!/bin/sh
# Refresh the vendored front-end assets in gongkai/static/vendor/ from npm.
#
# The product never needs npm or a CDN at run time (it must work on a government intranet):
# this script is run by a developer when upgrading an asset, and the copied files are
# committed. Versions are pinned in package.json / package-lock.json.
set -eu

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
npm ci --no-audit --no-fund

dest="gongkai/static/vendor"
mkdir -p "$dest"

cp node_modules/htmx.org/dist/htmx.min.js "$dest/htmx.min.js"
cp node_modules/htmx.org/LICENSE "$dest/htmx.LICENSE"
cp node_modules/axe-core/axe.min.js "$dest/axe.min.js"
cp node_modules/axe-core/LICENSE "$dest/axe-core.LICENSE"
cp node_modules/axe-core/LICENSE-3RD-PARTY.txt "$dest/axe-core.LICENSE-3RD-PARTY.txt"

version() { node -p "require('./node_modules/$1/package.json').version"; }
license() { node -p "require('./node_modules/$1/package.json').license"; }

cat > "$dest/README.md" <<MD
# Vendored front-end assets

Copied from npm by \`scripts/vendor_assets.sh\` (versions pinned in \`package.json\`). Do not edit
by hand; no page may load anything from a CDN.

| file | package | version | licence | licence file |
|---|---|---|---|---|
| htmx.min.js | [htmx.org](https://www.npmjs.com/package/htmx.org) (dist/htmx.min.js) | $(version htmx.org) | $(license htmx.org) | htmx.LICENSE |
| axe.min.js | [axe-core](https://www.npmjs.com/package/axe-core) (axe.min.js) | $(version axe-core) | $(license axe-core) | axe-core.LICENSE, axe-core.LICENSE-3RD-PARTY.txt |

axe-core is used only by the browser accessibility tests (\`tests/browser/\`); pages do not load it.
MD
echo "vendored into $dest:"
ls -l "$dest"
