#!/usr/bin/env bash
# Screenshot of real QGIS with the SBPlanner dock, under Xvfb, in a throw-away profile.
#   docs/screenshots/shoot.sh OUT.png [LANG] [WIDTHxHEIGHT] [STEP] [PROJECT.qgz]
# LANG e.g. zh_CN.UTF-8 or en_US.UTF-8 (the system locale; the profile sets no override).
# Needs: xvfb, imagemagick (import), xdotool, fonts-noto-cjk (make setup-shots); the repository's .venv.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd); repo=$(cd "$here/../.." && pwd)
out=$(realpath -m "$1"); lang=${2:-zh_CN.UTF-8}; size=${3:-1366x768}; step=${4:-0}; project=${5:-}
work=$(mktemp -d); [ -n "${SHOT_KEEP:-}" ] || trap 'rm -rf "$work"' EXIT; echo "work dir $work" >&2
plugins="$work/plugins"; mkdir -p "$plugins/sbplanner_plugin"
cp -r "$repo/sbplanner_plugin/." "$plugins/sbplanner_plugin/"
cp "$repo/metadata.txt" "$plugins/sbplanner_plugin/"
mkdir -p "$plugins/sbplanner_plugin/resources" "$plugins/sbplanner_plugin/i18n"
for d in params icons styles layouts report; do cp -r "$repo/resources/$d" "$plugins/sbplanner_plugin/resources/"; done
# SHOT_DEMO=1 (shoot.py): the plugin's "Load demo project" needs the bundled demo data
[ "${SHOT_DEMO:-}" = 1 ] && cp -r "$repo/resources/demo" "$plugins/sbplanner_plugin/resources/"
lrelease -silent "$repo/i18n/sbplanner_zh_CN.ts" -qm "$plugins/sbplanner_plugin/i18n/sbplanner_zh_CN.qm"
profile="$work/root/profiles/default"; mkdir -p "$profile/QGIS"
cat > "$profile/QGIS/QGIS3.ini" <<INI
[PythonPlugins]
sbplanner_plugin=true
[qgis]
showTips=false
checkVersion=false
[app]
qgis\\warnAboutTips=false
INI
mkdir -p "$work/run"; chmod 700 "$work/run"
site=$("$repo/.venv/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
[ -n "$project" ] && project=$(realpath "$project")
env -u LANGUAGE LANG="$lang" LC_ALL="$lang" HOME="$work/home" XDG_RUNTIME_DIR="$work/run" \
  QGIS_PLUGINPATH="$plugins" SBPLANNER_DEPS_DIR="$site" SBPLANNER_CACHE_DIR="$work/cache" \
  SHOT_OUT="$out" SHOT_STEP="$step" SHOT_PROJECT="$project" \
  xvfb-run -a -s "-screen 0 ${size}x24" \
  qgis --profiles-path "$work/root" --profile default --nologo --noversioncheck --code "$here/shoot.py" 2>&1 \
  > "$work/qgis.log" 2>&1 || true; grep -E "SHOT:|Traceback|Error" "$work/qgis.log" | head -20 || true
[ -f "$out" ] && echo "wrote $out"
