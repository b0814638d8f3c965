"""Cell-centre polygon rasterisation against hand-counted cells (and GDAL's, on the demo parcels)."""

from __future__ import annotations

import numpy as np
import pytest
import shapely

from sbplanner_plugin.core.rasterize import rasterize_polygons

# 10 × 10 grid of 1 m cells, top-left (0, 10): cell (r, c) has its centre at (c + 0.5, 9.5 − r)
SHAPE = (10, 10)
GT = (0.0, 1.0, 0.0, 10.0, 0.0, -1.0)


def burn(*wkts: str) -> np.ndarray:
    return rasterize_polygons(np.array([shapely.from_wkt(w) for w in wkts], dtype=object), SHAPE, GT)


def test_square_covers_the_cells_whose_centres_it_contains() -> None:
    lab = burn("POLYGON((1.2 1.2, 4.2 1.2, 4.2 4.2, 1.2 4.2, 1.2 1.2))")
    # centres x 1.5, 2.5, 3.5 and y 1.5, 2.5, 3.5 → rows 6..8, cols 1..3
    expected = np.zeros(SHAPE, dtype=np.int32)
    expected[6:9, 1:4] = 1
    assert np.array_equal(lab, expected)


def test_hole_and_multipart_and_overlap() -> None:
    donut = "POLYGON((0 0,6 0,6 6,0 6,0 0),(2 2,4 2,4 4,2 4,2 2))"
    multi = "MULTIPOLYGON(((7 7,9 7,9 9,7 9,7 7)),((7 0,9 0,9 2,7 2,7 0)))"
    over = "POLYGON((5 5,8 5,8 8,5 8,5 5))"  # later polygon wins where they overlap
    lab = burn(donut, multi, over)
    assert (lab == 1).sum() == 36 - 4 - 1  # the hole, and the overlapped centre (5.5, 5.5)
    assert lab[7, 2] == 0 and lab[6, 3] == 0  # inside the hole (centres 2.5/2.5 and 3.5/3.5)
    assert (lab == 2).sum() == 8 - 1  # both parts, minus the cell taken by polygon 3
    assert lab[1, 8] == 2 and lab[8, 8] == 2
    assert (lab == 3).sum() == 9


def test_centres_on_an_edge_follow_the_half_open_rule() -> None:
    # edges exactly through cell centres: left edge x = 1.5 is in, right edge x = 3.5 out
    lab = burn("POLYGON((1.5 0.2,3.5 0.2,3.5 0.8,1.5 0.8,1.5 0.2))")
    assert lab[9, 1] == 1 and lab[9, 2] == 1 and lab[9, 3] == 0


def test_same_cells_as_gdal_on_the_demo_parcels(demo_dir) -> None:
    from osgeo import ogr

    from sbplanner_plugin.adapters.raster import rasterize, read_dem

    grid, _ = read_dem(str(demo_dir / "ywzdem10m.tif"))
    src = ogr.Open(str(demo_dir / "parcels_gbt21010.gpkg"))
    wkbs = [bytes(f.GetGeometryRef().ExportToWkb()) for f in src.GetLayer(0)]
    ours = rasterize_polygons(shapely.from_wkb(wkbs), grid.shape, grid.transform)
    gdal_labels = rasterize([(w, i + 1) for i, w in enumerate(wkbs)], grid)
    assert (gdal_labels > 0).sum() > 50000
    assert np.array_equal(ours, gdal_labels)


@pytest.mark.parametrize("n", [0])
def test_no_polygons(n) -> None:
    assert not rasterize_polygons(np.array([], dtype=object), SHAPE, GT).any()


def test_a_boundary_crossing_a_row_thousands_of_times_is_filled_exactly() -> None:
    # a comb with 3000 teeth: each scanline through the teeth crosses 6000 edges
    teeth = 3000
    w = 10.0 / (2 * teeth)
    off = 0.0003  # keeps every tooth edge off the cell centres (ties are a convention, not the point here)
    pts = [(0.0, 0.0)]
    for k in range(teeth - 1):
        x = off + 2 * k * w
        pts += [(x, 9.0), (x + w, 9.0), (x + w, 1.0), (x + 2 * w, 1.0)]
    pts += [(10.0, 1.0), (10.0, 0.0), (0.0, 0.0)]
    comb = shapely.Polygon(pts)
    lab = rasterize_polygons(np.array([comb], dtype=object), (10, 1000), (0.0, 0.01, 0.0, 10.0, 0.0, -1.0))
    centres_x = (np.arange(1000) + 0.5) * 0.01
    inside = np.array([comb.contains(shapely.Point(x, 5.5)) for x in centres_x])
    assert np.array_equal(lab[4] == 1, inside)
