"""A Chinese system locale reaches the user without QGIS's "override system locale" setting.

With ``LANG=zh_CN.UTF-8`` QGIS 3.22 reports its locale as ``zh``; before the fix the plugin looked
for ``sbplanner_zh.qm`` and stayed English. Checked twice, as users meet it:

* headless: ``qgis_process.bin help`` on a staged plugin with a compiled ``.qm``, under
  ``LANG=zh_CN.UTF-8`` (Chinese), ``en_US.UTF-8`` and ``zh_TW.UTF-8`` (both English);
* in process: the plugin object a QGIS session creates installs the translator from the locale
  QGIS reports (``zh``), so a dock label reads in Chinese.
"""

from __future__ import annotations

import os
import shutil
import site
import subprocess
import sys

import pytest

QGIS_PROCESS = shutil.which("qgis_process.bin")
LRELEASE = shutil.which("lrelease")

pytestmark = pytest.mark.skipif(
    QGIS_PROCESS is None or LRELEASE is None, reason="needs qgis_process.bin and lrelease (make setup-dev)"
)


@pytest.fixture(scope="module")
def staged(tmp_path_factory, repo_root):
    """The plugin staged as `make package` does (package, metadata, resources, compiled .qm)."""
    root = tmp_path_factory.mktemp("locale")
    plugin = root / "plugins" / "sbplanner_plugin"
    shutil.copytree(repo_root / "sbplanner_plugin", plugin, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(repo_root / "metadata.txt", plugin)
    shutil.copytree(repo_root / "resources", plugin / "resources", ignore=shutil.ignore_patterns("demo"))
    (plugin / "i18n").mkdir()
    subprocess.run(
        [
            LRELEASE,
            "-silent",
            str(repo_root / "i18n" / "sbplanner_zh_CN.ts"),
            "-qm",
            str(plugin / "i18n" / "sbplanner_zh_CN.qm"),
        ],
        check=True,
    )
    return root


def headless_env(root, lang: str) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LC_") and k != "LANGUAGE"}
    profile = root / f"profile-{lang}"
    run = root / f"run-{lang}"
    run.mkdir(mode=0o700, exist_ok=True)
    env.update(
        LANG=lang,
        LC_ALL=lang,
        QT_QPA_PLATFORM="offscreen",
        QGIS_PLUGINPATH=str(root / "plugins"),
        HOME=str(root / f"home-{lang}"),
        QGIS_CUSTOM_CONFIG_PATH=str(profile),  # a fresh profile: no locale override set
        XDG_RUNTIME_DIR=str(run),
        SBPLANNER_DEPS_DIR=site.getsitepackages()[0] if sys.prefix != sys.base_prefix else "",
        SBPLANNER_CACHE_DIR=str(root / "cache"),
    )
    done = subprocess.run(
        [QGIS_PROCESS, "plugins", "enable", "sbplanner_plugin"], env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0 or "already enabled" in done.stderr, done.stdout + done.stderr
    return env


def algorithm_title(env) -> str:
    done = subprocess.run(
        [QGIS_PROCESS, "help", "sbplanner:delineate_watersheds"], env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return next(line for line in done.stdout.splitlines() if "(sbplanner:delineate_watersheds)" in line)


def test_qgis_process_speaks_chinese_under_a_chinese_system_locale(staged):
    assert algorithm_title(headless_env(staged, "zh_CN.UTF-8")) == "由出口点划分流域 (sbplanner:delineate_watersheds)"


@pytest.mark.parametrize("lang", ["en_US.UTF-8", "zh_TW.UTF-8"])
def test_qgis_process_stays_english_elsewhere(staged, lang):
    # zh_TW: traditional Chinese users must not get simplified Chinese; English until a zh_TW file exists
    assert (
        algorithm_title(headless_env(staged, lang))
        == "Delineate watersheds from outlets (sbplanner:delineate_watersheds)"
    )


def test_plugin_installs_the_translator_for_the_locale_qgis_reports(qgis_app, staged, monkeypatch):
    """In a QGIS session whose locale reads ``zh`` (3.22 under LANG=zh_CN.UTF-8), the processing-only
    plugin object (what qgis_process and the toolbox load) installs the Chinese translator."""
    from qgis.core import QgsApplication
    from qgis.PyQt.QtCore import QCoreApplication

    from sbplanner_plugin import i18n, plugin

    monkeypatch.setattr(QgsApplication, "locale", staticmethod(lambda: "zh"))
    monkeypatch.setattr(i18n, "i18n_path", lambda name: staged / "plugins" / "sbplanner_plugin" / "i18n" / name)
    instance = plugin.ProcessingOnlyPlugin()
    try:
        assert instance.translator is not None
        assert (
            QCoreApplication.translate("DelineateWatersheds", "Delineate watersheds from outlets") == "由出口点划分流域"
        )
    finally:
        instance.unload()
    assert instance.translator is None
    assert QCoreApplication.translate("DelineateWatersheds", "Delineate watersheds from outlets") == (
        "Delineate watersheds from outlets"
    )
