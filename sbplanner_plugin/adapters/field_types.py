"""Attribute field types for :class:`qgis.core.QgsField`, Qt6-ready.

QGIS 3.38 added ``QgsField(name, QMetaType.Type)``; QGIS 4 (Qt6, PyQt6) has no ``QVariant.Type`` at all. Before
3.38 ``QgsField`` takes only ``QVariant.Type``, so the plugin picks the type family by the running QGIS: every
module uses these names (``DOUBLE``, ``STRING``, ``INT``, ``LONG``, ``BOOL``, ``DATE``, ``DATETIME``), and the
one legacy branch below only ever runs on QGIS < 3.38 (Qt5), where ``QVariant.Type`` exists.
"""

from __future__ import annotations

from qgis.core import Qgis

#: The first QGIS version whose QgsField accepts QMetaType.Type.
QMETATYPE_FIELDS_SINCE = 33800

if Qgis.QGIS_VERSION_INT >= QMETATYPE_FIELDS_SINCE:
    from qgis.PyQt.QtCore import QMetaType

    DOUBLE = QMetaType.Type.Double
    STRING = QMetaType.Type.QString
    INT = QMetaType.Type.Int
    LONG = QMetaType.Type.LongLong
    BOOL = QMetaType.Type.Bool
    DATE = QMetaType.Type.QDate
    DATETIME = QMetaType.Type.QDateTime
else:  # QGIS 3.22-3.36, Qt5 only: QgsField wants QVariant.Type (QGS402 is about Qt6, where this never runs)
    from qgis.PyQt.QtCore import QVariant

    DOUBLE = QVariant.Double  # noqa: QGS402
    STRING = QVariant.String  # noqa: QGS402
    INT = QVariant.Int  # noqa: QGS402
    LONG = QVariant.LongLong  # noqa: QGS402
    BOOL = QVariant.Bool  # noqa: QGS402
    DATE = QVariant.Date  # noqa: QGS402
    DATETIME = QVariant.DateTime  # noqa: QGS402
