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


# --------------------------------------------------------------------------- WKB input
def _wkb(rings_of_parts, code: int, dims: int = 2, little: bool = True, srid: int | None = None) -> bytes:
    """Hand-made WKB of a (multi)polygon: ``code`` is the type code of each polygon (3, 1003, 2003, 3003 or
    3 | EWKB flags); a list of more than one part becomes a MultiPolygon of the same flavour."""
    import struct

    e = "<" if little else ">"
    bo = b"\x01" if little else b"\x00"

    def polygon(rings):
        out = bo + struct.pack(e + "I", code)
        if srid is not None:
            out += struct.pack(e + "I", srid)
        out += struct.pack(e + "I", len(rings))
        for ring in rings:
            out += struct.pack(e + "I", len(ring))
            for x, y in ring:
                out += struct.pack(e + "d" * dims, x, y, *([7.0] * (dims - 2)))
        return out

    if len(rings_of_parts) == 1:
        return polygon(rings_of_parts[0])
    multi_code = code - 3 + 6
    head = bo + struct.pack(e + "I", multi_code) + (struct.pack(e + "I", srid) if srid is not None else b"")
    return head + struct.pack(e + "I", len(rings_of_parts)) + b"".join(polygon(r) for r in rings_of_parts)


_SQUARE = [(1.2, 1.2), (4.2, 1.2), (4.2, 4.2), (1.2, 4.2), (1.2, 1.2)]
_DONUT = [[(0, 0), (6, 0), (6, 6), (0, 6), (0, 0)], [(2, 2), (4, 2), (4, 4), (2, 4), (2, 2)]]
_TWO_PARTS = [[[(7, 7), (9, 7), (9, 9), (7, 9), (7, 7)]], [[(7, 0), (9, 0), (9, 2), (7, 2), (7, 0)]]]


@pytest.mark.parametrize(
    ("code", "dims", "little", "srid"),
    [
        (3, 2, True, None),  # XY, little-endian
        (3, 2, False, None),  # big-endian
        (1003, 3, True, None),  # ISO Z
        (2003, 3, False, None),  # ISO M
        (3003, 4, True, None),  # ISO ZM
        (3 | 0x80000000, 3, True, None),  # EWKB / OGR 2.5D Z
        (3 | 0x80000000 | 0x40000000, 4, False, None),  # EWKB ZM
        (3 | 0x20000000, 2, True, 4490),  # EWKB with SRID
    ],
)
def test_wkb_flavours_burn_like_the_geometries(code, dims, little, srid) -> None:
    from sbplanner_plugin.core.rasterize import rasterize_wkb
    from sbplanner_plugin.core.wkb import _rings_of_wkb

    wkbs = [
        _wkb([[_SQUARE]], code, dims, little, srid),
        _wkb([_DONUT], code, dims, little, srid),
        _wkb(_TWO_PARTS, code, dims, little, srid),
    ]
    blob = np.frombuffer(b"".join(wkbs), dtype=np.uint8)
    offsets = np.cumsum([0] + [len(w) for w in wkbs])
    assert _rings_of_wkb(blob, offsets)[-1]  # read by the numba parser, not by the shapely fallback
    expected = burn(
        "POLYGON((1.2 1.2, 4.2 1.2, 4.2 4.2, 1.2 4.2, 1.2 1.2))",
        "POLYGON((0 0,6 0,6 6,0 6,0 0),(2 2,4 2,4 4,2 4,2 2))",
        "MULTIPOLYGON(((7 7,9 7,9 9,7 9,7 7)),((7 0,9 0,9 2,7 2,7 0)))",
    )
    assert (expected == 2).sum() == 32 and (expected == 3).sum() == 8
    assert np.array_equal(rasterize_wkb(wkbs, SHAPE, GT), expected)


def test_wkb_without_geometry_unclosed_ring_and_curves() -> None:
    from sbplanner_plugin.core.rasterize import rasterize_wkb

    square = _wkb([[_SQUARE]], 3)
    unclosed = _wkb([[_SQUARE[:-1]]], 3)  # not closed: the closing edge is implied
    lab = rasterize_wkb([None, b"", square, unclosed], SHAPE, GT)
    assert (lab == 1).sum() == 0 and (lab == 2).sum() == 0 and (lab == 3).sum() == 0
    assert (lab == 4).sum() == 9 and lab[7, 2] == 4  # polygon 4 overwrites polygon 3, same cells
    # a CurvePolygon is not for the numba reader: it hands the batch to GEOS, which rejects curves
    curve = shapely.to_wkb(shapely.from_wkt("POLYGON((1.2 1.2, 4.2 1.2, 4.2 4.2, 1.2 4.2, 1.2 1.2))"))
    curve = curve[:1] + (10).to_bytes(4, "little") + curve[5:]  # type 10 = CurvePolygon
    with pytest.raises(shapely.errors.GEOSException):
        rasterize_wkb([square, curve], SHAPE, GT)  # shapely cannot read curves either: a clear error
    assert np.array_equal(rasterize_wkb([square, square], SHAPE, GT) > 0, lab == 4)


def test_parallel_and_serial_fill_agree_across_bands_and_overlaps() -> None:
    """Polygons taller than a band of rows and overlapping across band edges: later wins, in every band."""
    from sbplanner_plugin.core.rasterize import _fill, _rings_of_geometries

    rng = np.random.default_rng(7)
    geoms = []
    for _ in range(300):
        cx, cy = rng.uniform(0, 200, 2)
        rx, ry = rng.uniform(1, 40, 2)
        t = np.sort(rng.uniform(0, 2 * np.pi, 9))
        geoms.append(shapely.Polygon(np.column_stack([cx + rx * np.cos(t), cy + ry * np.sin(t)])))
    xs, ys, ring_start, poly_rings = _rings_of_geometries(np.array(geoms, dtype=object))
    shape, (x0, dx, _, y0, _, dy) = (200, 200), (0.0, 1.0, 0.0, 200.0, 0.0, -1.0)
    par = np.zeros(shape, dtype=np.int32)
    ser = np.zeros(shape, dtype=np.int32)
    _fill.parallel(xs, ys, ring_start, poly_rings, par, x0, dx, y0, dy)
    _fill.serial(xs, ys, ring_start, poly_rings, ser, x0, dx, y0, dy)
    assert np.array_equal(par, ser)
    # every cell belongs to the last polygon containing its centre (no centre falls on an edge here)
    cx, cy = np.meshgrid(x0 + (np.arange(200) + 0.5) * dx, y0 + (np.arange(200) + 0.5) * dy)
    expected = np.zeros(shape, dtype=np.int32)
    for k, g in enumerate(geoms):
        expected[shapely.contains_xy(g, cx, cy)] = k + 1
    assert np.array_equal(par, expected)
    assert len(np.unique(par)) > 100


def test_label_counts() -> None:
    from sbplanner_plugin.core.rasterize import label_counts

    lab = np.array([[0, 1, 1], [3, 3, 3], [5, -1, 2]], dtype=np.int32)
    assert label_counts(lab, 3).tolist() == [0, 2, 1, 3]  # 5 and -1 are outside 1..3


def test_polygon_bounds_of_wkb() -> None:
    from sbplanner_plugin.core.wkb import polygon_bounds

    wkbs = [_wkb([_DONUT], 3), None, _wkb(_TWO_PARTS, 3003, 4, little=False), _wkb([[]], 3)]
    b = polygon_bounds(wkbs)
    assert b[0].tolist() == [0.0, 0.0, 6.0, 6.0]
    assert np.isnan(b[1]).all() and np.isnan(b[3]).all()  # no geometry, empty polygon
    assert b[2].tolist() == [7.0, 0.0, 9.0, 9.0]
    curve = bytearray(wkbs[0])
    curve[1] = 10  # CurvePolygon
    assert polygon_bounds([wkbs[0], bytes(curve)]) is None


@pytest.mark.parametrize(("code", "dims", "little"), [(3, 2, True), (1003, 3, False), (3 | 0x80000000, 3, True)])
def test_polygon_wkb_becomes_a_one_part_multipolygon(code, dims, little) -> None:
    from sbplanner_plugin.core.wkb import to_multipolygon

    poly = _wkb([_DONUT], code, dims, little)
    multi = to_multipolygon(poly)
    assert shapely.from_wkb(multi).equals(shapely.MultiPolygon([shapely.from_wkb(poly)]))
    assert shapely.get_coordinate_dimension(shapely.from_wkb(multi)) == dims
    two = _wkb(_TWO_PARTS, code, dims, little)
    assert to_multipolygon(two) == two  # already multi
