"""Tiled hydrology: depression filling, D8 directions and flow accumulation tile by tile (issue 16).

The DEM is cut into tiles that are solved one at a time with only a one-cell halo, and a small
graph of the tiles' edge cells is solved centrally between the passes, after Barnes (2016,
doi:10.1016/j.cageo.2016.07.001, parallel priority-flood) and Barnes (2017,
doi:10.1016/j.envsoft.2017.02.022, parallel flow accumulation). The modules hold the per-tile
stages and the central solves as pure functions on arrays (no I/O, no Dask); :mod:`.driver`
runs them in-process on an array, and a distributed driver runs the same per-tile functions on
windows of a raster.

* :mod:`.fill` — the filled surface, identical to :func:`sbplanner_plugin.core.flood.priority_flood`'s.
* :mod:`.directions` — D8 directions, identical to the single-machine flood's (including flats
  cut by tile edges).
* :mod:`.accumulation` — upstream cells of a D8 field, identical to
  :func:`sbplanner_plugin.core.flood.accumulate_cells`.
"""
