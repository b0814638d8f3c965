"""Parcels without a DEM cell are not assessed land: they never count as non-eroded (issue 13)."""

from __future__ import annotations

import math

import pytest

from sbplanner_plugin.core import summaries
from tests.unit.test_summaries_domain import columns, params  # noqa: F401 — the module's fixture


def with_cells(rows: list[dict], cells: list[int], zeros_off_dem: bool = False) -> dict:
    out = columns(rows)
    out["valid_cells"] = cells
    for i, n in enumerate(cells):
        if n == 0:  # as analyse_parcels writes a parcel off the DEM: no numbers (or, in an edited layer, zeros)
            for key in out:
                if key == "soil_loss_t_km2_a" or key.startswith("erosion_c"):
                    out[key][i] = 0.0 if zeros_off_dem else None
    return out


@pytest.mark.parametrize("zeros_off_dem", [False, True])
def test_rate_is_over_the_parcels_with_cells_only(params, zeros_off_dem) -> None:  # noqa: F811
    # 10 hm² forest on the DEM, 4 hm² eroded; 30 hm² of forest wholly off the DEM
    rows = [{"code": "0301", "area_ha": 10.0, "eroded": 4.0, "a": 2000.0}, {"code": "0301", "area_ha": 30.0}]
    cols = with_cells(rows, [1000, 0], zeros_off_dem)
    result = summaries.summarise(summaries.SummaryInputs(cols, params))
    ind = result.tables["ws_indicators"].set_index("ws_code").loc["W1"]
    assert ind["land_area_km2"] == pytest.approx(0.4)
    assert ind["assessed_area_km2"] == pytest.approx(0.1)
    # counting the off-DEM land as non-eroded would give (0.4 − 0.04) / 0.4 = 90 %
    assert ind["swc_rate_pct"] == pytest.approx(60.0)
    assert ind["mean_modulus_t_km2_a"] == pytest.approx(2000.0)


def test_no_parcel_with_cells_gives_no_rate_not_100_percent(params) -> None:  # noqa: F811
    # W1 wholly off the DEM, W2 on it: W1 has no rate (not 100 %)
    rows = [{"code": "0301", "area_ha": 10.0}, {"code": "0103", "area_ha": 5.0}, {"code": "0301", "area_ha": 1.0}]
    rows[2]["ws"] = "W2"
    cols = with_cells(rows, [0, 0, 100], True)
    result = summaries.summarise(summaries.SummaryInputs(cols, params))
    row = result.tables["ws_indicators"].set_index("ws_code").loc["W1"]
    assert row["assessed_area_km2"] == 0.0
    assert math.isnan(row["swc_rate_pct"])
    assert result.unassessed_parcels == 2


def test_no_parcel_with_cells_at_all_is_an_error(params) -> None:  # noqa: F811
    """Issue 13: every parcel off the DEM → NoAssessedParcelsError, never a table with 水土保持率 100 %."""
    cols = with_cells([{"code": "0301", "area_ha": 10.0}, {"code": "0103", "area_ha": 5.0}], [0, 0], True)
    with pytest.raises(summaries.NoAssessedParcelsError, match="None of the 2 parcels has a soil loss"):
        summaries.summarise(summaries.SummaryInputs(cols, params))


def test_layers_without_valid_cells_keep_the_old_rule(params) -> None:  # noqa: F811
    rows = [{"code": "0301", "area_ha": 10.0, "eroded": 4.0, "a": 2000.0}, {"code": "0301", "area_ha": 10.0}]
    ind = summaries.summarise(summaries.SummaryInputs(columns(rows), params)).tables["ws_indicators"]
    assert ind.set_index("ws_code").loc["W1"]["swc_rate_pct"] == pytest.approx(80.0)
