"""The one layer that converts between QGIS/GDAL objects and the core's arrays and geometries."""
