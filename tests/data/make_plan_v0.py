"""Write tests/data/plan_v0.gpkg: a plan as the first step-1 releases wrote it (plan schema 0).

Schema 0 = a plain GeoPackage with the step-1 layers and no ``sbplanner_meta`` table. The values are
small and fixed so the migration test can check that every feature survives the upgrade unchanged.
Run with the project's venv: ``.venv/bin/python tests/data/make_plan_v0.py`` (GDAL/OGR only).
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

from osgeo import ogr, osr

OUT = Path(__file__).with_name("plan_v0.gpkg")

#: (ws_code, downstream_code, area_km2, polygon WKT in EPSG:2415 metres)
WATERSHEDS = [
    ("W01", "W02", 0.25, "POLYGON ((500000 3000000, 500500 3000000, 500500 3000500, 500000 3000500, 500000 3000000))"),
    ("W02", "", 0.5, "POLYGON ((500500 3000000, 501500 3000000, 501500 3000500, 500500 3000500, 500500 3000000))"),
]
#: (ws_code, strahler, length_km, line WKT)
STREAMS = [
    ("W01", 1, 0.5, "LINESTRING (500250 3000500, 500250 3000000)"),
    ("W02", 2, 1.0, "LINESTRING (500500 3000250, 501500 3000250)"),
]
#: (outlet_id, ws_code, snap_distance_m, point WKT)
OUTLETS = [(1, "W02", 12.5, "POINT (501500 3000250)")]


def _layer(ds, name, geom_type, fields, rows, srs):
    layer = ds.CreateLayer(name, srs, geom_type, ["GEOMETRY_NAME=geom", "FID=fid"])
    for field_name, kind in fields:
        layer.CreateField(ogr.FieldDefn(field_name, kind))
    for row in rows:
        feature = ogr.Feature(layer.GetLayerDefn())
        for (field_name, _), value in zip(fields, row[:-1]):
            feature.SetField(field_name, value)
        feature.SetGeometry(ogr.CreateGeometryFromWkt(row[-1]))
        layer.CreateFeature(feature)


def main() -> int:
    ogr.UseExceptions()
    if OUT.exists():
        OUT.unlink()
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(2415)
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(OUT))
    _layer(
        ds,
        "watersheds",
        ogr.wkbPolygon,
        [("ws_code", ogr.OFTString), ("downstream_code", ogr.OFTString), ("area_km2", ogr.OFTReal)],
        WATERSHEDS,
        srs,
    )
    _layer(
        ds,
        "streams",
        ogr.wkbLineString,
        [("ws_code", ogr.OFTString), ("strahler", ogr.OFTInteger), ("length_km", ogr.OFTReal)],
        STREAMS,
        srs,
    )
    _layer(
        ds,
        "outlets_snapped",
        ogr.wkbPoint,
        [("outlet_id", ogr.OFTInteger), ("ws_code", ogr.OFTString), ("snap_distance_m", ogr.OFTReal)],
        OUTLETS,
        srs,
    )
    ds = None
    with sqlite3.connect(OUT) as con:
        con.isolation_level = None
        con.execute("VACUUM")  # smallest file to commit
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
