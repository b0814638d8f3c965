"""Install the plugin's Qt translator for the QGIS user interface language.

Translations live in ``i18n/sbplanner_<locale>.qm`` (compiled by ``make transcompile`` from the
committed ``.ts`` files). The QGIS locale is tried in full first (``zh_CN``), then its language
prefix (``de``). Chinese locales are resolved by script (see :func:`candidate_locales`).
"""

from __future__ import annotations

from sbplanner_plugin.paths import i18n_path

TRANSLATION_PREFIX = "sbplanner_"

# Chinese scripts: QGIS 3.22 reports a system ``LANG=zh_CN.UTF-8`` as plain ``zh``; QGIS 3.28+ names
# ``zh-Hans`` / ``zh-Hant``; Qt and the OS also give ``zh_SG``, ``zh_TW``, ``zh_HK``, ``zh_MO`` and
# ``zh_Hans_CN``-style names. Simplified-Chinese ones use the ``zh_CN`` file; traditional ones get no
# translation (English) until a traditional file is shipped, never the simplified one.
SIMPLIFIED_CHINESE = "zh_CN"
_TRADITIONAL_TAGS = {"tw", "hk", "mo", "hant", "cht"}
TRADITIONAL_CHINESE = "zh_TW"


def _chinese_candidates(parts: list[str]) -> list[str] | None:
    """File-name locales for a Chinese locale split into lower-case parts, ``None`` if not Chinese."""
    if not parts or parts[0] != "zh":
        return None
    tags = set(parts[1:])
    if "hans" not in tags and tags & _TRADITIONAL_TAGS:
        # zh_Hant_*, zh_TW, zh_HK, zh_MO: only a traditional file would do
        return [TRADITIONAL_CHINESE]
    return [SIMPLIFIED_CHINESE]  # zh, zh_CN, zh_SG, zh_Hans_HK, another region: simplified script


def candidate_locales(locale: str) -> list[str]:
    """File-name locales to try for a QGIS ``locale``, most specific first.

    ``zh``, ``zh_CN``, ``zh-Hans``, ``zh_SG`` → ``zh_CN``; ``zh_TW``, ``zh_HK``, ``zh-Hant`` →
    ``zh_TW`` only (so English until that file exists); other locales: the full name, then its
    language (``de_AT`` → ``de_AT``, ``de``). An encoding or modifier suffix (``.UTF-8``, ``@euro``)
    is dropped.
    """
    if not locale:
        return []
    normalised = locale.split(".")[0].split("@")[0].replace("-", "_").strip()
    if not normalised or normalised.upper() in ("C", "POSIX"):
        return []
    parts = [part.lower() for part in normalised.split("_") if part]
    chinese = _chinese_candidates(parts)
    if chinese is not None:
        return chinese
    candidates = [normalised, parts[0]]
    unique: list[str] = []
    for name in candidates:
        if name and name not in unique:
            unique.append(name)
    return unique


def qgis_locale() -> str:
    """The user interface locale QGIS uses (e.g. ``zh_CN``, ``en_US``, ``zh-Hans``), with the system's
    region when QGIS gives only the language."""
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
    system = QLocale.system().name()  # e.g. zh_TW: Qt reads LANG / LC_ALL
    if locale and "_" not in locale and "-" not in locale and system.split("_")[0] == locale:
        # QGIS 3.22 reports the system locale by its language only (LANG=zh_TW.UTF-8 → "zh");
        # the region decides the script, so take the full system name
        return system
    return locale or system


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


# -- the language the user interface is shown in -------------------------------------------------------------------

#: Context and text of the marker whose translation names the language of the installed translation: a
#: ``.ts`` translates it to its language code ("zh"), without a translation it stays "en". Asking the translator
#: (rather than the locale) keeps every bilingual choice in step with the ``tr()`` texts around it: a zh_TW
#: locale without a traditional file gets English labels *and* English measure names.
LANGUAGE_CONTEXT = "SbPlannerLanguage"
LANGUAGE_MARKER = "en"


def ui_language() -> str:
    """ "zh" when the Chinese translation is installed (the UI shows Chinese), else "en"."""
    from qgis.PyQt.QtCore import QCoreApplication

    # the marker is translated by the .ts entry (SbPlannerLanguage, "en") → "zh"
    code = QCoreApplication.translate(LANGUAGE_CONTEXT, LANGUAGE_MARKER)
    return "zh" if code.strip().lower().startswith("zh") else "en"


def chinese_ui() -> bool:
    """Whether the user interface is shown in Chinese (see :func:`ui_language`)."""
    return ui_language() == "zh"


def pick(zh: str, en: str, language: str | None = None) -> str:
    """``zh`` or ``en`` by the UI language (or ``language``), the other one when the chosen one is empty."""
    chinese = (language or ui_language()) == "zh"
    first, second = (zh, en) if chinese else (en, zh)
    return first or second or ""


def name_of(item, language: str | None = None) -> str:
    """The name of a catalogue row (a measure, an indicator, a land-use class, a zone …) in the UI language:
    its ``name_zh`` or ``name_en`` (attribute or mapping key), the other one when that one is empty."""
    if isinstance(item, dict):
        zh, en = item.get("name_zh", ""), item.get("name_en", "")
    else:
        zh, en = getattr(item, "name_zh", ""), getattr(item, "name_en", "")
    return pick(str(zh or ""), str(en or ""), language)


def names_of(items, language: str | None = None) -> str:
    """The names of several catalogue rows joined by the language's list separator ("、" / ", ")."""
    separator = "、" if (language or ui_language()) == "zh" else ", "
    return separator.join(name_of(item, language) for item in items)
