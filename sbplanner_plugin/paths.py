"""Where the plugin's files are, both in the source tree and in an installed plugin folder.

Two layouts exist:

* source tree (git clone): ``<repo>/sbplanner_plugin/`` next to ``<repo>/metadata.txt``,
  ``<repo>/resources/`` and ``<repo>/i18n/``;
* installed plugin (``make package`` / ``make deploy`` / Plugin Manager):
  ``<plugins>/sbplanner_plugin/`` holding ``metadata.txt``, ``resources/`` and ``i18n/`` itself.

:func:`plugin_root` returns the folder that holds ``metadata.txt`` in either layout, so the rest
of the code never has to care. This module imports neither QGIS nor Qt.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
METADATA_FILE = "metadata.txt"


def plugin_root() -> Path:
    """Folder holding ``metadata.txt``: the package folder when installed, else the source root."""
    if (PACKAGE_DIR / METADATA_FILE).is_file():
        return PACKAGE_DIR
    return PACKAGE_DIR.parent


def metadata_path() -> Path:
    """Path of ``metadata.txt``."""
    return plugin_root() / METADATA_FILE


def resources_path(*parts: str) -> Path:
    """Path inside ``resources/`` (icons, styles, parameter tables, demo data)."""
    return plugin_root().joinpath("resources", *parts)


def i18n_path(*parts: str) -> Path:
    """Path inside ``i18n/`` (``sbplanner_<locale>.ts`` sources, compiled ``.qm`` files)."""
    return plugin_root().joinpath("i18n", *parts)


def styles_path(name: str) -> Path:
    """Path of the QML style ``resources/styles/<name>.qml`` (``.qml`` is added when missing)."""
    file_name = name if name.endswith(".qml") else f"{name}.qml"
    return resources_path("styles", file_name)


def icon_path(name: str) -> Path:
    """Path of an icon in ``resources/icons/`` (``.svg`` is added when no suffix is given)."""
    file_name = name if Path(name).suffix else f"{name}.svg"
    return resources_path("icons", file_name)


def demo_path(*parts: str) -> Path:
    """Path inside the bundled demo data ``resources/demo/``."""
    return resources_path("demo", *parts)
