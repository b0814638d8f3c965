"""GB/T 16453.1-2008 level-terrace cross-section: the issue's worked check and the domain reference §5.3 table."""

from __future__ import annotations

import numpy as np
import pytest

from sbplanner_plugin.core.quantities.terrace import bench_width_for_height, level_section


def test_worked_check_of_the_issue() -> None:
    s = level_section(15.0, 7.0, 75.0)
    assert float(s.riser_height_m) == pytest.approx(2.021, rel=1e-3)
    assert float(s.earthwork_m3_per_ha) == pytest.approx(2526, rel=1e-3)
    assert float(s.riser_share) == pytest.approx(0.072, abs=5e-4)
    # by hand: H = 7 / (cot15° − cot75°) = 7 / (3.7321 − 0.2679) = 2.0207
    assert float(s.riser_height_m) == pytest.approx(7.0 / (1 / np.tan(np.radians(15)) - 1 / np.tan(np.radians(75))))
    assert float(s.cut_m3_per_m) == pytest.approx(7.0 * 2.0207 / 8.0, rel=1e-4)
    assert float(s.haul_m) == pytest.approx(14.0 / 3.0)
    # B = B_m − B_n and B_x = H / sinθ
    assert float(s.gross_width_m - s.riser_footprint_m) == pytest.approx(7.0)
    assert float(s.slope_width_m) == pytest.approx(2.0207 / np.sin(np.radians(15)), rel=1e-4)


@pytest.mark.parametrize(
    ("theta", "b", "alpha", "h", "share_pct", "v"),
    [
        (5, 30, 60, 2.76, 5.1, 3455),
        (10, 20, 55, 4.02, 12.3, 5029),
        (20, 6, 70, 2.52, 13.2, 3147),
        (25, 5, 65, 2.98, 21.7, 3724),
    ],
)
def test_domain_reference_table(theta, b, alpha, h, share_pct, v) -> None:
    s = level_section(theta, b, alpha)
    assert float(s.riser_height_m) == pytest.approx(h, abs=0.006)
    assert 100 * float(s.riser_share) == pytest.approx(share_pct, abs=0.06)
    assert float(s.earthwork_m3_per_ha) == pytest.approx(v, rel=2e-3)


def test_inverse_and_invalid_angles_are_nan() -> None:
    h = level_section([10.0, 20.0], 8.0, 70.0).riser_height_m
    assert bench_width_for_height([10.0, 20.0], h, 70.0) == pytest.approx([8.0, 8.0])
    bad = level_section([0.0, 30.0, 10.0, 10.0], [5.0, 5.0, 0.0, 5.0], [70.0, 30.0, 70.0, 90.0])
    assert np.isnan(bad.riser_height_m).all() and np.isnan(bad.riser_share).all()
