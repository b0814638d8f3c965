<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1">
<context>
    <name>@default</name>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/roadmap.py" line="20"/>
        <source>Parcels and erosion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/roadmap.py" line="24"/>
        <source>Land-survey parcels per small watershed: slope class and CSLE soil loss.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/roadmap.py" line="33"/>
        <source>Measures</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/roadmap.py" line="37"/>
        <source>Assign conservation measures to parcels: terraces, forest and grass, check dams.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/roadmap.py" line="46"/>
        <source>Quantities and investment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/roadmap.py" line="50"/>
        <source>Engineering quantities and investment estimate of the planned measures.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/roadmap.py" line="59"/>
        <source>Ranking and benefits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/roadmap.py" line="63"/>
        <source>Treatment urgency ranking of the small watersheds and expected benefits.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/roadmap.py" line="72"/>
        <source>Tables and report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/roadmap.py" line="76"/>
        <source>SL/T 447 design tables, Word report and map atlas.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/tasks.py" line="79"/>
        <source>The algorithm {0} is not available. Is the SBPlanner Processing provider loaded?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/tasks.py" line="93"/>
        <source>Invalid parameters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/tasks.py" line="132"/>
        <source>The results could not be loaded: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/tasks.py" line="139"/>
        <source>Cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/tasks.py" line="150"/>
        <source>The algorithm {0} failed; see the Processing log for details.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/plugin.py" line="109"/>
        <source>SBPlanner panel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/plugin.py" line="112"/>
        <source>Show or hide the SBPlanner small-watershed planning panel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/plugin.py" line="117"/>
        <source>Check Python packages…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/plugin.py" line="171"/>
        <source>SBPlanner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/plugin.py" line="130"/>
        <source>The SBPlanner algorithms could not be loaded: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/plugin.py" line="154"/>
        <source>Some Python packages SBPlanner needs are missing: {0}. See Plugins ▸ SBPlanner ▸ Check Python packages.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/plugin.py" line="171"/>
        <source>Missing or incompatible Python packages: {0}. The SBPlanner algorithms are disabled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/plugin.py" line="175"/>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/plugin.py" line="185"/>
        <source>SBPlanner — Python packages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/plugin.py" line="187"/>
        <source>Some Python packages are missing or incompatible.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/plugin.py" line="187"/>
        <source>All required Python packages are available.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DelineateWatersheds</name>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/delineate_watersheds.py" line="64"/>
        <source>Delineate watersheds from outlets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/delineate_watersheds.py" line="67"/>
        <source>Delineates the full upstream catchment of every outlet point on a DEM.

The DEM is depression-filled (priority flood, Wang &amp; Liu 2006) and D8 flow directions and upstream areas are derived with pyflwdir; the result is cached, so moving an outlet and running again takes about a second. Each outlet is snapped to the cell of largest upstream area within the snap distance (default 3 cells); the snapped outlets layer reports the original position and the distance moved, for review.

Channels are cells whose upstream area reaches the stream threshold; they give the main channel length and slope (equal-area method), the gully density and the Strahler order.

A DEM in a geographic CRS is reprojected to the CGCS2000 3° Gauss-Krüger zone (China) or UTM, and outputs are in that CRS. Outlets in another CRS are transformed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/delineate_watersheds.py" line="81"/>
        <source>DEM</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/delineate_watersheds.py" line="82"/>
        <source>Outlet points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/delineate_watersheds.py" line="84"/>
        <source>Stream threshold (km²)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/delineate_watersheds.py" line="88"/>
        <source>Outlet snap distance (m, 0 = 3 cells)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/delineate_watersheds.py" line="92"/>
        <source>Watersheds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/delineate_watersheds.py" line="94"/>
        <source>Streams</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/delineate_watersheds.py" line="96"/>
        <source>Snapped outlets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/delineate_watersheds.py" line="127"/>
        <source>DEM conditioning reused from the cache.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/delineate_watersheds.py" line="145"/>
        <source>{0}: {1:.4f} km², outlet moved {2:.1f} m</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DividePanel</name>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/divide_panel.py" line="26"/>
        <source>Divide into small watersheds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/divide_panel.py" line="35"/>
        <source>Optional: region to divide (e.g. the delineated watersheds or a county). Empty = whole DEM.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/divide_panel.py" line="40"/>
        <source>Optional: units crossing these boundaries are split into sub-units.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/divide_panel.py" line="46"/>
        <source>Smaller residual areas are merged into a neighbour.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/divide_panel.py" line="49"/>
        <source>Boundary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/divide_panel.py" line="50"/>
        <source>Admin units</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/divide_panel.py" line="51"/>
        <source>Admin name field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/divide_panel.py" line="52"/>
        <source>Largest unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/divide_panel.py" line="53"/>
        <source>Smallest unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/divide_panel.py" line="55"/>
        <source>Divide</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/divide_panel.py" line="55"/>
        <source>SBPlanner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/divide_panel.py" line="56"/>
        <source>Code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/divide_panel.py" line="56"/>
        <source>Downstream</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/divide_panel.py" line="56"/>
        <source>Area km²</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/divide_panel.py" line="56"/>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/divide_panel.py" line="56"/>
        <source>Admin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/divide_panel.py" line="69"/>
        <source>Click a header to sort; Ctrl+C copies the selected rows.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/divide_panel.py" line="74"/>
        <source>Small watersheds:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/divide_panel.py" line="96"/>
        <source>Choose a DEM raster layer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/divide_panel.py" line="99"/>
        <source>The smallest unit must be smaller than the largest unit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/divide_panel.py" line="103"/>
        <source>Choose the name or code field of the admin layer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/divide_panel.py" line="134"/>
        <source>Small watersheds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/divide_panel.py" line="134"/>
        <source>Small watershed streams</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/divide_panel.py" line="145"/>
        <source>{0} small watershed(s) saved in the plan.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DivideSmallWatersheds</name>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/divide_small_watersheds.py" line="69"/>
        <source>Divide into small watersheds (SL 653)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/divide_small_watersheds.py" line="72"/>
        <source>Divides a DEM, or the part inside a boundary (a catchment, a county), into small watersheds of at most the maximum area (SL 653-2013: normally ≤ 50 km²).

Micro-watersheds of every channel reach are aggregated from upstream to downstream; when a unit would exceed the maximum area its largest tributaries become small watersheds of their own (headwater units) and the rest forms inter-basins (区间). Units smaller than the minimum area are merged into the downstream unit or the neighbour sharing the longest boundary. Units crossing an administrative boundary are split into sub-units (亚单元, code suffix -1, -2 …). Every unit records its downstream unit.

Codes are provisional (SW001 … numbered from the outlet upstream); when the boundary layer carries an official code field (ws_code, XLYDM, LYDM, code) it is kept as parent_code and prefixes the unit codes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/divide_small_watersheds.py" line="87"/>
        <source>DEM</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/divide_small_watersheds.py" line="88"/>
        <source>Boundary (catchment or county)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/divide_small_watersheds.py" line="91"/>
        <source>Administrative areas (split into sub-units)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/divide_small_watersheds.py" line="94"/>
        <source>Administrative name/code field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/divide_small_watersheds.py" line="97"/>
        <source>Maximum small-watershed area (km²)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/divide_small_watersheds.py" line="100"/>
        <source>Minimum area; smaller residual units are merged (km²)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/divide_small_watersheds.py" line="103"/>
        <source>Stream threshold (km²)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/divide_small_watersheds.py" line="106"/>
        <source>Small watersheds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/divide_small_watersheds.py" line="108"/>
        <source>Small-watershed streams</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/divide_small_watersheds.py" line="168"/>
        <source>{0} small watersheds, {1:.3f} km² in total</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RunPanel</name>
    <message>
        <location filename="../sbplanner_plugin/gui/run_panel.py" line="28"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/run_panel.py" line="58"/>
        <source>Running…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/run_panel.py" line="67"/>
        <source>Cancelling…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/run_panel.py" line="81"/>
        <source>Done.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/run_panel.py" line="89"/>
        <source>Cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SbAlgorithm</name>
    <message>
        <location filename="../sbplanner_plugin/processing/base.py" line="104"/>
        <source>1 · Small watersheds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/base.py" line="112"/>
        <source>Not enough memory for this DEM; clip it to the area of interest or use a coarser resolution.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/base.py" line="126"/>
        <source>The DEM is in a geographic CRS; it was reprojected for true areas and lengths:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/base.py" line="129"/>
        <source>DEM: {0} × {1} cells of {2:g} m</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SbPlannerDock</name>
    <message>
        <location filename="../sbplanner_plugin/gui/dock.py" line="42"/>
        <source>SBPlanner — small-watershed planning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/dock.py" line="51"/>
        <source>GeoPackage (*.gpkg)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/dock.py" line="52"/>
        <source>Plan GeoPackage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/dock.py" line="53"/>
        <source>All results of the plan are saved in this GeoPackage.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/dock.py" line="55"/>
        <source>Plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/dock.py" line="137"/>
        <source>Choose the plan GeoPackage (top of the panel) where the results are saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/dock.py" line="139"/>
        <source>The folder of the plan GeoPackage does not exist: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/dock.py" line="152"/>
        <source>SBPlanner is incomplete (plan store module missing); reinstall the plugin.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/dock.py" line="155"/>
        <source>The plan GeoPackage cannot be opened or created: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/dock.py" line="164"/>
        <source>SBPlanner</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SbPlannerErrors</name>
    <message>
        <location filename="../sbplanner_plugin/core/errors.py" line="37"/>
        <source>The DEM has no coordinate reference system; assign one (Layer Properties ▸ Source) and run again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/errors.py" line="42"/>
        <source>The DEM holds no valid elevation (every cell is nodata).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/errors.py" line="47"/>
        <source>The DEM has only {rows} × {cols} cells; at least 3 × 3 valid cells are needed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/errors.py" line="52"/>
        <source>The outlet layer holds no points.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/errors.py" line="57"/>
        <source>Outlet {outlet} at ({x:.1f}, {y:.1f}) lies outside the valid DEM area.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/errors.py" line="62"/>
        <source>The boundary layer does not overlap the valid DEM area.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/errors.py" line="67"/>
        <source>Invalid value for {name}: {value} ({reason}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/errors.py" line="72"/>
        <source>Cancelled by the user.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/errors.py" line="77"/>
        <source>The DEM &apos;{path}&apos; cannot be read as a raster.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SbPlannerProvider</name>
    <message>
        <location filename="../sbplanner_plugin/processing/provider.py" line="23"/>
        <source>SBPlanner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/provider.py" line="26"/>
        <source>SBPlanner — small-watershed soil and water conservation planning</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Step</name>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/base.py" line="42"/>
        <source>(coming)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/base.py" line="83"/>
        <source>This step will come in a later version of SBPlanner.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WatershedsStep</name>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/watersheds_step.py" line="224"/>
        <source>Watersheds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/watersheds_step.py" line="67"/>
        <source>SBPlanner – 1 Watersheds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/watersheds_step.py" line="79"/>
        <source>Click outlets on map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/watersheds_step.py" line="81"/>
        <source>Left click adds an outlet; right click or Esc ends.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/watersheds_step.py" line="82"/>
        <source>Clear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/watersheds_step.py" line="83"/>
        <source>Remove all clicked outlets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/watersheds_step.py" line="86"/>
        <source>Upstream area at which a channel starts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/watersheds_step.py" line="88"/>
        <source>auto (3 cells)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/watersheds_step.py" line="90"/>
        <source>Outlets move to the highest-accumulation cell within this distance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/watersheds_step.py" line="96"/>
        <source>DEM</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/watersheds_step.py" line="97"/>
        <source>Outlets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/watersheds_step.py" line="99"/>
        <source>Stream threshold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/watersheds_step.py" line="100"/>
        <source>Snap distance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/watersheds_step.py" line="102"/>
        <source>Delineate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/watersheds_step.py" line="102"/>
        <source>SBPlanner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/watersheds_step.py" line="103"/>
        <source>Outlet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/watersheds_step.py" line="103"/>
        <source>x</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/watersheds_step.py" line="103"/>
        <source>y</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/watersheds_step.py" line="103"/>
        <source>Snapped x</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/watersheds_step.py" line="103"/>
        <source>Snapped y</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/watersheds_step.py" line="103"/>
        <source>Snap m</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/watersheds_step.py" line="103"/>
        <source>Upstream km²</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/watersheds_step.py" line="103"/>
        <source>Code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/watersheds_step.py" line="124"/>
        <source>Delineate catchments of outlets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/watersheds_step.py" line="128"/>
        <source>Snapped outlets (select a row to show it on the map):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/watersheds_step.py" line="162"/>
        <source>SBPlanner outlets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/watersheds_step.py" line="189"/>
        <source>Choose a DEM raster layer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/watersheds_step.py" line="192"/>
        <source>Choose an outlet point layer or click outlets on the map.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/watersheds_step.py" line="195"/>
        <source>The outlet layer has no points.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/watersheds_step.py" line="224"/>
        <source>Streams</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/watersheds_step.py" line="224"/>
        <source>Snapped outlets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/watersheds_step.py" line="235"/>
        <source>{0} outlet(s) moved more than {1:g} cells (highlighted): check them on the map.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/watersheds_step.py" line="247"/>
        <source>{0} watershed(s), total {1:.2f} km², saved in the plan.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
