#!/usr/bin/env bash
# Install `make package`'s zip into real QGIS through Plugins ▸ Manage and Install Plugins ▸ Install from ZIP,
# under Xvfb, in a fresh profile (--profiles-path in a temporary folder), check that SBPlanner loaded (menu,
# dock, Processing provider) and keep a screenshot.
#   docs/screenshots/install_zip.sh OUT.png [LANG] [WIDTHxHEIGHT] [deps|nodeps]
# deps (default): the Python packages SBPlanner needs are reachable the way a user's pip/apt install makes
#   them (SBPLANNER_DEPS_DIR = the project .venv's site-packages): the provider must be registered.
# nodeps: they are not (QGIS's own Python only): the plugin must load and name what is missing.
# Exit status 0 only when every check passed (the key=value results are printed).
# Needs: make, xvfb, imagemagick (import), fonts-noto-cjk (make setup-shots); the repository's .venv.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd); repo=$(cd "$here/../.." && pwd)
out=$(realpath -m "$1"); lang=${2:-zh_CN.UTF-8}; size=${3:-1366x768}; mode=${4:-deps}
work=$(mktemp -d); [ -n "${SHOT_KEEP:-}" ] || trap 'rm -rf "$work"' EXIT; echo "work dir $work" >&2

make -C "$repo" --no-print-directory -s package >&2
version=$(sed -n 's/^version=//p' "$repo/metadata.txt")
zip="$repo/dist/sbplanner_plugin-$version.zip"; [ -f "$zip" ] || { echo "no $zip" >&2; exit 1; }
cp "$zip" "$work/"; zip="$work/$(basename "$zip")"  # what a user downloaded

profile="$work/root/profiles/default"; mkdir -p "$profile/QGIS"
cat > "$profile/QGIS/QGIS3.ini" <<INI
[qgis]
showTips=false
checkVersion=false
[app]
qgis\\warnAboutTips=false
INI
mkdir -p "$work/run" "$work/home"; chmod 700 "$work/run"
deps_env=(); expect=1
if [ "$mode" = deps ]; then
  site=$("$repo/.venv/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
  deps_env=(SBPLANNER_DEPS_DIR="$site")
else
  expect=0
fi
# env -i: no QGIS_PLUGINPATH, no PYTHONPATH, nothing of the developer's environment leaks into QGIS
env -i PATH=/usr/bin:/bin LANG="$lang" LC_ALL="$lang" HOME="$work/home" XDG_RUNTIME_DIR="$work/run" \
  SBPLANNER_CACHE_DIR="$work/cache" "${deps_env[@]}" \
  INSTALL_ZIP="$zip" INSTALL_OUT="$out" INSTALL_RESULT="$work/result.txt" INSTALL_EXPECT_DEPS="$expect" \
  xvfb-run -a -s "-screen 0 ${size}x24" \
  qgis --profiles-path "$work/root" --profile default --nologo --noversioncheck --code "$here/install_zip.py" \
  > "$work/qgis.log" 2>&1 || true
grep -E "INSTALL:|Traceback|Error" "$work/qgis.log" | head -40 || true
[ -f "$work/result.txt" ] || { echo "QGIS wrote no result" >&2; exit 1; }
cat "$work/result.txt"
grep -qx "ok=True" "$work/result.txt" && [ -f "$out" ] && echo "wrote $out"
