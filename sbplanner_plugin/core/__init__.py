"""Pure computations of SBPlanner: numpy / pandas / geopandas / shapely only, never QGIS or Qt."""
