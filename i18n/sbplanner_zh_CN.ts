<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1">
<context>
    <name>@default</name>
    <message>
        <location filename="../sbplanner_plugin/plugin.py" line="108"/>
        <source>SBPlanner panel</source>
        <translation>SBPlanner 面板</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/plugin.py" line="111"/>
        <source>Show or hide the SBPlanner small-watershed planning panel</source>
        <translation>显示或隐藏 SBPlanner 小流域治理规划面板</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/plugin.py" line="116"/>
        <source>Check Python packages…</source>
        <translation>检查 Python 依赖包…</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/plugin.py" line="170"/>
        <source>SBPlanner</source>
        <translation>SBPlanner</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/plugin.py" line="129"/>
        <source>The SBPlanner algorithms could not be loaded: {0}</source>
        <translation>无法加载 SBPlanner 算法：{0}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/plugin.py" line="153"/>
        <source>Some Python packages SBPlanner needs are missing: {0}. See Plugins ▸ SBPlanner ▸ Check Python packages.</source>
        <translation>SBPlanner 所需的部分 Python 依赖包缺失：{0}。请查看 插件 ▸ SBPlanner ▸ 检查 Python 依赖包。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/plugin.py" line="170"/>
        <source>Missing or incompatible Python packages: {0}. The SBPlanner algorithms are disabled.</source>
        <translation>缺失或版本不兼容的 Python 依赖包：{0}。SBPlanner 算法已停用。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/plugin.py" line="174"/>
        <source>Details</source>
        <translation>详细信息</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/plugin.py" line="184"/>
        <source>SBPlanner — Python packages</source>
        <translation>SBPlanner — Python 依赖包</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/plugin.py" line="186"/>
        <source>Some Python packages are missing or incompatible.</source>
        <translation>部分 Python 依赖包缺失或版本不兼容。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/plugin.py" line="186"/>
        <source>All required Python packages are available.</source>
        <translation>所需的 Python 依赖包均已就绪。</translation>
    </message>
</context>
<context>
    <name>AlgorithmRun</name>
    <message>
        <location filename="../sbplanner_plugin/gui/tasks.py" line="75"/>
        <source>The algorithm {0} is not available. Is the SBPlanner Processing provider loaded?</source>
        <translation>算法 {0} 不可用。请确认 SBPlanner 处理算法提供程序已加载。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/tasks.py" line="89"/>
        <source>Invalid parameters.</source>
        <translation>参数无效。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/tasks.py" line="128"/>
        <source>The results could not be loaded: {0}</source>
        <translation>无法加载计算结果：{0}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/tasks.py" line="137"/>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/tasks.py" line="151"/>
        <source>The algorithm {0} failed; see the Processing log for details.</source>
        <translation>算法 {0} 运行失败，详见处理工具日志。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/tasks.py" line="158"/>
        <source>Unexpected error in {0}: {1} (details in the SBPlanner log).</source>
        <translation>{0} 发生意外错误：{1}（详见 SBPlanner 日志）。</translation>
    </message>
</context>
<context>
    <name>AnalyseParcels</name>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="123"/>
        <source>2 · Parcels and erosion</source>
        <translation>2 · 图斑与土壤侵蚀</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="129"/>
        <source>Analyse parcels: slope, land use and CSLE erosion</source>
        <translation>图斑分析：坡度、土地利用与 CSLE 土壤侵蚀</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="132"/>
        <source>For every land parcel (三调 地类图斑 or any polygons with a land-use code): slope composition, land use, CSLE soil loss A = R·K·L·S·B·E·T, SL 190 erosion class and eroded area.

A is computed per DEM cell and averaged over the parcel: L from the flow-path slope length (λ restarts at channels and at slope breaks, LS_TOOL cutoffs), S from the three-piece CSLE formula. Cropland uses T with B = 1; other land uses B (from vegetation cover and canopy closure) with T = 1; built-up land and water do not erode. Terraced cropland (三调 GDLX = TT) gets the level-terrace E.

Land-use codes are GB/T 21010-2017 / 三调 codes (0101, 0201K …); other code lists need a mapping CSV (columns code, gbt21010_code). Unmapped codes are reported by value and count.

Every factor table is a CSV under resources/params (source and confidence per row); copies in &lt;QGIS profile&gt;/sbplanner/params override them.</source>
        <translation>对每个土地图斑（三调地类图斑，或任何带地类编码的面要素）计算：坡度组成、土地利用、CSLE 土壤流失量 A = R·K·L·S·B·E·T、SL 190 侵蚀强度分级及侵蚀面积。

A 按 DEM 像元逐个计算后在图斑内取平均：L 由沿水流路径的坡长计算（坡长 λ 在沟道和坡度突变处重新起算，截断规则同 LS_TOOL），S 采用 CSLE 三段式坡度因子公式。耕地取耕作措施因子 T，B = 1；其他地类取生物措施因子 B（由植被覆盖度和郁闭度确定），T = 1；建设用地和水域不计侵蚀。梯田化耕地（三调 GDLX = TT）取水平梯田的工程措施因子 E。

地类编码采用 GB/T 21010—2017 / 三调编码（0101、0201K …）；其他编码体系需提供对照表 CSV（列 code、gbt21010_code）。未能对照的编码按编码值和图斑数列出。

各因子参数表均为 resources/params 下的 CSV 文件（每行注明来源和可信度）；&lt;QGIS 配置目录&gt;/sbplanner/params 中的同名副本优先使用。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="148"/>
        <source>Land parcels</source>
        <translation>土地图斑</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="149"/>
        <source>DEM</source>
        <translation>数字高程模型 (DEM)</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="150"/>
        <source>Small watersheds (with ws_code)</source>
        <translation>小流域（含 ws_code 字段）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="155"/>
        <source>Land-use field (default: DLBM)</source>
        <translation>地类编码字段（默认 DLBM）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="163"/>
        <source>Land-use code mapping to GB/T 21010 (CSV)</source>
        <translation>地类编码与 GB/T 21010 对照表（CSV）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="171"/>
        <source>Slope classes</source>
        <translation>坡度分级</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="171"/>
        <source>SL 190 surface-erosion classes</source>
        <translation>SL 190 面蚀坡度分级</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="171"/>
        <source>SL/T 447 D.0.10 land slope composition</source>
        <translation>SL/T 447 表 D.0.10 土地坡度组成</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="171"/>
        <source>SL/T 447 D.0.11 sloping-cropland slope composition</source>
        <translation>SL/T 447 表 D.0.11 坡耕地坡度组成</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="171"/>
        <source>三调 cropland slope grade GDPDJB</source>
        <translation>三调耕地坡度级别 GDPDJB</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="171"/>
        <source>Custom breaks</source>
        <translation>自定义分级</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="185"/>
        <source>Custom slope breaks (degrees, e.g. 5,15,25)</source>
        <translation>自定义坡度分级界限（°，如 5,15,25）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="190"/>
        <source>R factor (MJ·mm/(hm²·h·a))</source>
        <translation>降雨侵蚀力因子 R（MJ·mm/(hm²·h·a)）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="199"/>
        <source>R factor raster</source>
        <translation>降雨侵蚀力因子 R 栅格</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="200"/>
        <source>K factor (t·hm²·h/(hm²·MJ·mm))</source>
        <translation>土壤可蚀性因子 K（t·hm²·h/(hm²·MJ·mm)）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="209"/>
        <source>K factor raster</source>
        <translation>土壤可蚀性因子 K 栅格</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="210"/>
        <source>K factor field of the parcels</source>
        <translation>图斑的土壤可蚀性因子 K 字段</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="219"/>
        <source>Vegetation cover raster (0–1 or %)</source>
        <translation>植被覆盖度栅格（0–1 或 %）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="224"/>
        <source>Vegetation cover field (0–1 or %)</source>
        <translation>植被覆盖度字段（0–1 或 %）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="233"/>
        <source>Canopy closure field (0–1)</source>
        <translation>郁闭度字段（0–1）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="242"/>
        <source>Erosion type region</source>
        <translation>土壤侵蚀类型区</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="242"/>
        <source>Southern red-soil hilly region (500)</source>
        <translation>南方红壤丘陵区（500）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="242"/>
        <source>Southwestern rocky mountain region (500)</source>
        <translation>西南土石山区（500）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="242"/>
        <source>Northwestern Loess Plateau (1000)</source>
        <translation>西北黄土高原区（1000）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="242"/>
        <source>Northeastern black-soil region (200)</source>
        <translation>东北黑土区（200）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="242"/>
        <source>Northern rocky mountain region (200)</source>
        <translation>北方土石山区（200）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="256"/>
        <source>Allowable soil loss (t/(km²·a), 0 = from the region)</source>
        <translation>土壤容许流失量（t/(km²·a)，0 = 按类型区取值）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="265"/>
        <source>Channel threshold for slope length (km²)</source>
        <translation>坡长计算的沟道集水面积阈值（km²）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="274"/>
        <source>Analysed parcels</source>
        <translation>图斑分析结果</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="279"/>
        <source>Soil loss raster (t/(km²·a))</source>
        <translation>土壤流失量栅格（t/(km²·a)）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="305"/>
        <source>Land-use field: {0}</source>
        <translation>地类编码字段：{0}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="328"/>
        <source>Allowable soil loss: {0:g} t/(km²·a)</source>
        <translation>土壤容许流失量：{0:g} t/(km²·a)</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="346"/>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="365"/>
        <source>{0} invalid parcel geometries were repaired.</source>
        <translation>已修复 {0} 个无效的图斑几何。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="367"/>
        <source>{0} parcels without a geometry were skipped.</source>
        <translation>已跳过 {0} 个没有几何的图斑。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="379"/>
        <source>Unmapped land-use code &apos;{0}&apos;: {1} parcels (no land-use class, no soil loss).</source>
        <translation>未能对照的地类编码“{0}”：{1} 个图斑（无地类归属，不计土壤流失量）。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="404"/>
        <source>{0} parcels smaller than a DEM cell take the cells they touch.</source>
        <translation>{0} 个图斑小于一个 DEM 像元，取其接触的像元计算。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="420"/>
        <source>Conditioning the DEM for slope lengths</source>
        <translation>正在为坡长计算预处理 DEM</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="423"/>
        <source>CSLE per cell and per parcel</source>
        <translation>逐像元、逐图斑计算 CSLE</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="436"/>
        <source>The {0} raster does not cover {1} parcels (no soil loss there).</source>
        <translation>{0} 栅格未覆盖 {1} 个图斑（这些图斑不计土壤流失量）。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="446"/>
        <source>{0} parcels lie wholly outside the DEM: they get no numbers.</source>
        <translation>{0} 个图斑完全位于 DEM 范围之外：不计算其指标。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="450"/>
        <source>{0} parcels lie partly outside the DEM: figures cover the part inside.</source>
        <translation>{0} 个图斑部分位于 DEM 范围之外：指标仅统计范围内部分。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="486"/>
        <source>{0} parcels, {1:.2f} hm², eroded area {2:.2f} hm²</source>
        <translation>{0} 个图斑，面积 {1:.2f} hm²，侵蚀面积 {2:.2f} hm²</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="491"/>
        <source>Parameter tables: {0}</source>
        <translation>参数表：{0}</translation>
    </message>
</context>
<context>
    <name>DelineateWatersheds</name>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/delineate_watersheds.py" line="85"/>
        <source>Delineate watersheds from outlets</source>
        <translation>由出口点划分流域</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/delineate_watersheds.py" line="88"/>
        <source>Delineates the full upstream catchment of every outlet point on a DEM.

The DEM is depression-filled (priority flood, Wang &amp; Liu 2006) and D8 flow directions and upstream areas are derived with pyflwdir; the result is cached, so moving an outlet and running again takes about a second. Each outlet is snapped to the cell of largest upstream area within the snap distance (default 3 cells); the snapped outlets layer reports the original position and the distance moved, for review.

Channels are cells whose upstream area reaches the stream threshold; they give the main channel length and slope (equal-area method), the gully density and the Strahler order.

A DEM in a geographic CRS is reprojected to the CGCS2000 3° Gauss-Krüger zone (China) or UTM, and outputs are in that CRS. Outlets in another CRS are transformed.</source>
        <translation>在 DEM 上为每个出口点划分其完整的上游集水区。

DEM 先经填洼处理（优先洪泛法，Wang &amp; Liu 2006），再用 pyflwdir 计算 D8 流向和汇流累积（上游汇水面积）；预处理结果会被缓存，因此移动出口点后重新运行只需约一秒。每个出口点捕捉到捕捉距离（默认 3 个像元）内汇水面积最大的像元；捕捉后出口点图层记录原始位置和移动距离，供核查。

上游汇水面积达到河网提取阈值的像元即为沟道；据此计算主沟道长度、主沟道比降（等面积法）、沟壑密度和 Strahler 分级。

地理坐标系下的 DEM 会重投影到 CGCS2000 3° 带高斯-克吕格投影（中国境内）或 UTM 投影，输出结果采用该坐标系。其他坐标系的出口点会自动转换。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/delineate_watersheds.py" line="102"/>
        <source>DEM</source>
        <translation>数字高程模型 (DEM)</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/delineate_watersheds.py" line="103"/>
        <source>Outlet points</source>
        <translation>出口点</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/delineate_watersheds.py" line="108"/>
        <source>Stream threshold (km²)</source>
        <translation>河网提取阈值（集水面积，km²）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/delineate_watersheds.py" line="116"/>
        <source>Outlet snap distance (m, 0 = 3 cells)</source>
        <translation>出口点捕捉距离（m，0 = 3 个像元）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/delineate_watersheds.py" line="124"/>
        <source>Watersheds</source>
        <translation>流域</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/delineate_watersheds.py" line="129"/>
        <source>Streams</source>
        <translation>河网</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/delineate_watersheds.py" line="134"/>
        <source>Snapped outlets</source>
        <translation>捕捉后出口点</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/delineate_watersheds.py" line="168"/>
        <source>DEM conditioning reused from the cache.</source>
        <translation>已从缓存复用 DEM 预处理结果（填洼、流向、汇流累积）。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/delineate_watersheds.py" line="192"/>
        <source>{0}: {1:.4f} km², outlet moved {2:.1f} m</source>
        <translation>{0}：汇水面积 {1:.4f} km²，出口点移动 {2:.1f} m</translation>
    </message>
</context>
<context>
    <name>DividePanel</name>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/divide_panel.py" line="26"/>
        <source>Divide into small watersheds</source>
        <translation>划分小流域</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/divide_panel.py" line="35"/>
        <source>Optional: region to divide (e.g. the delineated watersheds or a county). Empty = whole DEM.</source>
        <translation>可选：要划分的范围（如已划分的流域或县界）。留空 = 整个 DEM。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/divide_panel.py" line="42"/>
        <source>Optional: units crossing these boundaries are split into sub-units.</source>
        <translation>可选：跨越这些行政区界线的小流域将拆分为亚单元。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/divide_panel.py" line="48"/>
        <source>Smaller residual areas are merged into a neighbour.</source>
        <translation>小于此面积的残余区域将并入相邻单元。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/divide_panel.py" line="51"/>
        <source>Boundary</source>
        <translation>划分范围</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/divide_panel.py" line="52"/>
        <source>Admin units</source>
        <translation>行政区</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/divide_panel.py" line="53"/>
        <source>Admin name field</source>
        <translation>行政区名称字段</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/divide_panel.py" line="54"/>
        <source>Largest unit</source>
        <translation>最大单元面积</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/divide_panel.py" line="55"/>
        <source>Smallest unit</source>
        <translation>最小单元面积</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/divide_panel.py" line="57"/>
        <source>Divide</source>
        <translation>划分小流域</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/divide_panel.py" line="57"/>
        <source>SBPlanner</source>
        <translation>SBPlanner</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/divide_panel.py" line="58"/>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/divide_panel.py" line="58"/>
        <source>Downstream</source>
        <translation>下游单元</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/divide_panel.py" line="58"/>
        <source>Area km²</source>
        <translation>面积 km²</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/divide_panel.py" line="58"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/divide_panel.py" line="58"/>
        <source>Admin</source>
        <translation>行政区</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/divide_panel.py" line="71"/>
        <source>Click a header to sort; Ctrl+C copies the selected rows.</source>
        <translation>单击表头可排序；Ctrl+C 复制所选行。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/divide_panel.py" line="76"/>
        <source>Small watersheds:</source>
        <translation>小流域：</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/divide_panel.py" line="107"/>
        <source>Choose a DEM raster layer.</source>
        <translation>请选择 DEM 栅格图层。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/divide_panel.py" line="110"/>
        <source>The smallest unit must be smaller than the largest unit.</source>
        <translation>最小单元面积必须小于最大单元面积。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/divide_panel.py" line="114"/>
        <source>Choose the name or code field of the admin layer.</source>
        <translation>请选择行政区图层的名称或代码字段。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/divide_panel.py" line="145"/>
        <source>Small watersheds</source>
        <translation>小流域</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/divide_panel.py" line="145"/>
        <source>Small watershed streams</source>
        <translation>小流域河网</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/divide_panel.py" line="160"/>
        <source>{0} small watershed(s) saved in the plan.</source>
        <translation>已将 {0} 个小流域保存到规划成果库。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/divide_panel.py" line="86"/>
        <source>headwater</source>
        <translation>源头小流域</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/divide_panel.py" line="87"/>
        <source>inter-basin</source>
        <translation>区间小流域</translation>
    </message>
</context>
<context>
    <name>DivideSmallWatersheds</name>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/divide_small_watersheds.py" line="80"/>
        <source>Divide into small watersheds (SL 653)</source>
        <translation>划分小流域（SL 653）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/divide_small_watersheds.py" line="83"/>
        <source>Divides a DEM, or the part inside a boundary (a catchment, a county), into small watersheds of at most the maximum area (SL 653-2013: normally ≤ 50 km²).

Micro-watersheds of every channel reach are aggregated from upstream to downstream; when a unit would exceed the maximum area its largest tributaries become small watersheds of their own (headwater units) and the rest forms inter-basins (区间). Units smaller than the minimum area are merged into the downstream unit or the neighbour sharing the longest boundary. Units crossing an administrative boundary are split into sub-units (亚单元, code suffix -1, -2 …). Every unit records its downstream unit.

Codes are provisional (SW001 … numbered from the outlet upstream); when the boundary layer carries an official code field (ws_code, XLYDM, LYDM, code) it is kept as parent_code and prefixes the unit codes.</source>
        <translation>将整个 DEM 或划分范围（某一流域、某个县）内的部分划分为面积不超过上限的小流域（SL 653—2013：一般不大于 50 km²）。

各沟段的微小集水单元自上游向下游逐级合并；当单元面积将超过上限时，其最大的几条支流各自成为独立的小流域（源头小流域），其余部分构成区间小流域（区间）。面积小于下限的单元并入其下游单元或公共边界最长的相邻单元。跨越行政区界线的单元拆分为亚单元（编码后缀 -1、-2 …）。每个单元都记录其下游单元。

编码为临时编码（SW001 …，自出口向上游编号）；若划分范围图层带有正式编码字段（ws_code、XLYDM、LYDM、code），该编码保存为 parent_code，并作为各单元编码的前缀。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/divide_small_watersheds.py" line="98"/>
        <source>DEM</source>
        <translation>数字高程模型 (DEM)</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/divide_small_watersheds.py" line="99"/>
        <source>Boundary (catchment or county)</source>
        <translation>划分范围（流域或县界）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/divide_small_watersheds.py" line="107"/>
        <source>Administrative areas (split into sub-units)</source>
        <translation>行政区（跨界单元拆分为亚单元）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/divide_small_watersheds.py" line="115"/>
        <source>Administrative name/code field</source>
        <translation>行政区名称/代码字段</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/divide_small_watersheds.py" line="123"/>
        <source>Maximum small-watershed area (km²)</source>
        <translation>小流域面积上限（km²）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/divide_small_watersheds.py" line="132"/>
        <source>Minimum area; smaller residual units are merged (km²)</source>
        <translation>面积下限，更小的残余单元将被合并（km²）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/divide_small_watersheds.py" line="141"/>
        <source>Stream threshold (km²)</source>
        <translation>河网提取阈值（集水面积，km²）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/divide_small_watersheds.py" line="150"/>
        <source>Small watersheds</source>
        <translation>小流域</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/divide_small_watersheds.py" line="155"/>
        <source>Small-watershed streams</source>
        <translation>小流域河网</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/divide_small_watersheds.py" line="225"/>
        <source>{0} small watersheds, {1:.3f} km² in total</source>
        <translation>共 {0} 个小流域，总面积 {1:.3f} km²</translation>
    </message>
</context>
<context>
    <name>RoadmapStep</name>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/roadmap.py" line="16"/>
        <source>Parcels and erosion</source>
        <translation>图斑与土壤侵蚀</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/roadmap.py" line="20"/>
        <source>Land-survey parcels per small watershed: slope class and CSLE soil loss.</source>
        <translation>按小流域统计国土调查图斑：坡度分级与 CSLE 土壤流失量。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/roadmap.py" line="31"/>
        <source>Measures</source>
        <translation>治理措施</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/roadmap.py" line="35"/>
        <source>Assign conservation measures to parcels: terraces, forest and grass, check dams.</source>
        <translation>为图斑配置水土保持措施：梯田、林草、谷坊与淤地坝。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/roadmap.py" line="46"/>
        <source>Quantities and investment</source>
        <translation>工程量与投资</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/roadmap.py" line="50"/>
        <source>Engineering quantities and investment estimate of the planned measures.</source>
        <translation>规划措施的工程量计算与投资估算。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/roadmap.py" line="61"/>
        <source>Ranking and benefits</source>
        <translation>排序与效益</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/roadmap.py" line="65"/>
        <source>Treatment urgency ranking of the small watersheds and expected benefits.</source>
        <translation>小流域治理紧迫性排序与预期效益分析。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/roadmap.py" line="76"/>
        <source>Tables and report</source>
        <translation>表格与报告</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/roadmap.py" line="80"/>
        <source>SL/T 447 design tables, Word report and map atlas.</source>
        <translation>SL/T 447 设计表格、Word 报告与图集。</translation>
    </message>
</context>
<context>
    <name>RunPanel</name>
    <message>
        <location filename="../sbplanner_plugin/gui/run_panel.py" line="28"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/run_panel.py" line="58"/>
        <source>Running…</source>
        <translation>正在运行…</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/run_panel.py" line="67"/>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/run_panel.py" line="81"/>
        <source>Done.</source>
        <translation>完成。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/run_panel.py" line="89"/>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
</context>
<context>
    <name>SbAlgorithm</name>
    <message>
        <location filename="../sbplanner_plugin/processing/base.py" line="104"/>
        <source>1 · Small watersheds</source>
        <translation>1 · 小流域划分</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/base.py" line="114"/>
        <source>Not enough memory for this DEM; clip it to the area of interest or use a coarser resolution.</source>
        <translation>内存不足，无法处理此 DEM；请将其裁剪到研究区范围，或改用较低的分辨率。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/base.py" line="130"/>
        <source>The DEM is in a geographic CRS; it was reprojected for true areas and lengths:</source>
        <translation>DEM 采用地理坐标系，为得到真实的面积和长度已将其重投影：</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/base.py" line="133"/>
        <source>DEM: {0} × {1} cells of {2:g} m</source>
        <translation>DEM：{0} × {1} 个像元，像元大小 {2:g} m</translation>
    </message>
</context>
<context>
    <name>SbPlannerDock</name>
    <message>
        <location filename="../sbplanner_plugin/gui/dock.py" line="52"/>
        <source>GeoPackage (*.gpkg)</source>
        <translation>GeoPackage (*.gpkg)</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/dock.py" line="53"/>
        <source>Plan GeoPackage</source>
        <translation>规划成果库 (GeoPackage)</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/dock.py" line="54"/>
        <source>All results of the plan are saved in this GeoPackage.</source>
        <translation>规划的全部成果都保存在此 GeoPackage 中。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/dock.py" line="56"/>
        <source>Plan</source>
        <translation>成果库</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/dock.py" line="140"/>
        <source>Choose the plan GeoPackage (top of the panel) where the results are saved.</source>
        <translation>请在面板顶部选择保存成果的规划成果库 (GeoPackage)。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/dock.py" line="142"/>
        <source>The folder of the plan GeoPackage does not exist: {0}</source>
        <translation>规划成果库 (GeoPackage) 所在的文件夹不存在：{0}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/dock.py" line="155"/>
        <source>SBPlanner is incomplete (plan store module missing); reinstall the plugin.</source>
        <translation>SBPlanner 安装不完整（缺少规划成果库模块），请重新安装插件。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/dock.py" line="158"/>
        <source>The plan GeoPackage cannot be opened or created: {0}</source>
        <translation>无法打开或创建规划成果库 (GeoPackage)：{0}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/dock.py" line="167"/>
        <source>SBPlanner</source>
        <translation>SBPlanner</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/dock.py" line="43"/>
        <source>SBPlanner / 小流域治理规划</source>
        <translation>SBPlanner / 小流域治理规划</translation>
    </message>
</context>
<context>
    <name>SbPlannerErrors</name>
    <message>
        <location filename="../sbplanner_plugin/core/errors.py" line="37"/>
        <source>The DEM has no coordinate reference system; assign one (Layer Properties ▸ Source) and run again.</source>
        <translation>DEM 没有坐标参考系；请先指定坐标参考系（图层属性 ▸ 源），然后重新运行。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/errors.py" line="45"/>
        <source>The DEM holds no valid elevation (every cell is nodata).</source>
        <translation>DEM 中没有有效高程值（所有像元均为 NoData）。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/errors.py" line="50"/>
        <source>The DEM has only {rows} × {cols} cells; at least 3 × 3 valid cells are needed.</source>
        <translation>DEM 只有 {rows} × {cols} 个像元；至少需要 3 × 3 个有效像元。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/errors.py" line="57"/>
        <source>The outlet layer holds no points.</source>
        <translation>出口点图层中没有点要素。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/errors.py" line="62"/>
        <source>Outlet {outlet} at ({x:.1f}, {y:.1f}) lies outside the valid DEM area.</source>
        <translation>出口点 {outlet}（{x:.1f}, {y:.1f}）位于 DEM 有效范围之外。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/errors.py" line="69"/>
        <source>The boundary layer does not overlap the valid DEM area.</source>
        <translation>划分范围图层与 DEM 有效范围不重叠。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/errors.py" line="74"/>
        <source>Invalid value for {name}: {value} ({reason}).</source>
        <translation>{name} 的取值无效：{value}（{reason}）。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/errors.py" line="79"/>
        <source>Cancelled by the user.</source>
        <translation>已被用户取消。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/errors.py" line="84"/>
        <source>The DEM &apos;{path}&apos; cannot be read as a raster.</source>
        <translation>无法将 DEM“{path}”读取为栅格数据。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/params.py" line="24"/>
        <source>Parameter table {file}, line {line}, column &apos;{column}&apos;: {problem}</source>
        <translation>参数表 {file} 第 {line} 行“{column}”列：{problem}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="54"/>
        <source>The parcel layer has no land-use field (DLBM or similar); choose one in &apos;Land-use field&apos;.</source>
        <translation>图斑图层没有地类编码字段（DLBM 或类似字段）；请在“地类编码字段”中选择。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="61"/>
        <source>The parcel layer holds no polygons with a geometry.</source>
        <translation>图斑图层中没有带几何的面要素。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="66"/>
        <source>Give the {factor} factor as a number greater than 0 or as a raster.</source>
        <translation>请将 {factor} 因子设为大于 0 的数值或指定栅格。</translation>
    </message>
</context>
<context>
    <name>SbPlannerProvider</name>
    <message>
        <location filename="../sbplanner_plugin/processing/provider.py" line="24"/>
        <source>SBPlanner</source>
        <translation>SBPlanner</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/provider.py" line="27"/>
        <source>SBPlanner — small-watershed soil and water conservation planning</source>
        <translation>SBPlanner — 小流域水土保持综合治理规划</translation>
    </message>
</context>
<context>
    <name>Step</name>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/base.py" line="42"/>
        <source>(coming)</source>
        <translation>（即将推出）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/base.py" line="83"/>
        <source>This step will come in a later version of SBPlanner.</source>
        <translation>此步骤将在 SBPlanner 的后续版本中提供。</translation>
    </message>
</context>
<context>
    <name>WatershedsStep</name>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/watersheds_step.py" line="224"/>
        <source>Watersheds</source>
        <translation>流域</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/watersheds_step.py" line="67"/>
        <source>SBPlanner – 1 Watersheds</source>
        <translation>SBPlanner – 1 小流域划分</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/watersheds_step.py" line="79"/>
        <source>Click outlets on map</source>
        <translation>在地图上点选出口点</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/watersheds_step.py" line="81"/>
        <source>Left click adds an outlet; right click or Esc ends.</source>
        <translation>左键单击添加出口点；右键单击或按 Esc 结束。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/watersheds_step.py" line="82"/>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/watersheds_step.py" line="83"/>
        <source>Remove all clicked outlets</source>
        <translation>移除所有点选的出口点</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/watersheds_step.py" line="86"/>
        <source>Upstream area at which a channel starts</source>
        <translation>沟道起始处的上游汇水面积（集水面积阈值）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/watersheds_step.py" line="88"/>
        <source>auto (3 cells)</source>
        <translation>自动（3 个像元）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/watersheds_step.py" line="90"/>
        <source>Outlets move to the highest-accumulation cell within this distance</source>
        <translation>出口点将移动到此距离内汇流累积量最大的像元</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/watersheds_step.py" line="96"/>
        <source>DEM</source>
        <translation>DEM</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/watersheds_step.py" line="97"/>
        <source>Outlets</source>
        <translation>出口点</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/watersheds_step.py" line="99"/>
        <source>Stream threshold</source>
        <translation>河网提取阈值</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/watersheds_step.py" line="100"/>
        <source>Snap distance</source>
        <translation>捕捉距离</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/watersheds_step.py" line="102"/>
        <source>Delineate</source>
        <translation>划分流域</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/watersheds_step.py" line="102"/>
        <source>SBPlanner</source>
        <translation>SBPlanner</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/watersheds_step.py" line="103"/>
        <source>Outlet</source>
        <translation>出口点</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/watersheds_step.py" line="103"/>
        <source>x</source>
        <translation>原始 x</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/watersheds_step.py" line="103"/>
        <source>y</source>
        <translation>原始 y</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/watersheds_step.py" line="103"/>
        <source>Snapped x</source>
        <translation>捕捉后 x</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/watersheds_step.py" line="103"/>
        <source>Snapped y</source>
        <translation>捕捉后 y</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/watersheds_step.py" line="103"/>
        <source>Snap m</source>
        <translation>捕捉距离 m</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/watersheds_step.py" line="103"/>
        <source>Upstream km²</source>
        <translation>汇水面积 km²</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/watersheds_step.py" line="103"/>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/watersheds_step.py" line="124"/>
        <source>Delineate catchments of outlets</source>
        <translation>由出口点划分流域</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/watersheds_step.py" line="128"/>
        <source>Snapped outlets (select a row to show it on the map):</source>
        <translation>捕捉后出口点（选中一行可在地图上定位）：</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/watersheds_step.py" line="162"/>
        <source>SBPlanner outlets</source>
        <translation>SBPlanner 出口点</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/watersheds_step.py" line="189"/>
        <source>Choose a DEM raster layer.</source>
        <translation>请选择 DEM 栅格图层。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/watersheds_step.py" line="192"/>
        <source>Choose an outlet point layer or click outlets on the map.</source>
        <translation>请选择出口点图层，或在地图上点选出口点。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/watersheds_step.py" line="195"/>
        <source>The outlet layer has no points.</source>
        <translation>出口点图层中没有点要素。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/watersheds_step.py" line="224"/>
        <source>Streams</source>
        <translation>河网</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/watersheds_step.py" line="224"/>
        <source>Snapped outlets</source>
        <translation>捕捉后出口点</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/watersheds_step.py" line="235"/>
        <source>{0} outlet(s) moved more than {1:g} cells (highlighted): check them on the map.</source>
        <translation>{0} 个出口点的移动距离超过 {1:g} 个像元（已高亮显示）：请在地图上核查。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/watersheds_step.py" line="247"/>
        <source>{0} watershed(s), total {1:.2f} km², saved in the plan.</source>
        <translation>{0} 个流域，总面积 {1:.2f} km²，已保存到规划成果库。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/watersheds_step.py" line="64"/>
        <source>Watersheds</source>
        <comment>workflow step title</comment>
        <translation>小流域划分</translation>
    </message>
</context>
</TS>
