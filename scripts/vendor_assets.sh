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
# Apache ECharts: the full build (zrender bundled in it, as are parts of d3), with its licence,
# its NOTICE (Apache-2.0 section 4) and the licences of what it bundles.
cp node_modules/echarts/dist/echarts.min.js "$dest/echarts.min.js"
cp node_modules/echarts/LICENSE "$dest/echarts.LICENSE"
cp node_modules/echarts/NOTICE "$dest/echarts.NOTICE"
cp node_modules/echarts/licenses/LICENSE-d3 "$dest/echarts.LICENSE-d3"
cp node_modules/zrender/LICENSE "$dest/echarts.zrender.LICENSE"

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
| echarts.min.js | [echarts](https://www.npmjs.com/package/echarts) (dist/echarts.min.js) | $(version echarts) | $(license echarts) | echarts.LICENSE, echarts.NOTICE; bundled: [zrender](https://www.npmjs.com/package/zrender) $(version zrender) ($(license zrender), echarts.zrender.LICENSE), parts of d3 (BSD-3-Clause, echarts.LICENSE-d3) |

axe-core is used only by the browser accessibility tests (\`tests/browser/\`); pages do not load it.
echarts.min.js draws the charts of the annual-report comparison pages (\`gongkai/static/js/report-charts.js\`);
the same figures are always in a table on the page, so nothing is lost without it.
MD
echo "vendored into $dest:"
ls -l "$dest"
