"""The items vocabulary of step 4 (core.quantities.items)."""

from __future__ import annotations

import pytest

from sbplanner_plugin.core.quantities.items import (
    D016_COLUMNS,
    ITEM_COLUMNS,
    ITEM_INFO,
    Item,
    UnknownItemError,
    items_frame,
)


def test_every_item_has_a_unit_and_a_known_d016_column() -> None:
    assert set(ITEM_INFO) == set(Item)
    for info in ITEM_INFO.values():
        assert info.unit and (info.d016_column == "" or info.d016_column in D016_COLUMNS)


def test_items_frame_fills_units_and_years_and_refuses_unknown_items() -> None:
    frame = items_frame(
        [
            {
                "source": "terrace",
                "feature_id": 3,
                "measure_code": "terrace_level_earth",
                "item": "earth_cut_m3",
                "quantity": "12.5",
            }
        ]
    )
    assert list(frame.columns) == list(ITEM_COLUMNS)
    row = frame.iloc[0]
    assert (row["unit"], row["quantity"], row["year"], row["feature_id"]) == ("m³", 12.5, 1, 3)
    with pytest.raises(UnknownItemError, match="earthworks"):
        items_frame([{"source": "terrace", "item": "earthworks", "quantity": 1}])
    with pytest.raises(UnknownItemError, match="sources"):
        items_frame([{"source": "elsewhere", "item": "count", "quantity": 1}])
    assert items_frame().empty
