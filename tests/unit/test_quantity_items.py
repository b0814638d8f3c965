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


def test_d016_table_sums_items_into_its_columns() -> None:
    from sbplanner_plugin.core.quantities.items import d016_table

    rows = [
        {"source": "terrace", "feature_id": 1, "ws_code": "A", "measure_code": "terrace_level_earth", "item": i,
         "quantity": q}
        for i, q in (("area_ha", 2.0), ("earth_cut_m3", 5000.0), ("earth_fill_m3", 5100.0), ("length_m", 2600.0),
                     ("labour_days", 1500.0))
    ] + [
        {"source": "terrace", "feature_id": 2, "ws_code": "A", "measure_code": "terrace_level_earth",
         "item": "area_ha", "quantity": 1.5},
        {"source": "works", "feature_id": 9, "ws_code": "A", "measure_code": "check_dam", "item": "count",
         "quantity": 1},
        {"source": "works", "feature_id": 9, "ws_code": "A", "measure_code": "check_dam", "item": "earth_fill_m3",
         "quantity": 120.0},
        {"source": "works", "feature_id": 9, "ws_code": "A", "measure_code": "check_dam", "item": "storage_m3",
         "quantity": 800.0},
    ]  # fmt: skip
    t = d016_table(rows).set_index("measure_code")
    terrace, dam = t.loc["terrace_level_earth"], t.loc["check_dam"]
    # 措施数量 is the area (the bench length, also a 措施数量 item, is not added to it)
    assert (terrace["措施数量"], terrace["unit"], terrace["土方开挖"], terrace["土方回填"], terrace["投工"]) == (
        3.5, "hm²", 5000.0, 5100.0, 1500.0)  # fmt: skip
    assert (dam["措施数量"], dam["unit"], dam["土方回填"]) == (1.0, "座", 120.0)  # storage is not a D.0.16 column
