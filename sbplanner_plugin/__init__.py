"""SBPlanner — small-watershed soil and water conservation planning for QGIS (小流域水土流失综合治理规划)."""


def classFactory(iface):
    """Return the plugin; ``iface`` is None under qgis_process (Processing provider only)."""
    try:
        from sbplanner_plugin import deps

        deps.ensure_private_site_on_path()
    except ImportError:
        pass
    except Exception:
        import logging

        logging.getLogger("sbplanner_plugin").exception("Private package folder not added to sys.path")

    if iface is None:
        from sbplanner_plugin.plugin import ProcessingOnlyPlugin

        return ProcessingOnlyPlugin()
    from sbplanner_plugin.plugin import SbPlannerPlugin

    return SbPlannerPlugin(iface)
