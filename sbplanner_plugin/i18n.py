"""Install the plugin's Qt translator for the QGIS user interface language.

Translations live in ``i18n/sbplanner_<locale>.qm`` (compiled by ``make transcompile`` from the
committed ``.ts`` files). The QGIS locale is tried in full first (``zh_CN``), then its language
prefix (``zh``). QGIS 3.28+ names Chinese ``zh-Hans`` / ``zh-Hant``; those map to ``zh_CN`` / ``zh_TW``.
"""

from __future__ import annotations

from sbplanner_plugin.paths import i18n_path

TRANSLATION_PREFIX = "sbplanner_"

# QGIS locale names that differ from the file names we ship.
_LOCALE_ALIASES = {
    "zh_hans": "zh_CN",
    "zh_hans_cn": "zh_CN",
    "zh_hant": "zh_TW",
    "zh_hant_tw": "zh_TW",
}


def qgis_locale() -> str:
    """The user interface locale QGIS uses (e.g. ``zh_CN``, ``en_US``, ``zh-Hans``)."""
    from qgis.core import QgsApplication, QgsSettings
    from qgis.PyQt.QtCore import QLocale

    locale = ""
    try:
        locale = QgsApplication.locale() or ""
    except (AttributeError, TypeError):
        locale = ""
    if not locale:
        settings = QgsSettings()
        if str(settings.value("locale/overrideFlag", False)).lower() in ("true", "1"):
            locale = str(settings.value("locale/userLocale", "") or "")
    return locale or QLocale.system().name()


def candidate_locales(locale: str) -> list[str]:
    """File-name locales to try for a QGIS ``locale``, most specific first."""
    if not locale:
        return []
    normalised = locale.replace("-", "_")
    candidates = []
    alias = _LOCALE_ALIASES.get(normalised.lower())
    if alias:
        candidates.append(alias)
    candidates.append(normalised)
    language = normalised.split("_")[0]
    if language:
        candidates.append(language)
    unique: list[str] = []
    for name in candidates:
        if name not in unique:
            unique.append(name)
    return unique


def translation_file(locale: str) -> str | None:
    """Path of the ``.qm`` file to load for ``locale``, or ``None`` when none is shipped."""
    for name in candidate_locales(locale):
        path = i18n_path(f"{TRANSLATION_PREFIX}{name}.qm")
        if path.is_file():
            return str(path)
    return None


def install_translator(locale: str | None = None):
    """Load and install the translator for ``locale`` (default: the QGIS locale).

    Returns the installed ``QTranslator`` (keep a reference and pass it to
    :func:`remove_translator` in ``unload()``), or ``None`` when no translation applies.
    """
    from qgis.PyQt.QtCore import QCoreApplication, QTranslator

    path = translation_file(locale if locale is not None else qgis_locale())
    if path is None:
        return None
    translator = QTranslator()
    if not translator.load(path):
        return None
    QCoreApplication.installTranslator(translator)
    return translator


def remove_translator(translator) -> None:
    """Uninstall a translator returned by :func:`install_translator` (``None`` is accepted)."""
    if translator is None:
        return
    from qgis.PyQt.QtCore import QCoreApplication

    QCoreApplication.removeTranslator(translator)
