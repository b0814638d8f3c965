"""plugin_root() and friends resolve in the source tree and in an installed (staged) plugin."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

from sbplanner_plugin import paths

REPO_ROOT = Path(__file__).resolve().parents[2]


def _load_paths_module(package_dir: Path):
    spec = importlib.util.spec_from_file_location("staged_sbplanner_paths", package_dir / "paths.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_source_tree_root_is_repo_root() -> None:
    assert paths.plugin_root() == REPO_ROOT
    assert paths.metadata_path() == REPO_ROOT / "metadata.txt"
    assert paths.metadata_path().is_file()


def test_resource_helpers_in_source_tree() -> None:
    assert paths.resources_path("demo", "youwuzhen") == REPO_ROOT / "resources" / "demo" / "youwuzhen"
    assert paths.demo_path("youwuzhen", "ywzdem10m.tif").is_file()
    assert paths.i18n_path("sbplanner_zh_CN.ts") == REPO_ROOT / "i18n" / "sbplanner_zh_CN.ts"
    assert paths.styles_path("watersheds") == REPO_ROOT / "resources" / "styles" / "watersheds.qml"
    assert paths.styles_path("streams.qml") == REPO_ROOT / "resources" / "styles" / "streams.qml"
    assert paths.icon_path("sbplanner") == REPO_ROOT / "resources" / "icons" / "sbplanner.svg"
    assert paths.icon_path("logo.png") == REPO_ROOT / "resources" / "icons" / "logo.png"


def test_installed_layout_root_is_package_dir(tmp_path: Path) -> None:
    # the layout `make package` produces: everything inside the plugin folder
    staged = tmp_path / "plugins" / "sbplanner_plugin"
    staged.mkdir(parents=True)
    shutil.copy(REPO_ROOT / "sbplanner_plugin" / "paths.py", staged / "paths.py")
    shutil.copy(REPO_ROOT / "metadata.txt", staged / "metadata.txt")
    (staged / "resources" / "styles").mkdir(parents=True)
    (staged / "resources" / "styles" / "watersheds.qml").write_text("<qgis/>", encoding="utf-8")

    staged_paths = _load_paths_module(staged)

    assert staged_paths.plugin_root() == staged.resolve()
    assert staged_paths.metadata_path() == staged.resolve() / "metadata.txt"
    assert staged_paths.styles_path("watersheds").is_file()
    assert staged_paths.i18n_path("sbplanner_zh_CN.qm") == staged.resolve() / "i18n" / "sbplanner_zh_CN.qm"


def test_package_without_metadata_falls_back_to_parent(tmp_path: Path) -> None:
    package = tmp_path / "checkout" / "sbplanner_plugin"
    package.mkdir(parents=True)
    shutil.copy(REPO_ROOT / "sbplanner_plugin" / "paths.py", package / "paths.py")

    staged_paths = _load_paths_module(package)

    assert staged_paths.plugin_root() == (tmp_path / "checkout").resolve()


def test_demo_tags_layers_the_way_the_dock_finds_them() -> None:
    """run_demo loads its plan layers with the dock's own gui.layers.load_plan_layers (one layer policy: tag, group,
    order, one stream network) and never spells the tag itself."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "sbplanner_plugin"
    gui = (root / "gui" / "layers.py").read_text(encoding="utf-8")
    demo = (root / "demo" / "run_demo.py").read_text(encoding="utf-8")
    (tag,) = re.findall(r'^LAYER_PROPERTY = "([^"]+)"', gui, flags=re.M)
    assert "dock_layers.load_plan_layers(" in demo
    assert f'"{tag}"' not in demo
