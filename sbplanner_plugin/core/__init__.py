"""Pure computations of SBPlanner: numpy / pandas / shapely / numba only, never QGIS, Qt or file I/O."""
