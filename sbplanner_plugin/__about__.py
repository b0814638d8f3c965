"""Plugin identity read from ``metadata.txt`` (the single source of truth).

Nothing here imports QGIS or Qt, so unit tests, ``make`` and the dependency check can use it.
"""

from __future__ import annotations

import configparser

from sbplanner_plugin.deps import version_tuple
from sbplanner_plugin.paths import metadata_path


def _read_metadata() -> dict[str, str]:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # keep QGIS' camelCase keys (qgisMinimumVersion, ...)
    with metadata_path().open(encoding="utf-8") as stream:
        parser.read_file(stream)
    return dict(parser["general"])


METADATA: dict[str, str] = _read_metadata()

__title__: str = METADATA["name"]
__version__: str = METADATA["version"]
__version_info__: tuple[int, ...] = version_tuple(__version__)
__author__: str = METADATA["author"]
__email__: str = METADATA["email"]
__summary__: str = METADATA["description"]
__homepage__: str = METADATA["homepage"]
__repository__: str = METADATA["repository"]
__tracker__: str = METADATA["tracker"]
__license__: str = "GPL-3.0-or-later"
__qgis_minimum_version__: str = METADATA["qgisMinimumVersion"]
__qgis_maximum_version__: str = METADATA["qgisMaximumVersion"]
__icon__: str = METADATA.get("icon", "")

__all__ = [
    "METADATA",
    "__author__",
    "__email__",
    "__homepage__",
    "__icon__",
    "__license__",
    "__qgis_maximum_version__",
    "__qgis_minimum_version__",
    "__repository__",
    "__summary__",
    "__title__",
    "__tracker__",
    "__version__",
    "__version_info__",
]
