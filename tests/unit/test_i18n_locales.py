"""Which translation file a QGIS locale name loads (no Qt needed: pure name resolution).

QGIS 3.22 reports a system ``LANG=zh_CN.UTF-8`` as plain ``zh`` (measured), 3.28+ as ``zh-Hans``;
all simplified-Chinese names must reach ``sbplanner_zh_CN.qm``, traditional ones must not.
"""

from __future__ import annotations

import pytest

from sbplanner_plugin import i18n


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        ("zh", ["zh_CN"]),  # QGIS 3.22 with LANG=zh_CN.UTF-8 and no override
        ("zh_CN", ["zh_CN"]),
        ("zh-CN", ["zh_CN"]),
        ("zh-Hans", ["zh_CN"]),  # QGIS 3.28+
        ("zh_Hans_CN", ["zh_CN"]),
        ("zh_SG", ["zh_CN"]),
        ("zh_Hans_HK", ["zh_CN"]),  # simplified script in Hong Kong
        ("zh_CN.UTF-8", ["zh_CN"]),
        ("zh_TW", ["zh_TW"]),  # traditional: only a traditional file would do (none shipped → English)
        ("zh_HK", ["zh_TW"]),
        ("zh-Hant", ["zh_TW"]),
        ("zh_Hant_TW", ["zh_TW"]),
        ("de_AT", ["de_AT", "de"]),
        ("en_US", ["en_US", "en"]),
        ("fr", ["fr"]),
        ("C", []),
        ("POSIX", []),
        ("", []),
    ],
)
def test_candidate_locales(locale, expected):
    assert i18n.candidate_locales(locale) == expected


def test_simplified_names_find_the_shipped_file_and_traditional_ones_none(tmp_path, monkeypatch):
    (tmp_path / "sbplanner_zh_CN.qm").write_bytes(b"qm")
    monkeypatch.setattr(i18n, "i18n_path", lambda name: tmp_path / name)
    for name in ("zh", "zh_CN", "zh-Hans", "zh_SG"):
        assert i18n.translation_file(name) == str(tmp_path / "sbplanner_zh_CN.qm")
    for name in ("zh_TW", "zh_HK", "zh-Hant", "en_US", "C"):
        assert i18n.translation_file(name) is None
