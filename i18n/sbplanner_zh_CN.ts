<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1">
<context>
    <name>@default</name>
    <message>
        <location filename="../sbplanner_plugin/plugin.py" line="122"/>
        <source>SBPlanner panel</source>
        <translation>SBPlanner 面板</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/plugin.py" line="125"/>
        <source>Show or hide the SBPlanner small-watershed planning panel</source>
        <translation>显示或隐藏 SBPlanner 小流域治理规划面板</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/plugin.py" line="154"/>
        <source>Check Python packages…</source>
        <translation>检查 Python 依赖包…</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/plugin.py" line="328"/>
        <source>SBPlanner</source>
        <translation>SBPlanner</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/plugin.py" line="173"/>
        <source>The SBPlanner algorithms could not be loaded: {0}</source>
        <translation>无法加载 SBPlanner 算法：{0}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/plugin.py" line="227"/>
        <source>Some Python packages SBPlanner needs are missing: {0}. See Plugins ▸ SBPlanner ▸ Check Python packages.</source>
        <translation>SBPlanner 所需的部分 Python 依赖包缺失：{0}。请查看 插件 ▸ SBPlanner ▸ 检查 Python 依赖包。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/plugin.py" line="328"/>
        <source>Missing or incompatible Python packages: {0}. The SBPlanner algorithms are disabled.</source>
        <translation>缺失或版本不兼容的 Python 依赖包：{0}。SBPlanner 算法已停用。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/plugin.py" line="332"/>
        <source>Details</source>
        <translation>详细信息</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/plugin.py" line="342"/>
        <source>SBPlanner — Python packages</source>
        <translation>SBPlanner — Python 依赖包</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/plugin.py" line="344"/>
        <source>Some Python packages are missing or incompatible.</source>
        <translation>部分 Python 依赖包缺失或版本不兼容。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/plugin.py" line="344"/>
        <source>All required Python packages are available.</source>
        <translation>所需的 Python 依赖包均已就绪。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/about.py" line="18"/>
        <source>SL 653-2013 — small watershed division and coding (step 1)</source>
        <translation>SL 653-2013《小流域划分及编码规范》——小流域划分（第 1 步）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/about.py" line="19"/>
        <source>SL 190-2007 — erosion intensity classes and tolerable soil loss (step 2)</source>
        <translation>SL 190-2007《土壤侵蚀分类分级标准》——侵蚀强度分级与容许土壤流失量（第 2 步）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/about.py" line="20"/>
        <source>CSLE, Liu Baoyuan et al. 2002 — soil loss A = R·K·L·S·B·E·T (step 2)</source>
        <translation>中国土壤流失方程 CSLE（刘宝元等，2002）——土壤流失量 A = R·K·L·S·B·E·T（第 2 步）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/about.py" line="21"/>
        <source>GB/T 21010-2017 and the Third National Land Survey parcel fields — land-use codes (step 2)</source>
        <translation>GB/T 21010-2017《土地利用现状分类》及三调地类图斑字段——地类编码（第 2 步）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/about.py" line="22"/>
        <source>GB 51018-2014 and GB/T 16453.1–16453.4-2008 — measure layout, terraces and works (steps 3–4)</source>
        <translation>GB 51018-2014《水土保持工程设计规范》及 GB/T 16453.1～16453.4-2008《水土保持综合治理 技术规范》——措施布局、梯田与工程（第 3～4 步）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/about.py" line="23"/>
        <source>Shuizong [2003] No. 67 — structure of the investment estimate (step 4)</source>
        <translation>水总〔2003〕67号《水土保持工程概（估）算编制规定》——投资估算构成（第 4 步）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/about.py" line="24"/>
        <source>GB/T 15774-2008 — benefits of comprehensive control (step 5)</source>
        <translation>GB/T 15774-2008《水土保持综合治理 效益计算方法》——效益计算（第 5 步）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/about.py" line="25"/>
        <source>SL/T 447-2026 Appendix D and GB/T 15772-2008 — design tables, report and maps (step 6)</source>
        <translation>SL/T 447-2026《水土保持项目前期设计文件编制技术规程》附录 D 及 GB/T 15772-2008《水土保持综合治理 规划通则》——设计表格、报告与图件（第 6 步）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/about.py" line="43"/>
        <source>Version {0} · licence {1} · QGIS {2} or later</source>
        <translation>版本 {0} · 许可证 {1} · 需要 QGIS {2} 及以上</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/about.py" line="62"/>
        <source>Values not read in a primary text are kept in editable parameter tables with their source and confidence (resources/params); check them against the official editions.</source>
        <translation>未经原文核实的取值均保存在可编辑的参数表中，并注明出处和可信度（resources/params）；使用前请对照正式文本核查。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/plugin.py" line="159"/>
        <source>About SBPlanner</source>
        <translation>关于 SBPlanner</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/demo_project.py" line="121"/>
        <source>Hillshade</source>
        <translation>山体阴影</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/demo_project.py" line="122"/>
        <source>DEM 10 m (elevation, m)</source>
        <translation>DEM 10 m（高程，m）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/demo_project.py" line="166"/>
        <source>The demo DEM cannot be opened: {0}</source>
        <translation>无法打开示范项目的 DEM：{0}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/demo_project.py" line="155"/>
        <source>The demo layer cannot be opened: {0}</source>
        <translation>无法打开示范项目的图层：{0}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/demo_project.py" line="169"/>
        <source>Outlet (Hetian station)</source>
        <translation>流域出口（河田站）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/demo_project.py" line="172"/>
        <source>Land-use parcels</source>
        <translation>地类图斑</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/demo_project.py" line="178"/>
        <source>Outlets</source>
        <translation>出口点</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/demo_project.py" line="178"/>
        <source>Land-use parcels (Third National Land Survey style)</source>
        <translation>地类图斑（三调格式）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/demo_project.py" line="178"/>
        <source>Terrain (DEM)</source>
        <translation>地形（DEM）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/demo_project.py" line="192"/>
        <source>SBPlanner demo: Youwuzhen watershed</source>
        <translation>SBPlanner 示范项目：游屋镇小流域</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/demo_project.py" line="233"/>
        <source>The demo data are missing from this installation ({0}): reinstall the plugin.</source>
        <translation>本次安装缺少示范数据（{0}），请重新安装插件。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/demo_project.py" line="260"/>
        <source>The demo project could not be loaded: {0}</source>
        <translation>无法加载示范项目：{0}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/demo_project.py" line="278"/>
        <source>Demo project loaded. Its plan and data are in the temporary folder {0}. Press Delineate in step 1 to start; R, K and cover of the demo are assumptions (illustrative only).</source>
        <translation>示范项目已加载，规划成果库和数据位于临时文件夹 {0}。点击第 1 步的“划分流域”开始；示范项目的 R、K 和植被覆盖度为假设值，结果仅供演示。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/plugin.py" line="131"/>
        <source>Load demo project (Youwuzhen)</source>
        <translation>加载示范项目（游屋镇）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/plugin.py" line="131"/>
        <source>A new project with the bundled Youwuzhen watershed and a new plan, ready to run step 1</source>
        <translation>新建工程，载入插件自带的游屋镇小流域和新的规划成果库，可直接运行第 1 步</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/plugin.py" line="137"/>
        <source>Guided mode</source>
        <translation>引导模式</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/plugin.py" line="137"/>
        <source>Show what each step does, the standard it follows and a Next step button</source>
        <translation>显示每一步的作用、依据的标准和“下一步”按钮</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/plugin.py" line="145"/>
        <source>Manual</source>
        <translation>用户手册</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/plugin.py" line="145"/>
        <source>Open the SBPlanner user guide</source>
        <translation>打开 SBPlanner 用户手册</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/plugin.py" line="254"/>
        <source>Start with step 1: delineate the watersheds of a DEM. New to SBPlanner? Try the demo watershed.</source>
        <translation>从第 1 步开始：根据 DEM 划分流域。初次使用 SBPlanner？可以先试试示范小流域。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/plugin.py" line="258"/>
        <source>Open the panel</source>
        <translation>打开面板</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/plugin.py" line="261"/>
        <source>Load demo project</source>
        <translation>加载示范项目</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/about.py" line="36"/>
        <source>Small-watershed soil and water conservation planning for QGIS.</source>
        <translation>QGIS 小流域水土流失综合治理规划设计插件。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/about.py" line="37"/>
        <source>Demo data</source>
        <translation>示范数据</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/about.py" line="38"/>
        <source>Standards and methods</source>
        <translation>依据的标准与方法</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/about.py" line="83"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/about.py" line="49"/>
        <source>Youwuzhen watershed (Hetian, Changting County, Fujian): DEM and outlet from SEIMS, LREIS, Institute of Geographic Sciences and Natural Resources Research, CAS (github.com/lreis2415/SEIMS, commit d6b1e5f, GPL-3.0). Please cite Zhu L.-J. et al. (2019) Water 11(2):262, Qin C.-Z. et al. (2018) J. Soil Water Conserv. 73(5):504–517 and Zhu L.-J. et al. (2019) Environ. Model. Softw. 122:104526. The land-use parcels are derived from the SEIMS data for SBPlanner (not an official survey layer); R, K and vegetation cover of the demo are assumptions.</source>
        <translation>游屋镇小流域（福建省长汀县河田镇）：DEM 与出口点来自中国科学院地理科学与资源研究所资源与环境信息系统国家重点实验室的 SEIMS 模型数据（github.com/lreis2415/SEIMS，提交 d6b1e5f，GPL-3.0 许可）。引用请注明 Zhu L.-J. 等（2019）Water 11(2):262、Qin C.-Z. 等（2018）J. Soil Water Conserv. 73(5):504–517 及 Zhu L.-J. 等（2019）Environ. Model. Softw. 122:104526。地类图斑由 SBPlanner 根据 SEIMS 数据派生，并非官方调查成果；示范项目的 R、K 与植被覆盖度均为假设值。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/plugin.py" line="147"/>
        <source>Parameter tables…</source>
        <translation>参数表…</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/plugin.py" line="147"/>
        <source>The factor and parameter tables with their sources; edit a copy or reset to the defaults</source>
        <translation>因子与参数表及其来源；可编辑副本或恢复默认值</translation>
    </message>
</context>
<context>
    <name>AlgorithmRun</name>
    <message>
        <location filename="../sbplanner_plugin/gui/tasks.py" line="101"/>
        <source>The algorithm {0} is not available. Is the SBPlanner Processing provider loaded?</source>
        <translation>算法 {0} 不可用。请确认 SBPlanner 处理算法提供程序已加载。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/tasks.py" line="121"/>
        <source>Invalid parameters.</source>
        <translation>参数无效。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/tasks.py" line="198"/>
        <source>The results could not be loaded: {0}</source>
        <translation>无法加载计算结果：{0}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/tasks.py" line="207"/>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/tasks.py" line="221"/>
        <source>The algorithm {0} failed; see the Processing log for details.</source>
        <translation>算法 {0} 运行失败，详见处理工具日志。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/tasks.py" line="228"/>
        <source>Unexpected error in {0}: {1} (details in the SBPlanner log).</source>
        <translation>{0} 发生意外错误：{1}（详见 SBPlanner 日志）。</translation>
    </message>
</context>
<context>
    <name>AnalyseParcels</name>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="150"/>
        <source>2 · Parcels and erosion</source>
        <translation>2 · 图斑与土壤侵蚀</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="156"/>
        <source>Analyse parcels: slope, land use and CSLE erosion</source>
        <translation>图斑分析：坡度、土地利用与 CSLE 土壤侵蚀</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="159"/>
        <source>For every land parcel (三调 地类图斑 or any polygons with a land-use code): slope composition, land use, CSLE soil loss A = R·K·L·S·B·E·T, SL 190 erosion class and eroded area.

A is computed per DEM cell and averaged over the parcel: L from the flow-path slope length (λ restarts at channels and at slope breaks, LS_TOOL cutoffs), S from the three-piece CSLE formula. Cropland uses T with B = 1; other land uses B (from vegetation cover and canopy closure) with T = 1; built-up land and water do not erode. Terraced cropland (三调 GDLX = TT) gets the level-terrace E.

Land-use codes are GB/T 21010-2017 / 三调 codes (0101, 0201K …); other code lists need a mapping CSV (columns code, gbt21010_code). Unmapped codes are reported by value and count.

Every factor table is a CSV under resources/params (source and confidence per row); copies in &lt;QGIS profile&gt;/sbplanner/params override them.</source>
        <translation>对每个土地图斑（三调地类图斑，或任何带地类编码的面要素）计算：坡度组成、土地利用、CSLE 土壤流失量 A = R·K·L·S·B·E·T、SL 190 侵蚀强度分级及水土流失面积。

A 按 DEM 像元逐个计算后在图斑内取平均：L 由沿水流路径的坡长计算（坡长 λ 在沟道和坡度突变处重新起算，截断规则同 LS_TOOL），S 采用 CSLE 三段式坡度因子公式。耕地取耕作措施因子 T，B = 1；其他地类取生物措施因子 B（由植被覆盖度和郁闭度确定），T = 1；建设用地和水域不计侵蚀。梯田化耕地（三调 GDLX = TT）取水平梯田的工程措施因子 E。

地类编码采用 GB/T 21010—2017 / 三调编码（0101、0201K …）；其他编码体系需提供对照表 CSV（列 code、gbt21010_code）。未能对照的编码按编码值和图斑数列出。

各因子参数表均为 resources/params 下的 CSV 文件（每行注明来源和可信度）；&lt;QGIS 配置目录&gt;/sbplanner/params 中的同名副本优先使用。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="203"/>
        <source>Land parcels</source>
        <translation>土地图斑</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="204"/>
        <source>DEM</source>
        <translation>数字高程模型 (DEM)</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="205"/>
        <source>Small watersheds (with ws_code)</source>
        <translation>小流域（含 ws_code 字段）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="210"/>
        <source>Land-use field (default: DLBM)</source>
        <translation>地类编码字段（默认 DLBM）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="218"/>
        <source>Land-use code mapping to GB/T 21010 (CSV)</source>
        <translation>地类编码与 GB/T 21010 对照表（CSV）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="238"/>
        <source>Slope classes</source>
        <translation>坡度分级</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="238"/>
        <source>SL 190 surface-erosion classes</source>
        <translation>SL 190 面蚀坡度分级</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="238"/>
        <source>SL/T 447 D.0.10 land slope composition</source>
        <translation>SL/T 447 表 D.0.10 土地坡度组成</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="238"/>
        <source>SL/T 447 D.0.11 sloping-cropland slope composition</source>
        <translation>SL/T 447 表 D.0.11 坡耕地坡度组成</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="238"/>
        <source>Custom breaks</source>
        <translation>自定义分级</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="252"/>
        <source>Custom slope breaks (degrees, e.g. 5,15,25)</source>
        <translation>自定义坡度分级界限（°，如 5,15,25）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="257"/>
        <source>R factor (MJ·mm/(hm²·h·a))</source>
        <translation>降雨侵蚀力因子 R（MJ·mm/(hm²·h·a)）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="266"/>
        <source>R factor raster</source>
        <translation>降雨侵蚀力因子 R 栅格</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="267"/>
        <source>K factor (t·hm²·h/(hm²·MJ·mm))</source>
        <translation>土壤可蚀性因子 K（t·hm²·h/(hm²·MJ·mm)）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="276"/>
        <source>K factor raster</source>
        <translation>土壤可蚀性因子 K 栅格</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="293"/>
        <source>Vegetation cover raster (0–1 or %)</source>
        <translation>植被覆盖度栅格（0–1 或 %）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="298"/>
        <source>Vegetation cover field (0–1 or %)</source>
        <translation>植被覆盖度字段（0–1 或 %）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="307"/>
        <source>Canopy closure field (0–1)</source>
        <translation>郁闭度字段（0–1）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="316"/>
        <source>Erosion type region</source>
        <translation>土壤侵蚀类型区</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="321"/>
        <source>Allowable soil loss (t/(km²·a), 0 = from the region)</source>
        <translation>容许土壤流失量（t/(km²·a)，0 = 按土壤侵蚀类型区取值）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="330"/>
        <source>Channel threshold for slope length (km²)</source>
        <translation>坡长计算的沟道集水面积阈值（km²）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="346"/>
        <source>Analysed parcels</source>
        <translation>图斑分析结果</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="351"/>
        <source>Soil loss raster (t/(km²·a))</source>
        <translation>土壤流失量栅格（t/(km²·a)）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="471"/>
        <source>Land-use field: {0}</source>
        <translation>地类编码字段：{0}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="538"/>
        <source>Allowable soil loss: {0:g} t/(km²·a)</source>
        <translation>容许土壤流失量：{0:g} t/(km²·a)</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="528"/>
        <source>{0} invalid parcel geometries were repaired.</source>
        <translation>已修复 {0} 个无效的图斑几何。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="530"/>
        <source>{0} parcels without a geometry were skipped.</source>
        <translation>已跳过 {0} 个没有几何的图斑。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="549"/>
        <source>Unmapped land-use code &apos;{0}&apos;: {1} parcels (no land-use class, no soil loss).</source>
        <translation>未能对照的地类编码“{0}”：{1} 个图斑（无地类归属，不计土壤流失量）。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="561"/>
        <source>{0} parcels smaller than a DEM cell take the cells they touch.</source>
        <translation>{0} 个图斑小于一个 DEM 像元，取其接触的像元计算。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="472"/>
        <source>Conditioning the DEM for slope lengths</source>
        <translation>正在为坡长计算预处理 DEM</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="489"/>
        <source>CSLE per cell and per parcel</source>
        <translation>逐像元、逐图斑计算 CSLE</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="563"/>
        <source>The {0} raster does not cover {1} parcels (no soil loss there).</source>
        <translation>{0} 栅格未覆盖 {1} 个图斑（这些图斑不计土壤流失量）。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="569"/>
        <source>{0} parcels lie wholly outside the DEM: they get no numbers.</source>
        <translation>{0} 个图斑完全位于 DEM 范围之外：不计算其指标。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="573"/>
        <source>{0} parcels lie partly outside the DEM: figures cover the part inside.</source>
        <translation>{0} 个图斑部分位于 DEM 范围之外：指标仅统计范围内部分。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="514"/>
        <source>{0} parcels, {1:.2f} hm², eroded area {2:.2f} hm²</source>
        <translation>{0} 个图斑，面积 {1:.2f} hm²，水土流失面积 {2:.2f} hm²</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="519"/>
        <source>Parameter tables: {0}</source>
        <translation>参数表：{0}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="277"/>
        <source>K factor field of the parcels (or soil type code, with a soil K table)</source>
        <translation>图斑的土壤可蚀性因子 K 字段（或土壤类型编码，配合土壤 K 值表使用）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="285"/>
        <source>Soil K table (CSV: soil_code, k_factor)</source>
        <translation>土壤 K 值表（CSV：soil_code、k_factor）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="555"/>
        <source>Soil codes without K in the table: {0} (those parcels use the K number or raster).</source>
        <translation>K 值表中缺少以下土壤编码：{0}（这些图斑改用 K 数值或 K 栅格）。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="456"/>
        <source>small watersheds</source>
        <translation>小流域</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="533"/>
        <source>parcels</source>
        <translation>图斑</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="159"/>
        <source>

ws_code is the small watershed holding most of the parcel; ws_pieces lists its DEM cells per small watershed (e.g. SW001=412;SW002=88), by which the watershed summaries split a parcel crossing a boundary. cover_fvc and canopy_gd are the vegetation cover and canopy closure the B factor used (cover raster, parcel field or class default); 林草覆盖率 applies its thresholds to them.</source>
        <translation>

ws_code 为图斑面积最大部分所在的小流域；ws_pieces 列出图斑在各小流域内的 DEM 像元数（如 SW001=412;SW002=88），小流域汇总表据此拆分跨界图斑。cover_fvc 和 canopy_gd 为计算 B 因子时实际采用的植被覆盖度和郁闭度（覆盖度栅格、图斑字段或地类默认值）；林草覆盖率的阈值即作用于这两个值。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="159"/>
        <source>Cropland T comes from the cropping-system zone (轮作制度分区, CROPPING_ZONE: a zone_id of t_zones.csv); without a zone and a tillage practice T = 1 (bare fallow) is used and the log says so. The log lists every factor's value and source, and warns when R or K lies outside its plausible range (factor_plausibility.csv), e.g. K in US customary units.</source>
        <translation>耕地的耕作措施因子 T 取自轮作制度分区（CROPPING_ZONE：t_zones.csv 中的 zone_id）；未给出分区和耕作措施时采用 T = 1（裸露休闲地），日志会予以说明。日志列出每个因子的取值和来源；R 或 K 超出合理范围（factor_plausibility.csv）时给出警告，例如 K 使用了美制单位。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="339"/>
        <source>Cropping-system zone 轮作制度分区 for cropland T (zone_id of t_zones.csv)</source>
        <translation>耕地 T 值的轮作制度分区（t_zones.csv 中的 zone_id）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="356"/>
        <source>Factor provenance (factor, value, source)</source>
        <translation>因子来源（因子、取值、来源）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="365"/>
        <source>Factor values and sources</source>
        <translation>因子取值与来源</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="366"/>
        <source>Factor warnings</source>
        <translation>因子警告</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="539"/>
        <source>CSLE factors (value — source):</source>
        <translation>CSLE 因子（取值 — 来源）：</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="159"/>
        <source>Code vintage: 二调 / GB/T 21010-2007 codes (011 水田, 101 铁路用地, 203 村庄 …) are read by their own table (landuse_gbt21010_2007.csv). 'Automatic' detects the vintage from the code forms and the 二调 / 三调 field names (GDPDJ, TKXS / GDPDJB, KCXS) and stops when they disagree; the log names the vintage, the evidence and the table used.</source>
        <translation>地类编码版本：二调 / GB/T 21010—2007 编码（011 水田、101 铁路用地、203 村庄 …）按其专用对照表（landuse_gbt21010_2007.csv）解读。“自动”根据编码形式和二调 / 三调字段名（GDPDJ、TKXS / GDPDJB、KCXS）判定版本，证据相互矛盾时停止运行；日志列出所用版本、判定依据和对照表。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="226"/>
        <source>Land-use code vintage</source>
        <translation>地类编码版本</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="226"/>
        <source>Automatic (detect)</source>
        <translation>自动（识别）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="370"/>
        <source>Land-use code vintage used</source>
        <translation>所用地类编码版本</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="367"/>
        <source>Parcels wholly outside the DEM (no numbers)</source>
        <translation>完全位于 DEM 之外的图斑（无计算结果）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="478"/>
        <source>{0} DEM cells get an infinite {1} from its raster; they are treated as nodata there.</source>
        <translation>{0} 个 DEM 像元从 {1} 因子栅格得到无穷大值；这些像元在该处按无数据处理。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="226"/>
        <source>3rd land survey / GB/T 21010-2017</source>
        <translation>三调 / GB/T 21010—2017</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="226"/>
        <source>2nd land survey / GB/T 21010-2007</source>
        <translation>二调 / GB/T 21010—2007</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="238"/>
        <source>Land-survey cropland slope grade GDPDJB</source>
        <translation>三调耕地坡度级别 GDPDJB</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="159"/>
        <source>Soil loss raster (optional): the soil loss of every DEM cell in t/(km²·a) as a GeoTIFF, written aside and moved into place when complete; the mean of a parcel's cells is its soil_loss_t_km2_a. Styled by the SL 190 classes it is the erosion intensity map.</source>
        <translation>土壤流失量栅格（可选）：每个 DEM 栅格单元的土壤流失量（t/(km²·a)），写为 GeoTIFF，先另行写出、完成后再移入目标位置；图斑内各栅格单元的平均值即该图斑的 soil_loss_t_km2_a。按 SL 190 分级显示即为侵蚀强度分布图。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="371"/>
        <source>Allowable soil loss used (t/(km²·a))</source>
        <translation>采用的容许土壤流失量（t/(km²·a)）</translation>
    </message>
</context>
<context>
    <name>AssignMeasures</name>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/assign_measures.py" line="86"/>
        <source>3 · Measures</source>
        <translation>3 · 措施配置</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/assign_measures.py" line="92"/>
        <source>Assign measures to parcels (rule-based default layout)</source>
        <translation>为图斑配置措施（按规则生成默认措施布局）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/assign_measures.py" line="124"/>
        <source>Analysed parcels (from step 2)</source>
        <translation>图斑分析结果（第 2 步输出）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/assign_measures.py" line="129"/>
        <source>Assignment rules (CSV; default: the bundled rules)</source>
        <translation>措施配置规则（CSV；默认使用插件自带规则）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/assign_measures.py" line="137"/>
        <source>Erosion type region</source>
        <translation>土壤侵蚀类型区</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/assign_measures.py" line="137"/>
        <source>Southern red-soil hilly region</source>
        <translation>南方红壤丘陵区</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/assign_measures.py" line="137"/>
        <source>Southwestern rocky mountain region</source>
        <translation>西南土石山区</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/assign_measures.py" line="137"/>
        <source>Northwestern Loess Plateau</source>
        <translation>西北黄土高原区</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/assign_measures.py" line="137"/>
        <source>Northeastern black-soil region</source>
        <translation>东北黑土区</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/assign_measures.py" line="137"/>
        <source>Northern rocky mountain region</source>
        <translation>北方土石山区</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/assign_measures.py" line="169"/>
        <source>Soil depth field (m)</source>
        <translation>土层厚度字段（m）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/assign_measures.py" line="169"/>
        <source>Exemption field: retiring cropland is impracticable (退耕确有困难, true/1)</source>
        <translation>豁免字段：退耕确有困难（true/1）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/assign_measures.py" line="169"/>
        <source>Vegetation cover field (0–1 or %; default FVC)</source>
        <translation>植被覆盖度字段（0–1 或 %；默认 FVC）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/assign_measures.py" line="169"/>
        <source>Canopy closure field (0–1; default YBD)</source>
        <translation>郁闭度字段（0–1；默认 YBD）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/assign_measures.py" line="215"/>
        <source>Measure catalogue (CSV; default: the bundled catalogue)</source>
        <translation>措施库（CSV；默认使用插件自带措施库）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/assign_measures.py" line="223"/>
        <source>Parcels with measures</source>
        <translation>已配置措施的图斑</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/assign_measures.py" line="303"/>
        <source>Measure catalogue: {0} ({1} measures, sha1 {2})</source>
        <translation>措施库：{0}（{1} 项措施，sha1 {2}）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/assign_measures.py" line="308"/>
        <source>Assignment rules: {0} ({1} rules)</source>
        <translation>措施配置规则：{0}（{1} 条规则）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/assign_measures.py" line="270"/>
        <source>{0} from field {1}</source>
        <translation>{0} 取自字段 {1}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/assign_measures.py" line="341"/>
        <source>Proposed measures (area counted once, under the primary measure):</source>
        <translation>建议措施（面积只计一次，计入主要措施）：</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/assign_measures.py" line="343"/>
        <source>  {0} {1}: {2:.2f} hm², {3} parcels</source>
        <translation>  {0} {1}：{2:.2f} hm²，{3} 个图斑</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/assign_measures.py" line="235"/>
        <source>parcels</source>
        <translation>图斑</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/assign_measures.py" line="95"/>
        <source>Proposes a soil and water conservation measure for every parcel analysed in step 2 (措施配置): ordered first-match rules on land use, mean slope, erosion class, 三调 GDLX (TT = already terraced), soil depth, vegetation cover, canopy closure and the erosion-type region. Several measures may combine on one parcel (e.g. 水平梯田 + 地埂植物带); the first is the primary measure.

Slope bounds are lower-inclusive and upper-exclusive: a 15.0° parcel is in [15°, 25°).

Built in and not switchable off: the Soil and Water Conservation Law (《水土保持法》 第二十条, and the article on existing steep cropping) — cropland (except paddies) beyond the prohibited-cultivation slope is retired to forest and grass (退耕还林还草) unless the exemption field flags it 退耕确有困难; a rule that would keep it cropped is overridden and named in the log. The slope limit is 25° by the law; give a province's smaller limit (e.g. 15°). Evidence, in this order: a parcel with at least 50 % of its area inside the county's prohibited-cultivation area (禁垦范围, optional layer); the 三调 slope grade GDPDJB when the layer has it (1 ≤ 2°, 2 ≤ 6°, 3 ≤ 15°, 4 ≤ 25°, 5 &gt; 25°) — a grade whose whole class lies above the limit decides (grade 5 at 25°; grades 4 and 5 at 15°; at a limit that is not a class bound, such as 20°, only grade 5); otherwise the DEM mean slope ≥ the limit. The reason field names the evidence used. Terraced parcels (GDLX = TT) never get another terrace. Built-up land, water and paddies get no measure. 微度 (slight) parcels get no measure by default: they are not eroded land, and a measure given to one by hand counts as prevention/protection (预防/保护), not as treated area (治理面积).

Optional flag fields: parcels marked 崩岗 get 崩岗 treatment (削坡减级, 崩壁小台阶, 植被恢复); terraced parcels marked damaged get terrace repair (梯田修复).

Output: the input fields plus measure_code, measure_name, measure_category, measure_codes, measure_names, rule_id, reason (why, in Chinese), status = proposed, measure_params and steep_cropland (the evidence that put cropland beyond the slope limit: dem, gdpdjb or no_cultivation_area). The catalogue (measures.csv) and the rules (assignment_rules.csv) are editable CSV tables under resources/params; copies in &lt;QGIS profile&gt;/sbplanner/params override them.</source>
        <translation>为第 2 步分析过的每个图斑提出水土保持措施（措施配置）：按顺序逐条匹配规则，取第一条满足的规则；规则条件包括地类、平均坡度、侵蚀强度、三调 GDLX（TT = 已是梯田）、土层厚度、植被覆盖度、郁闭度和土壤侵蚀类型区。一个图斑可组合多项措施（如 水平梯田 + 地埂植物带），第一项为主要措施。

坡度区间含下限、不含上限：坡度 15.0° 的图斑属于 [15°, 25°)。

内置且不可关闭：《水土保持法》第二十条及关于现有陡坡耕地的条款——禁垦坡度以上的耕地（水田除外）退耕还林还草，除非豁免字段标记为“退耕确有困难”；使其继续耕种的规则将被覆盖，并在日志中注明。禁垦坡度依法为 25°，省级规定更小坡度的（如 15°）请输入该值。判定依据依次为：图斑面积至少 50 % 位于县级公告的禁垦范围内（可选图层）；图层含三调耕地坡度级别 GDPDJB 时（1 ≤ 2°，2 ≤ 6°，3 ≤ 15°，4 ≤ 25°，5 &gt; 25°），整个级别区间都在禁垦坡度以上的级别即可判定（25° 时为 5 级；15° 时为 4、5 级；禁垦坡度不是级别界限时，如 20°，仅 5 级）；否则按 DEM 平均坡度 ≥ 禁垦坡度判定。配置理由字段写明所用依据。已是梯田的图斑（GDLX = TT）不再配置梯田。建设用地、水域和水田不配置措施。微度侵蚀图斑默认不配置措施：不属水土流失面积；人工为其配置的措施计入预防/保护面积，不计治理面积。

可选标记字段：标记为崩岗的图斑配置崩岗治理（削坡减级、崩壁小台阶、植被恢复）；标记为田坎损毁的梯田配置梯田修复。

输出：输入字段，另加 measure_code（措施编码）、measure_name（措施名称）、measure_category（措施类别）、measure_codes、measure_names（组合措施）、rule_id（规则编号）、reason（配置理由，中文）、status = proposed（建议）、measure_params（设计参数）以及 steep_cropland（判定耕地超过禁垦坡度的依据：dem、gdpdjb 或 no_cultivation_area）。措施库（measures.csv）和配置规则（assignment_rules.csv）均为 resources/params 下可编辑的 CSV 表；&lt;QGIS 配置目录&gt;/sbplanner/params 中的同名副本优先使用。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/assign_measures.py" line="151"/>
        <source>Prohibited-cultivation slope limit (°; 25 by the law, smaller where the province says so)</source>
        <translation>禁垦坡度（°；依法为 25，省级规定更小的按省级规定）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/assign_measures.py" line="161"/>
        <source>Prohibited-cultivation areas (禁垦范围, polygons; optional)</source>
        <translation>禁垦范围（面图层，可选）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/assign_measures.py" line="169"/>
        <source>崩岗 flag field (true/1: the parcel is a 崩岗)</source>
        <translation>崩岗标记字段（true/1：该图斑为崩岗）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/assign_measures.py" line="169"/>
        <source>Damaged-terrace flag field (true/1: terrace risers damaged, 梯田修复)</source>
        <translation>梯田损毁标记字段（true/1：田坎损毁，需梯田修复）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/assign_measures.py" line="245"/>
        <source>prohibited-cultivation areas</source>
        <translation>禁垦范围</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/assign_measures.py" line="352"/>
        <source>{0} parcels; {1:.2f} hm² treated (治理, within the eroded area), {2:.2f} hm² prevention/protection (预防/保护: measures on 微度 land), {3:.2f} hm² without a measure.</source>
        <translation>{0} 个图斑；治理面积 {1:.2f} hm²（在水土流失面积之内），预防/保护面积 {2:.2f} hm²（微度侵蚀图斑上的措施），无措施 {3:.2f} hm²。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/assign_measures.py" line="200"/>
        <source>Previous layout: its confirmed and overridden parcels are kept (optional)</source>
        <translation>上一次的措施布局：其中已确认和已人工调整的图斑保留不变（可选）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/assign_measures.py" line="228"/>
        <source>Confirmed/overridden parcels kept</source>
        <translation>保留的已确认/已调整图斑</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/assign_measures.py" line="338"/>
        <source>{0} confirmed/overridden parcels kept from the previous layout.</source>
        <translation>保留了上一次布局中 {0} 个已确认/已调整的图斑。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/assign_measures.py" line="208"/>
        <source>Start afresh: discard the confirmed/overridden parcels of an existing output layer</source>
        <translation>重新开始：舍弃已有输出图层中已确认/已人工调整的图斑</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/assign_measures.py" line="293"/>
        <source>The output layer exists: its confirmed/overridden parcels are kept ({0}).</source>
        <translation>输出图层已存在：保留其中已确认/已人工调整的图斑（{0}）。</translation>
    </message>
</context>
<context>
    <name>BenefitChart</name>
    <message>
        <location filename="../sbplanner_plugin/gui/benefit_chart.py" line="107"/>
        <source>now</source>
        <translation>现状</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/benefit_chart.py" line="107"/>
        <source>after the plan</source>
        <translation>规划后</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/benefit_chart.py" line="109"/>
        <source>target {0:g}</source>
        <translation>目标 {0:g}</translation>
    </message>
</context>
<context>
    <name>BenefitsStep</name>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="113"/>
        <source>The ranking and the benefits are those of the scenario chosen at the top of the panel. Evaluate each scenario&apos;s benefits, then compare them here.</source>
        <translation>排序和效益均为面板顶部所选方案的结果。先分别评价各方案的效益，再在此比较。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="119"/>
        <source>Compare scenarios</source>
        <translation>方案比较</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="327"/>
        <source>SBPlanner</source>
        <translation>SBPlanner</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="154"/>
        <source>The small watersheds of step 1 (with ws_code)</source>
        <translation>第 1 步的小流域（含 ws_code）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="157"/>
        <source>The analysed parcels of step 2 (parcels)</source>
        <translation>第 2 步分析后的图斑（parcels）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="163"/>
        <source>The erosion type region of step 2 (allowable soil loss)</source>
        <translation>第 2 步采用的侵蚀类型区（容许土壤流失量）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="441"/>
        <source>Small watersheds</source>
        <translation>小流域</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="166"/>
        <source>Analysed parcels</source>
        <translation>已分析图斑</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="167"/>
        <source>Erosion region</source>
        <translation>侵蚀类型区</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="168"/>
        <source>Inputs</source>
        <translation>输入</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="196"/>
        <source>Natural breaks (Jenks)</source>
        <translation>自然断点法（Jenks）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="197"/>
        <source>Quartiles</source>
        <translation>四分位数</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="202"/>
        <source>Monte Carlo draws for the rank stability (every weight ×U(0.8, 1.2)); 0 = none</source>
        <translation>排序稳定性的蒙特卡洛抽样次数（每个权重 ×U(0.8, 1.2)）；0 = 不计算</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="207"/>
        <source>Optional: population of each small watershed (persons)</source>
        <translation>可选：各小流域人口（人）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="211"/>
        <source>Optional: surveyed gully lines (gully density); without them the drainage density of step 1</source>
        <translation>可选：实测沟道线（沟壑密度）；无则采用第 1 步的河网密度</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="215"/>
        <source>Optional: protected objects (villages, reservoirs, key river reaches)</source>
        <translation>可选：保护对象（村镇、水库、重要河段）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="218"/>
        <source>Optional: drinking-water source areas (very urgent whatever the score)</source>
        <translation>可选：饮用水水源保护区（无论得分均为极紧迫）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="230"/>
        <source>Classes</source>
        <translation>分级</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="231"/>
        <source>Stability draws</source>
        <translation>稳定性抽样</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="232"/>
        <source>Population field</source>
        <translation>人口字段</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="234"/>
        <source>Gully lines</source>
        <translation>沟道线</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="235"/>
        <source>Protected objects</source>
        <translation>保护对象</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="236"/>
        <source>Water-source areas</source>
        <translation>水源保护区</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="239"/>
        <source>Rank the small watersheds</source>
        <translation>小流域紧迫程度排序</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="245"/>
        <source>Select rows to select the small watersheds on the map; Ctrl+C copies</source>
        <translation>选择行即在地图上选中相应小流域；Ctrl+C 复制</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="261"/>
        <source>no budget</source>
        <translation>不限面积</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="262"/>
        <source>Area of the terracing programme; 0 = every eligible parcel</source>
        <translation>坡改梯实施面积；0 = 所有符合条件的图斑</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="264"/>
        <source>Smallest contiguous block whose parcels may be selected</source>
        <translation>可入选图斑所在集中连片区的最小面积</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="277"/>
        <source>Area budget</source>
        <translation>面积预算</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="278"/>
        <source>Minimum block</source>
        <translation>最小连片面积</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="283"/>
        <source>Prioritise sloping farmland</source>
        <translation>坡耕地优先序</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="307"/>
        <source>The parcels with measures of step 3 (parcels_measures)</source>
        <translation>第 3 步配置措施后的图斑（parcels_measures）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="312"/>
        <source> years</source>
        <translation> 年</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="313"/>
        <source>Evaluation period (GB/T 15774-2008: generally 20–30 years)</source>
        <translation>计算期（GB/T 15774-2008：一般 20–30 年）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="315"/>
        <source>benefit_prices.csv</source>
        <translation>按 benefit_prices.csv</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="316"/>
        <source>Discount rate of the economic evaluation; lowest = the value of benefit_prices.csv</source>
        <translation>经济评价的折现率；最小值 = 采用 benefit_prices.csv 中的值</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="441"/>
        <source>Parcels with measures</source>
        <translation>配置措施的图斑</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="324"/>
        <source>Evaluation period</source>
        <translation>计算期</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="325"/>
        <source>Discount rate</source>
        <translation>折现率</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="327"/>
        <source>Evaluate benefits</source>
        <translation>效益分析</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="332"/>
        <source>Soil loss (t/a)</source>
        <translation>土壤流失量（t/a）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="334"/>
        <source>Eroded area (km²)</source>
        <translation>水土流失面积（km²）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="335"/>
        <source>Mean erosion modulus (t/(km²·a))</source>
        <translation>平均土壤侵蚀模数（t/(km²·a)）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="337"/>
        <source>Now and after the plan, per small watershed and for the whole area (benefit_ws)</source>
        <translation>现状与规划后，按小流域及全区（benefit_ws）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="394"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="441"/>
        <source>Parcels</source>
        <translation>图斑</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="524"/>
        <source>No small watersheds: run step 1 (Divide into small watersheds) first, or choose the layer.</source>
        <translation>没有小流域：请先运行第 1 步（划分小流域），或选择图层。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="530"/>
        <source>The layer {0} has no ws_code: choose the small watersheds of step 1.</source>
        <translation>图层 {0} 没有 ws_code 字段：请选择第 1 步的小流域。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="536"/>
        <source>No analysed parcels: run step 2 (Parcels and erosion) first, or choose the layer.</source>
        <translation>没有已分析的图斑：请先运行第 2 步（图斑分析），或选择图层。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="541"/>
        <source>The layer {0} is not analysed: choose the parcels of step 2 (Analyse parcels).</source>
        <translation>图层 {0} 未经分析：请选择第 2 步（图斑分析）的图斑。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="634"/>
        <source>{0} small watersheds ranked into the plan (ws_urgency).</source>
        <translation>已对 {0} 个小流域排序并写入规划（ws_urgency）。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="637"/>
        <source>Most urgent: {0} (score {1}).</source>
        <translation>最紧迫：{0}（得分 {1}）。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="641"/>
        <source>AHP weights used (CR {0:.3f}).</source>
        <translation>已采用 AHP 权重（CR {0:.3f}）。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="643"/>
        <source>The AHP matrix was NOT used (CR {0:.3f} ≥ {1:.2f}): the table's direct weights were.</source>
        <translation>未采用 AHP 判断矩阵（CR {0:.3f} ≥ {1:.2f}）：已改用指标表的直接权重。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="655"/>
        <source>Not ranked yet: choose the indicators and weights, then rank.</source>
        <translation>尚未排序：请选择指标和权重，然后排序。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="737"/>
        <source>Rank</source>
        <translation>排序</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="737"/>
        <source>Watershed</source>
        <translation>小流域</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="738"/>
        <source>Score</source>
        <translation>得分</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="673"/>
        <source>Class</source>
        <translation>紧迫等级</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="674"/>
        <source>Rank stability</source>
        <translation>排序稳定性</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="674"/>
        <source>Flags</source>
        <translation>标记</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="727"/>
        <source>{0} candidate parcels in {1} contiguous blocks; {2} selected, {3:,.2f} hm².</source>
        <translation>{0} 个候选图斑，分属 {1} 个集中连片区；入选 {2} 个，{3:,.2f} hm²。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="765"/>
        <source>{0} of {1} candidate parcels selected, {2:,.2f} hm².</source>
        <translation>{1} 个候选图斑中入选 {0} 个，{2:,.2f} hm²。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="774"/>
        <source>No parcels with measures: run step 3 (Measures) first, or choose the layer parcels_measures.</source>
        <translation>没有配置措施的图斑：请先运行第 3 步（措施配置），或选择图层 parcels_measures。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="809"/>
        <source>Benefits saved in the plan: soil conserved {0:,.1f} t/a, SWC rate {1:.2f} % → {2:.2f} %.</source>
        <translation>效益已写入规划：保土 {0:,.1f} t/a，水土保持率 {1:.2f} % → {2:.2f} %。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="814"/>
        <source>Run step 4 (Quantities) for the investment per tonne.</source>
        <translation>运行第 4 步（工程量与投资）后可得每吨保土投资。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="844"/>
        <source>{0} scenarios compared (whole area; differences to the baseline).</source>
        <translation>已比较 {0} 个方案（全区；差值相对现状方案）。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="951"/>
        <source>Scenario</source>
        <translation>方案</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="952"/>
        <source>Soil loss planned (t/a)</source>
        <translation>规划后土壤流失量 (t/a)</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="953"/>
        <source>Soil conserved (t/a)</source>
        <translation>保土量 (t/a)</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="954"/>
        <source>SWC rate planned (%)</source>
        <translation>规划后水土保持率 (%)</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="955"/>
        <source>Investment (10⁴ yuan)</source>
        <translation>投资（万元）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="956"/>
        <source>Cost (yuan/t)</source>
        <translation>单位保土投资（元/t）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="957"/>
        <source>Δ soil conserved (t/a)</source>
        <translation>保土量差值 (t/a)</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="958"/>
        <source>Δ investment (10⁴ yuan)</source>
        <translation>投资差值（万元）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="987"/>
        <source>&lt;b&gt;Soil loss&lt;/b&gt;: {0:,.1f} → {1:,.1f} t/a; soil conserved {2:,.1f} t/a ({3:.1f} %).</source>
        <translation>&lt;b&gt;土壤流失量&lt;/b&gt;：{0:,.1f} → {1:,.1f} t/a；保土 {2:,.1f} t/a（{3:.1f} %）。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="991"/>
        <source>&lt;b&gt;SWC rate&lt;/b&gt;: {0:.2f} % → {1:.2f} %.</source>
        <translation>&lt;b&gt;水土保持率&lt;/b&gt;：{0:.2f} % → {1:.2f} %。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="992"/>
        <source>&lt;b&gt;Eroded area&lt;/b&gt;: {0:.3f} → {1:.3f} km²; degree of treatment {2:.1f} %.</source>
        <translation>&lt;b&gt;水土流失面积&lt;/b&gt;：{0:.3f} → {1:.3f} km²；治理度 {2:.1f} %。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="999"/>
        <source>Target {0} {1:g} %: reached.</source>
        <translation>目标 {0} {1:g} %：已达到。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="1001"/>
        <source>Target {0} {1:g} %: {2:.2f} points short after the plan.</source>
        <translation>目标 {0} {1:g} %：规划后仍差 {2:.2f} 个百分点。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="1005"/>
        <source>&lt;b&gt;Investment per tonne&lt;/b&gt;: {0:,.0f} yuan per t/a of soil conserved ({1:,.1f} yuan/t over the evaluation period).</source>
        <translation>&lt;b&gt;单位保土投资&lt;/b&gt;：每 t/a 保土 {0:,.0f} 元（按计算期合 {1:,.1f} 元/t）。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="1008"/>
        <source>Investment per tonne: run step 4 (Quantities) first.</source>
        <translation>单位保土投资：请先运行第 4 步（工程量与投资）。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="1014"/>
        <source>Whole area</source>
        <translation>全区</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="1045"/>
        <source>Urgency of small watersheds</source>
        <translation>小流域治理紧迫程度</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="1047"/>
        <source>Sloping farmland priority</source>
        <translation>坡耕地治理优先序</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="1064"/>
        <source>{0} small watersheds ranked; most urgent: {1} (score {2}).</source>
        <translation>已对 {0} 个小流域排序；最紧迫：{1}（得分 {2}）。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="129"/>
        <source>Soil loss (t/a): now and planned</source>
        <translation>土壤流失量 (t/a)：现状与规划后</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="132"/>
        <source>Per scenario: the whole area now (left bar) and with its measures (right bar)</source>
        <translation>各方案全区：现状（左柱）与实施措施后（右柱）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="135"/>
        <source>Before / after maps (one classification)</source>
        <translation>治理前后对比图（统一分级）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="136"/>
        <source>Soil-loss modulus of the parcels now and after each compared scenario, all classed by the SL 190-2007 erosion intensity classes</source>
        <translation>各图斑现状及各比较方案实施后的土壤侵蚀模数，统一按 SL 190-2007 侵蚀强度分级</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="918"/>
        <source>Now (before the plan)</source>
        <translation>现状（治理前）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="919"/>
        <source>{0}: after</source>
        <translation>{0}：治理后</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="922"/>
        <source>SBPlanner – 5 scenario maps</source>
        <translation>SBPlanner – 5 方案比选图</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="931"/>
        <source>Scenario {0} has no evaluated benefits: evaluate it first.</source>
        <translation>方案 {0} 尚未进行效益分析：请先评价。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="121"/>
        <source>Compare the whole area or one small watershed</source>
        <translation>比较全区或某一小流域</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="176"/>
        <source>Rank the small watersheds of step 1, or the administrative villages of a village polygon layer (an implementation plan per village)</source>
        <translation>对第 1 步的小流域排序，或对行政村面图层中的行政村排序（实施方案按村统计）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="183"/>
        <source>The village code or name field</source>
        <translation>行政村代码或名称字段（如 村代码 / 村名称）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="186"/>
        <source>Optional: population of each village (persons)</source>
        <translation>可选：各行政村人口（人）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="189"/>
        <source>Village polygons</source>
        <translation>行政村面</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="190"/>
        <source>Village field</source>
        <translation>行政村字段</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="191"/>
        <source>Village population</source>
        <translation>行政村人口</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="221"/>
        <source>Optional: key prevention / treatment area polygons and their kind field</source>
        <translation>可选：重点防治区面（重点预防区 / 重点治理区）及其类别字段</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="225"/>
        <source>The kind field of the key prevention / treatment areas (e.g. national key treatment area)</source>
        <translation>重点防治区类别字段（如 国家级重点治理区）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="238"/>
        <source>Kind field</source>
        <translation>类别字段</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="266"/>
        <source>Optional: villages / settlements (near villages: distance to the nearest)</source>
        <translation>可选：村庄 / 居民点（近村：到最近村庄的距离）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="269"/>
        <source>Optional: roads (near roads)</source>
        <translation>可选：道路（近路）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="270"/>
        <source>Optional: rivers, ponds, reservoirs (near water)</source>
        <translation>可选：河流、坑塘、水库（近水）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="275"/>
        <source>Optional: the parcels&apos; soil depth field (m)</source>
        <translation>可选：图斑土层厚度字段（m）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="279"/>
        <source>Villages</source>
        <translation>村庄</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="280"/>
        <source>Roads</source>
        <translation>道路</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="281"/>
        <source>Water</source>
        <translation>水源</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="282"/>
        <source>Soil depth field</source>
        <translation>土层厚度字段</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="288"/>
        <source>Candidate parcels by small watershed and rank; select rows to select them on the map; Ctrl+C copies</source>
        <translation>按小流域和位次列出的候选图斑；选中行即在地图上选中图斑；Ctrl+C 复制</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="521"/>
        <source>Choose the village polygons and their code or name field.</source>
        <translation>请选择行政村面及其代码或名称字段。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="604"/>
        <source>Choose the kind field of the key prevention / treatment area layer (e.g. national key treatment area).</source>
        <translation>请选择重点防治区图层的类别字段（如 国家级重点治理区）。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="632"/>
        <source>{0} villages ranked into the plan (vil_urgency).</source>
        <translation>已对 {0} 个行政村排序并写入规划（vil_urgency）。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="672"/>
        <source>Unit</source>
        <translation>单元</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="738"/>
        <source>Parcel</source>
        <translation>图斑</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="739"/>
        <source>Slope (°)</source>
        <translation>坡度（°）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="739"/>
        <source>Area (hm²)</source>
        <translation>面积（hm²）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="740"/>
        <source>Block (hm²)</source>
        <translation>连片面积（hm²）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="740"/>
        <source>Selected</source>
        <translation>入选</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="744"/>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="1046"/>
        <source>Urgency of villages</source>
        <translation>行政村治理紧迫程度</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="1062"/>
        <source>{0} villages ranked; most urgent: {1} (score {2}).</source>
        <translation>已排序 {0} 个行政村；最紧迫：{1}（得分 {2}）。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="208"/>
        <source>Optional: a population density raster (persons/km²), averaged over each unit</source>
        <translation>可选：人口密度栅格（人/km²），按各单元取平均</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="233"/>
        <source>Population raster</source>
        <translation>人口密度栅格</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="84"/>
        <source>Ranks the small watersheds by treatment urgency (indicators and weights, optionally AHP), sets the priority of sloping cropland for terracing and computes the benefits of the plan (water and soil retained, economic benefits).</source>
        <translation>按治理紧迫程度对小流域排序（指标与权重，可用层次分析法），确定坡耕地坡改梯的优先顺序，并计算规划的效益（保水、保土和经济效益）。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="93"/>
        <source>GB/T 15774-2008 (calculation of the benefits of comprehensive control); the urgency weights are SBPlanner proposals (no official formula exists).</source>
        <translation>GB/T 15774-2008《水土保持综合治理 效益计算方法》；紧迫程度权重为 SBPlanner 的建议值（尚无官方公式）。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/demo/run_demo.py" line="155"/>
        <source>Benefits per small watershed</source>
        <translation>分小流域效益</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="80"/>
        <source>Ranking and benefits</source>
        <translation>排序与效益</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="100"/>
        <source>SBPlanner – 5 Ranking and benefits</source>
        <translation>SBPlanner – 5 排序与效益</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="130"/>
        <source>SWC rate (%): now and planned</source>
        <translation>水土保持率 (%)：现状与规划后</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="141"/>
        <source>Scenario comparison</source>
        <translation>方案比选</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="237"/>
        <source>Key prevention/treatment areas</source>
        <translation>重点防治区</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="250"/>
        <source>1 Urgency of the small watersheds</source>
        <translation>1 小流域治理紧迫程度</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="296"/>
        <source>2 Sloping farmland priority</source>
        <translation>2 坡耕地治理优先序（坡改梯）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="320"/>
        <source>SWC rate target (swc_targets.csv) the plan is compared with</source>
        <translation>与规划对比的水土保持率目标（swc_targets.csv）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="326"/>
        <source>SWC rate target</source>
        <translation>水土保持率目标</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="333"/>
        <source>SWC rate (%)</source>
        <translation>水土保持率 (%)</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="340"/>
        <source>3 Benefits</source>
        <translation>3 效益分析</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="946"/>
        <source>Baseline</source>
        <translation>现状方案</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/benefits_step.py" line="179"/>
        <source>The administrative-village polygons to rank (e.g. the county&apos;s village boundaries)</source>
        <translation>参与排序的行政村面（如县级行政村界线）</translation>
    </message>
</context>
<context>
    <name>CompareScenarios</name>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/compare_scenarios.py" line="36"/>
        <source>5 · Ranking and benefits</source>
        <translation>5 · 治理排序与效益分析</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/compare_scenarios.py" line="42"/>
        <source>Compare scenarios (方案比选)</source>
        <translation>方案比选</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/compare_scenarios.py" line="45"/>
        <source>Compares the scenarios of a plan (baseline, plan A, plan B …): per scenario, for the whole area and per small watershed, the soil loss now and after the plan (t/a), the soil conserved (t/a), the 水土保持率 now and after (%), the static total investment (万元), the cost per tonne (元 of investment per t/a of soil conserved) and the treated area (km²), each with its difference to the baseline (or, when the baseline is not compared, to the first scenario listed).

Every number comes from the scenario's own layers: benefit_ws (step 5, Evaluate the benefits) and investment_by_ws (step 4). A scenario without measures, or not evaluated, is refused by name; a scenario whose benefits were evaluated with another investment than its current estimate is reported (run step 5 again for it).

Scenarios: their ids separated by ; or , (e.g. baseline;plan_a); empty = every scenario of the plan.</source>
        <translation>比较规划中的各方案（现状方案、方案A、方案B……）：按方案，对全区和各小流域列出现状与规划后的土壤流失量（t/a）、保土量（t/a）、现状与规划后的水土保持率（%）、静态总投资（万元）、每吨成本（每 t/a 保土量所需投资，元）和治理面积（km²），并列出各项与现状方案之差（未比较现状方案时，与所列第一个方案之差）。

所有数字均取自各方案自己的图层：benefit_ws（第 5 步，效益分析）和 investment_by_ws（第 4 步）。没有措施或未做效益评价的方案会被拒绝并指明名称；若某方案的效益评价所用投资与其当前投资估算不同，会给出提示（请为其重新运行第 5 步）。

方案：以 ; 或 , 分隔的方案编号（例如 baseline;plan_a）；留空 = 规划中的全部方案。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/compare_scenarios.py" line="60"/>
        <source>Scenarios (ids separated by ; — empty = all)</source>
        <translation>方案（编号以 ; 分隔——留空 = 全部）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/compare_scenarios.py" line="66"/>
        <source>Scenario comparison</source>
        <translation>方案比选表</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/compare_scenarios.py" line="67"/>
        <source>Scenario comparison per small watershed</source>
        <translation>各小流域方案比选表</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/compare_scenarios.py" line="89"/>
        <source>{0}: soil conserved {1:,.1f} t/a ({2:+,.1f}), 水土保持率 {3:.2f} % ({4:+.2f}), investment {5:,.2f} 万元 ({6:+,.2f}).</source>
        <translation>{0}：保土量 {1:,.1f} t/a（{2:+,.1f}），水土保持率 {3:.2f} %（{4:+.2f}），投资 {5:,.2f} 万元（{6:+,.2f}）。</translation>
    </message>
</context>
<context>
    <name>CopyableTableView</name>
    <message>
        <location filename="../sbplanner_plugin/gui/widgets.py" line="51"/>
        <source>Right-click to choose the columns shown</source>
        <translation>右键单击可选择显示的列</translation>
    </message>
</context>
<context>
    <name>DelineateWatersheds</name>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/delineate_watersheds.py" line="80"/>
        <source>Delineate watersheds from outlets</source>
        <translation>由出口点划分流域</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/delineate_watersheds.py" line="105"/>
        <source>DEM</source>
        <translation>数字高程模型 (DEM)</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/delineate_watersheds.py" line="106"/>
        <source>Outlet points</source>
        <translation>出口点</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/delineate_watersheds.py" line="111"/>
        <source>Stream threshold (km²)</source>
        <translation>河网提取阈值（集水面积，km²）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/delineate_watersheds.py" line="119"/>
        <source>Outlet snap distance (m, 0 = 3 cells)</source>
        <translation>出口点捕捉距离（m，0 = 3 个像元）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/delineate_watersheds.py" line="127"/>
        <source>Watersheds</source>
        <translation>流域</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/delineate_watersheds.py" line="132"/>
        <source>Streams</source>
        <translation>河网</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/delineate_watersheds.py" line="137"/>
        <source>Snapped outlets</source>
        <translation>捕捉后出口点</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/delineate_watersheds.py" line="171"/>
        <source>DEM conditioning reused from the cache.</source>
        <translation>已从缓存复用 DEM 预处理结果（填洼、流向、汇流累积）。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/delineate_watersheds.py" line="176"/>
        <source>{0}: {1:.4f} km², outlet moved {2:.1f} m</source>
        <translation>{0}：汇水面积 {1:.4f} km²，出口点移动 {2:.1f} m</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/delineate_watersheds.py" line="159"/>
        <source>outlets</source>
        <translation>出口点</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/delineate_watersheds.py" line="83"/>
        <source>Delineates the full upstream catchment of every outlet point on a DEM.

The DEM is depression-filled (priority flood, Wang &amp; Liu 2006) and D8 flow directions and upstream areas are derived in the same pass (SBPlanner's own engine, tested against pyflwdir); the result is cached, so moving an outlet and running again takes about a second. Each outlet is snapped to the cell of largest upstream area within the snap distance (default 3 cells); the snapped outlets layer reports the original position and the distance moved, for review. An outlet whose field &quot;fixed&quot; is 1 is not snapped. Each snap is checked (field snap_check): tiny (the snapped catchment is smaller than the stream threshold: the outlet is on no channel), crossed_ridge (the clicked point does not drain to the snapped one), other_channel (a channel joined on the way and the catchment is 1.5 times or more that of the channel the click drains to), along_channel, onto_channel or not_moved (fine). The optional snap lines join each original point to its snapped outlet.

Channels are cells whose upstream area reaches the stream threshold; they give the main channel length and slope (equal-area method), the drainage density (河网密度, drainage_density_km_per_km2, with stream_threshold_km2; gully_density_km_per_km2 is its old name — it is not a surveyed 沟壑密度) and the Strahler order.

A DEM in a geographic CRS is reprojected to the CGCS2000 3° Gauss-Krüger zone (China) or UTM, and outputs are in that CRS. Outlets in another CRS are transformed.</source>
        <translation>在 DEM 上为每个出口点划分其完整的上游集水区。

DEM 先经填洼处理（优先洪泛法，Wang &amp; Liu 2006），并在同一遍计算中得到 D8 流向和汇流累积（上游汇水面积；SBPlanner 自有算法，以 pyflwdir 作为测试基准）；预处理结果会被缓存，因此移动出口点后重新运行只需约一秒。每个出口点捕捉到捕捉距离（默认 3 个像元）内汇水面积最大的像元；捕捉后出口点图层记录原始位置和移动距离，供核查。字段 &quot;fixed&quot; 为 1 的出口点不捕捉。每次捕捉都经核查（字段 snap_check）：tiny（捕捉后集水区小于河网提取阈值：出口点不在沟道上）、crossed_ridge（原始点并不汇入捕捉后的点）、other_channel（途中有其他沟道汇入，且集水区达到原始点所汇入沟道的 1.5 倍及以上）、along_channel、onto_channel 或 not_moved（正常）。可选的捕捉连线将每个原始点与其捕捉后出口点相连。

上游汇水面积达到河网提取阈值的像元即为沟道；据此计算主沟道长度、主沟道比降（等面积法）、河网密度（drainage_density_km_per_km2，附 stream_threshold_km2；gully_density_km_per_km2 为其旧字段名——它不是调查得到的沟壑密度）和 Strahler 分级。

地理坐标系下的 DEM 会重投影到 CGCS2000 3° 带高斯-克吕格投影（中国境内）或 UTM 投影，输出结果采用该坐标系。其他坐标系的出口点会自动转换。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/delineate_watersheds.py" line="142"/>
        <source>Snap lines (original → snapped outlet)</source>
        <translation>捕捉连线（原始点 → 捕捉后出口点）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/delineate_watersheds.py" line="182"/>
        <source>{0}: review this outlet (snap_check = {1}).</source>
        <translation>{0}：请核查该出口点（snap_check = {1}）。</translation>
    </message>
</context>
<context>
    <name>DesignParamsForm</name>
    <message>
        <location filename="../sbplanner_plugin/gui/measure_picker.py" line="197"/>
        <source>Catalogue default: {0}</source>
        <translation>措施库默认值：{0}</translation>
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
        <location filename="../sbplanner_plugin/gui/steps/divide_panel.py" line="159"/>
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
        <location filename="../sbplanner_plugin/processing/algorithms/divide_small_watersheds.py" line="64"/>
        <source>Divide into small watersheds (SL 653)</source>
        <translation>划分小流域（SL 653）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/divide_small_watersheds.py" line="67"/>
        <source>Divides a DEM, or the part inside a boundary (a catchment, a county), into small watersheds of at most the maximum area (SL 653-2013: normally ≤ 50 km²).

Micro-watersheds of every channel reach are aggregated from upstream to downstream; when a unit would exceed the maximum area its largest tributaries become small watersheds of their own (headwater units) and the rest forms inter-basins (区间). Units smaller than the minimum area are merged into the downstream unit or the neighbour sharing the longest boundary. Units crossing an administrative boundary are split into sub-units (亚单元, code suffix -1, -2 …). Every unit records its downstream unit.

Codes are provisional (SW001 … numbered from the outlet upstream); when the boundary layer carries an official code field (ws_code, XLYDM, LYDM, code) it is kept as parent_code and prefixes the unit codes.</source>
        <translation>将整个 DEM 或划分范围（某一流域、某个县）内的部分划分为面积不超过上限的小流域（SL 653—2013：一般不大于 50 km²）。

各沟段的微小集水单元自上游向下游逐级合并；当单元面积将超过上限时，其最大的几条支流各自成为独立的小流域（源头小流域），其余部分构成区间小流域（区间）。面积小于下限的单元并入其下游单元或公共边界最长的相邻单元。跨越行政区界线的单元拆分为亚单元（编码后缀 -1、-2 …）。每个单元都记录其下游单元。

编码为临时编码（SW001 …，自出口向上游编号）；若划分范围图层带有正式编码字段（ws_code、XLYDM、LYDM、code），该编码保存为 parent_code，并作为各单元编码的前缀。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/divide_small_watersheds.py" line="82"/>
        <source>DEM</source>
        <translation>数字高程模型 (DEM)</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/divide_small_watersheds.py" line="83"/>
        <source>Boundary (catchment or county)</source>
        <translation>划分范围（流域或县界）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/divide_small_watersheds.py" line="91"/>
        <source>Administrative areas (split into sub-units)</source>
        <translation>行政区（跨界单元拆分为亚单元）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/divide_small_watersheds.py" line="99"/>
        <source>Administrative name/code field</source>
        <translation>行政区名称/代码字段</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/divide_small_watersheds.py" line="107"/>
        <source>Maximum small-watershed area (km²)</source>
        <translation>小流域面积上限（km²）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/divide_small_watersheds.py" line="116"/>
        <source>Minimum area; smaller residual units are merged (km²)</source>
        <translation>面积下限，更小的残余单元将被合并（km²）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/divide_small_watersheds.py" line="125"/>
        <source>Stream threshold (km²)</source>
        <translation>河网提取阈值（集水面积，km²）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/divide_small_watersheds.py" line="134"/>
        <source>Small watersheds</source>
        <translation>小流域</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/divide_small_watersheds.py" line="139"/>
        <source>Small-watershed streams</source>
        <translation>小流域河网</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/divide_small_watersheds.py" line="173"/>
        <source>{0} small watersheds, {1:.3f} km² in total</source>
        <translation>共 {0} 个小流域，总面积 {1:.3f} km²</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/divide_small_watersheds.py" line="148"/>
        <source>boundaries</source>
        <translation>划分范围</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/divide_small_watersheds.py" line="148"/>
        <source>administrative areas</source>
        <translation>行政区</translation>
    </message>
</context>
<context>
    <name>EstimateInvestment</name>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/estimate_investment.py" line="72"/>
        <source>4 · Quantities and investment</source>
        <translation>4 · 工程量与投资</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/estimate_investment.py" line="78"/>
        <source>Estimate the investment (投资估算)</source>
        <translation>投资估算</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/estimate_investment.py" line="81"/>
        <source>Prices the quantity items of Terrace quantities and Measure quantities in the structure of 水土保持工程概(估)算编制规定 (水总[2003]67号, 水土保持生态建设工程): 第一部分 工程措施, 第二部分 林草措施, 第三部分 封育治理措施 (the price row's part), 第四部分 独立费用 (rates of parts 1–3), 基本预备费 (rate of parts 1–4), 静态总投资, 价差预备费, 总投资.

Each item: 基本直接费 = quantity × unit price; 其他直接费 = rate × 基本直接费; 直接费 = the two; 间接费 = rate × 直接费; 企业利润 = rate × (直接费 + 间接费); 税金 = rate × (直接费 + 间接费 + 利润). An all-in unit price (price_basis all_in) is taken as it is.

Tables (editable CSV, resources/params; copies in &lt;QGIS profile&gt;/sbplanner/params override them): unit_prices.csv (measure_code, item, price_yuan, price_basis, part, D.0.18 row, source, year, region — the shipped prices are EXAMPLES), cost_rates.csv, independent_costs.csv, funding_shares.csv (D.0.19), investment_params.csv (contingency rates). The price table says which items of a measure carry cost; a measure without any price, or a price left blank, is reported per item and the total is marked incomplete (COMPLETE = false) — the other items are still priced.

Independent costs and the contingency are allocated to the small watersheds and years pro rata to their parts 1–3.</source>
        <translation>按《水土保持工程概(估)算编制规定》（水总[2003]67号，水土保持生态建设工程）对“梯田工程量”和“措施工程量”的工程量明细计价：第一部分 工程措施、第二部分 林草措施、第三部分 封育治理措施（按单价行的 part）、第四部分 独立费用（一至三部分之和 × 费率）、基本预备费（一至四部分之和 × 费率）、静态总投资、价差预备费、总投资。

每项：基本直接费 = 工程量 × 单价；其他直接费 = 费率 × 基本直接费；直接费 = 二者之和；间接费 = 费率 × 直接费；企业利润 = 费率 × （直接费 + 间接费）；税金 = 费率 × （直接费 + 间接费 + 利润）。综合单价（price_basis all_in）直接采用。

参数表（可编辑 CSV，位于 resources/params；&lt;QGIS 配置目录&gt;/sbplanner/params 中的副本优先）：unit_prices.csv（measure_code、item、price_yuan、price_basis、part、D.0.18 行、来源、年份、地区——随附单价仅为示例）、cost_rates.csv、independent_costs.csv、funding_shares.csv（D.0.19）、investment_params.csv（预备费费率）。单价表规定某措施哪些工程量项目计费；措施无任何单价或单价为空时逐项报告，总投资标记为不完整（COMPLETE = false），其余项目照常计价。

独立费用和预备费按各小流域、各年度的一至三部分投资比例分摊。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/estimate_investment.py" line="101"/>
        <source>Quantity items (terrace_items, measure_items)</source>
        <translation>工程量明细（terrace_items、measure_items）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/estimate_investment.py" line="108"/>
        <source>Unit prices (CSV; default: unit_prices.csv)</source>
        <translation>单价表（CSV；默认 unit_prices.csv）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/estimate_investment.py" line="108"/>
        <source>Cost rates (CSV; default: cost_rates.csv)</source>
        <translation>费率表（CSV；默认 cost_rates.csv）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/estimate_investment.py" line="108"/>
        <source>Independent costs (CSV; default: independent_costs.csv)</source>
        <translation>独立费用表（CSV；默认 independent_costs.csv）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/estimate_investment.py" line="108"/>
        <source>Funding shares (CSV; default: funding_shares.csv)</source>
        <translation>资金筹措比例（CSV；默认 funding_shares.csv）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/estimate_investment.py" line="108"/>
        <source>Contingency rates (CSV; default: investment_params.csv)</source>
        <translation>预备费费率（CSV；默认 investment_params.csv）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/estimate_investment.py" line="116"/>
        <source>Priced items</source>
        <translation>计价明细</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/estimate_investment.py" line="116"/>
        <source>Investment estimate</source>
        <translation>投资估算表</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/estimate_investment.py" line="116"/>
        <source>Investment per small watershed</source>
        <translation>分小流域投资</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/estimate_investment.py" line="116"/>
        <source>Investment per implementation year</source>
        <translation>分年度投资</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/estimate_investment.py" line="116"/>
        <source>Funding by source</source>
        <translation>资金筹措</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/estimate_investment.py" line="126"/>
        <source>Total investment (yuan)</source>
        <translation>总投资（元）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/estimate_investment.py" line="127"/>
        <source>Static total investment (yuan)</source>
        <translation>静态总投资（元）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/estimate_investment.py" line="128"/>
        <source>Every item priced</source>
        <translation>全部项目已计价</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/estimate_investment.py" line="129"/>
        <source>Items without a unit price</source>
        <translation>缺少单价的项目数</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/estimate_investment.py" line="192"/>
        <source>Table {0}: {1}</source>
        <translation>表 {0}：{1}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/estimate_investment.py" line="197"/>
        <source>No unit price for {0} / {1}: {2:g} {3} in {4} items are not priced.</source>
        <translation>{0} / {1} 无单价：{4} 条明细共 {2:g} {3} 未计价。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/estimate_investment.py" line="203"/>
        <source>The estimate is INCOMPLETE: add the missing unit prices to unit_prices.csv.</source>
        <translation>投资估算不完整：请在 unit_prices.csv 中补充缺少的单价。</translation>
    </message>
</context>
<context>
    <name>EvaluateBenefits</name>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/evaluate_benefits.py" line="111"/>
        <source>5 · Ranking and benefits</source>
        <translation>5 · 治理排序与效益分析</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/evaluate_benefits.py" line="117"/>
        <source>Evaluate the benefits (效益分析)</source>
        <translation>效益分析</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/evaluate_benefits.py" line="120"/>
        <source>What the plan buys, by GB/T 15774-2008 (水土保持综合治理 效益计算方法): per parcel, per small watershed and for the whole area (row ALL = the sum of the units).

Soil loss: CSLE A = R·K·L·S·B·E·T on the same R·K·L·S as step 2; the planned measures replace the factor they act on (E of terraces and site preparation, T of tillage on cropland, B of vegetation with its target cover), the strongest measure of a factor governs and no factor gets worse: A_planned = A × (E′/E) × (B′T′/BT). Cropland retired to vegetation takes the vegetation's B with T = 1. Soil conserved = A_current − A_planned (t/a, 万t).

水土保持率 (non-eroded share of the assessed land) before and after, with the step-2 definition: cells whose planned A falls below the allowable soil loss leave the 水土流失面积 (each SL 190 class's cells taken as spread evenly over the class range). Also 治理度 (eroded area inside the treated parcels / eroded area), 林草覆盖率 and the gap to the target chosen from swc_targets.csv (TARGET_REGION, e.g. CN-2025).

By year over the evaluation period with the effect timing of benefit_timing.csv (terraces, tillage and small storage works from year 1; trees year 5, shrubs year 3, grass year 2 — year 1 with site preparation; 封禁 year 3), counted from each parcel's implementation year (YEAR_FIELD, else 1). Sediment trapped by the dams of works_quantities (silt storage × bulk density / silting years, sediment_trapping.csv and dam_params.csv); water retained from runoff_reduction.csv (m³/(hm²·a) per measure; storage works volume × fills per year).

Economics: investment per tonne and per hm² treated from investment_by_ws (static total); D.0.20 (蓄水 万m³, 保土 万t, 直接经济效益 万元 per measure column) and D.0.21 (总经济效益, 总费用, NPV, IRR, benefit–cost ratio) with the discount rate (DISCOUNT_RATE_PCT, else benefit_prices.csv) and the prices of benefit_prices.csv — the shipped prices are EXAMPLES: replace them with local values.

Use the erosion region (or allowable soil loss) that step 2 used; a different one is refused.</source>
        <translation>按 GB/T 15774-2008（水土保持综合治理 效益计算方法）计算规划的效益：按图斑、按小流域并汇总全区（ALL 行 = 各单元之和）。

土壤流失量：CSLE A = R·K·L·S·B·E·T，R·K·L·S 与第 2 步相同；规划措施替换其作用的因子（梯田与整地工程的 E、坡耕地耕作措施的 T、林草措施按目标盖度的 B），同一因子取作用最强的措施，任何因子都不变差：A_规划 = A × (E′/E) × (B′T′/BT)。退耕还林还草的坡耕地取林草的 B，T = 1。保土量 = A_现状 − A_规划（t/a，万t）。

水土保持率（评价土地中非水土流失面积所占比例）治理前后对比，定义与第 2 步相同：规划后 A 低于容许土壤流失量的栅格不再计入水土流失面积（各 SL 190 强度级的栅格按在该级范围内均匀分布处理）。另给出治理度（已治理图斑内的水土流失面积 / 水土流失面积）、林草覆盖率以及与 swc_targets.csv 所选目标（TARGET_REGION，如 CN-2025）的差距。

按 benefit_timing.csv 的效益计算时段逐年计算评价期效益（梯田、保土耕作和小型蓄水保土工程自实施当年起；乔木第 5 年、灌木第 3 年、种草第 2 年——有整地工程的自当年起；封禁治理第 3 年），自各图斑的实施年度（YEAR_FIELD，否则为第 1 年）起算。works_quantities 中坝库的拦泥量（拦泥库容 × 容重 / 淤积年限，sediment_trapping.csv 与 dam_params.csv）；蓄水量按 runoff_reduction.csv（各措施 m³/(hm²·a)；小型蓄水工程按容积 × 年复蓄次数）。

经济评价：按 investment_by_ws（静态总投资）计算单位保土量投资和单位治理面积投资；D.0.20（蓄水 万m³、保土 万t、直接经济效益 万元，按措施列）和 D.0.21（总经济效益、总费用、净现值、内部收益率、效益费用比），折现率取 DISCOUNT_RATE_PCT（否则取 benefit_prices.csv），价格取 benefit_prices.csv——随附价格仅为示例，请替换为当地数值。

请使用第 2 步所用的土壤侵蚀类型区（或容许土壤流失量）；不一致时拒绝运行。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/evaluate_benefits.py" line="148"/>
        <source>Parcels with measures (step 3: parcels_measures)</source>
        <translation>已配置措施的图斑（第 3 步：parcels_measures）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/evaluate_benefits.py" line="155"/>
        <source>Small watersheds (optional: the unit table as a polygon layer)</source>
        <translation>小流域（可选：将单元效益表输出为面图层）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/evaluate_benefits.py" line="155"/>
        <source>Works quantities (step 4: works_quantities; optional)</source>
        <translation>工程量（第 4 步：works_quantities；可选）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/evaluate_benefits.py" line="155"/>
        <source>Investment per small watershed (step 4: investment_by_ws; optional)</source>
        <translation>分小流域投资（第 4 步：investment_by_ws；可选）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/evaluate_benefits.py" line="164"/>
        <source>Erosion type region (as in step 2)</source>
        <translation>土壤侵蚀类型区（与第 2 步一致）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/evaluate_benefits.py" line="170"/>
        <source>Allowable soil loss (t/(km²·a), 0 = from the region)</source>
        <translation>容许土壤流失量（t/(km²·a)，0 = 按土壤侵蚀类型区取值）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/evaluate_benefits.py" line="176"/>
        <source>Evaluation period (years; GB/T 15774: generally 20–30)</source>
        <translation>评价期（年；GB/T 15774：一般 20–30 年）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/evaluate_benefits.py" line="182"/>
        <source>Discount rate (%; empty = benefit_prices.csv)</source>
        <translation>折现率（%；留空 = 取 benefit_prices.csv）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/evaluate_benefits.py" line="188"/>
        <source>Implementation year field (optional; default year 1)</source>
        <translation>实施年度字段（可选；默认第 1 年）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/evaluate_benefits.py" line="194"/>
        <source>水土保持率 target (target_id of swc_targets.csv; empty = none)</source>
        <translation>水土保持率目标（swc_targets.csv 的 target_id；留空 = 不比较）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/evaluate_benefits.py" line="201"/>
        <source>Table {0} (CSV; default: the bundled one)</source>
        <translation>参数表 {0}（CSV；默认使用随附表）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/evaluate_benefits.py" line="206"/>
        <source>Measure catalogue (CSV; default: measures.csv)</source>
        <translation>措施库（CSV；默认 measures.csv）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/evaluate_benefits.py" line="211"/>
        <source>Parcels: soil loss before and after</source>
        <translation>图斑：治理前后土壤流失量</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/evaluate_benefits.py" line="217"/>
        <source>Benefits per small watershed</source>
        <translation>分小流域效益</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/evaluate_benefits.py" line="220"/>
        <source>Benefits by year</source>
        <translation>逐年效益</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/evaluate_benefits.py" line="220"/>
        <source>D.0.20 benefit results (蓄水, 保土, 直接经济效益)</source>
        <translation>D.0.20 效益计算成果表（蓄水、保土、直接经济效益）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/evaluate_benefits.py" line="220"/>
        <source>D.0.21 economic evaluation (NPV, IRR)</source>
        <translation>D.0.21 经济效益分析（净现值、内部收益率）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/evaluate_benefits.py" line="226"/>
        <source>Soil conserved, whole area (t/a)</source>
        <translation>全区保土量（t/a）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/evaluate_benefits.py" line="226"/>
        <source>水土保持率 now, whole area (%)</source>
        <translation>全区现状水土保持率（%）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/evaluate_benefits.py" line="226"/>
        <source>水土保持率 after the plan, whole area (%)</source>
        <translation>全区规划后水土保持率（%）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/evaluate_benefits.py" line="360"/>
        <source>Table {0}: {1}</source>
        <translation>表 {0}：{1}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/evaluate_benefits.py" line="364"/>
        <source>Allowable soil loss {0:g} t/(km²·a); evaluation period {1} years; discount rate {2:g} %.</source>
        <translation>容许土壤流失量 {0:g} t/(km²·a)；评价期 {1} 年；折现率 {2:g} %。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/evaluate_benefits.py" line="369"/>
        <source>Whole area: soil loss {0:,.1f} → {1:,.1f} t/a, soil conserved {2:,.1f} t/a ({3:.4f} 万t).</source>
        <translation>全区：土壤流失量 {0:,.1f} → {1:,.1f} t/a，保土量 {2:,.1f} t/a（{3:.4f} 万t）。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/evaluate_benefits.py" line="375"/>
        <source>水土保持率 {0:.2f} % → {1:.2f} %; 水土流失面积 {2:.3f} → {3:.3f} km²; 治理度 {4:.1f} %.</source>
        <translation>水土保持率 {0:.2f} % → {1:.2f} %；水土流失面积 {2:.3f} → {3:.3f} km²；治理度 {4:.1f} %。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/evaluate_benefits.py" line="382"/>
        <source>Target {0} ({1} {2}): {3:g} %; gap after the plan {4:+.2f} points.</source>
        <translation>目标 {0}（{1} {2} 年）：{3:g} %；规划后差距 {4:+.2f} 个百分点。</translation>
    </message>
</context>
<context>
    <name>ExportDesignTables</name>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/export_design_tables.py" line="43"/>
        <source>6 · Deliverables</source>
        <translation>6 · 设计成果输出</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/export_design_tables.py" line="49"/>
        <source>Export design tables (SL/T 447 设计成果表, Excel)</source>
        <translation>导出设计成果表（SL/T 447，Excel）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/export_design_tables.py" line="52"/>
        <source>Writes the SL/T 447-2026 Appendix D design tables of one scenario of a plan into one Excel workbook (.xlsx), a sheet per table, laid out as the standard prints them: title, unit line, multi-row merged headers, rows per small watershed with a 合计 row (the sum of the rows; ratios recomputed from the sums), areas, lengths, ratios and investment to 2 decimals, counts as integers. A cover sheet (封面) gives the project, scenario, date, plan, the plan layer of every table, the tables that could not be made and why, and the parameter tables used.

Tables and the plan layers they come from:
D.0.4 土地利用现状表 — parcels (step 2; 旱地 split into 坡耕地 / 旱平地 at 2° by the 三调 slope grade);
D.0.5 水土流失现状表 — ws_d05; D.0.9 项目区概况表 — ws_indicators, ws_landuse_slope;
D.0.8 水土保持措施现状表 — parcels (current land use; terraces = 三调 GDLX TT);
D.0.10 土地坡度组成表 — ws_d010; D.0.11 坡耕地坡度组成表 — ws_d011;
D.0.13 图斑现状及治理措施设计表 — parcels_measures (step 3); D.0.14 图斑林草设计表 — measure_quantities;
D.0.15 水土保持措施量汇总表 — ws_d05, parcels_measures, works_quantities;
D.0.16 工程量汇总表 — terrace_items, measure_items; terraces 梯田工程量表 — terrace_quantities (step 4);
D.0.18 水土保持措施投资汇总表 — investment_by_ws, investment_items; estimate 投资估算总表 — investment_summary; D.0.19 资金筹措表 — investment_funding;
D.0.20 效益计算成果表 — benefit_d020; D.0.21 经济评价分析成果表 — benefit_d021 (step 5);
urgency 治理紧迫程度排序表 — ws_urgency_table (step 5).

When the parcels carry the 三调 village code (ZLDWDM, else QSDWDM) D.0.4, D.0.5, D.0.8, D.0.9, D.0.10, D.0.11, D.0.15 and D.0.16 are also written per 行政村 (the code's first 12 digits), each on its own sheet.

Tables: their keys separated by ; (e.g. D.0.5;D.0.15;urgency); empty = all. Scenario: empty = the plan's current one. A plan without step 3–5 results still gives the tables it can; those it cannot are listed (output MISSING and warnings). The workbook is written through a temporary file: an error never leaves half a workbook, and a workbook open in Excel or WPS is refused with the old file kept.</source>
        <translation>将规划中一个方案的 SL/T 447-2026 附录 D 设计成果表写入一个 Excel 工作簿（.xlsx），每表一个工作表，版式与标准一致：表题、单位行、多行合并表头，按小流域分行并设合计行（合计为各行之和；比例由合计值重新计算），面积、长度、比例和投资保留 2 位小数，数量取整数。封面工作表列出项目、方案、日期、规划文件、每张表的数据来源图层、未能生成的表及原因，以及所用参数表。

各表及其数据来源图层：
D.0.4 土地利用现状表 — parcels（第 2 步；旱地按三调耕地坡度级别以 2° 分为坡耕地/旱平地）；
D.0.5 水土流失现状表 — ws_d05；D.0.9 项目区概况表 — ws_indicators、ws_landuse_slope；
D.0.8 水土保持措施现状表 — parcels（现状地类；梯田 = 三调 GDLX 为 TT）；
D.0.10 土地坡度组成表 — ws_d010；D.0.11 坡耕地坡度组成表 — ws_d011；
D.0.13 图斑现状及治理措施设计表 — parcels_measures（第 3 步）；D.0.14 图斑林草设计表 — measure_quantities；
D.0.15 水土保持措施量汇总表 — ws_d05、parcels_measures、works_quantities；
D.0.16 工程量汇总表 — terrace_items、measure_items；terraces 梯田工程量表 — terrace_quantities（第 4 步）；
D.0.18 水土保持措施投资汇总表 — investment_by_ws、investment_items；estimate 投资估算总表 — investment_summary；D.0.19 资金筹措表 — investment_funding；
D.0.20 效益计算成果表 — benefit_d020；D.0.21 经济评价分析成果表 — benefit_d021（第 5 步）；
urgency 治理紧迫程度排序表 — ws_urgency_table（第 5 步）。

图斑带有三调行政村代码（ZLDWDM，其次 QSDWDM）时，D.0.4、D.0.5、D.0.8、D.0.9、D.0.10、D.0.11、D.0.15 和 D.0.16 另按行政村（代码前 12 位）统计，各占一个工作表。

表格：表编号以 ; 分隔（如 D.0.5;D.0.15;urgency），留空 = 全部。方案：留空 = 规划的当前方案。尚无第 3–5 步成果的规划仍生成可生成的表，其余的列出（输出 MISSING 及警告）。工作簿先写入临时文件：出错时绝不会留下写了一半的工作簿；工作簿在 Excel 或 WPS 中打开时拒绝写入并保留原文件。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/export_design_tables.py" line="82"/>
        <source>Scenario (empty = the current one)</source>
        <translation>方案（留空 = 当前方案）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/export_design_tables.py" line="85"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/export_design_tables.py" line="88"/>
        <source>Tables (keys separated by ; — empty = all)</source>
        <translation>表格（编号以 ; 分隔，留空 = 全部）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/export_design_tables.py" line="93"/>
        <source>Project name (empty = the plan&apos;s name)</source>
        <translation>项目名称（留空 = 规划文件名）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/export_design_tables.py" line="98"/>
        <source>Design tables workbook</source>
        <translation>设计成果表工作簿</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/export_design_tables.py" line="98"/>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/export_design_tables.py" line="103"/>
        <source>Tables written</source>
        <translation>已生成的表</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/export_design_tables.py" line="104"/>
        <source>Tables not made, and why</source>
        <translation>未生成的表及原因</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/export_design_tables.py" line="131"/>
        <source>{0} tables written to {1} (scenario {2}).</source>
        <translation>已将 {0} 张表写入 {1}（方案 {2}）。</translation>
    </message>
</context>
<context>
    <name>ExportMaps</name>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/export_maps.py" line="52"/>
        <source>6 · Deliverables</source>
        <translation>6 · 设计成果输出</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/export_maps.py" line="58"/>
        <source>Export the map atlas (图集)</source>
        <translation>输出图集</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/export_maps.py" line="65"/>
        <source>Writes the plan's maps as ONE PDF, one page per small watershed and map type: 位置图 (location), 土地利用现状图 (land use, GB/T 21010 first level), 土壤侵蚀强度图 (SL 190-2007 erosion intensity), 坡度分级图 (slope classes), 水土保持措施总体布局图 (measures of step 3 with the gully and small works) and 治理紧迫程度图 (urgency ranking of step 5). Each page has a title, legend, scale bar, numeric scale, north arrow, a location inset, the project name, scenario, coordinate system and date.

Page order: map type by map type in the order above (whatever order they are chosen in), and within a map type the small watersheds by ws_code. A map type the plan cannot give (e.g. no ranking: step 5 not run) is left out and listed in MISSING; the others are made.

Language: titles and legends in Chinese or English. Page size: A3 or A4, landscape or portrait (templates resources/layouts/atlas_*.qpt). Scenario: its id (empty = the plan's current scenario) for the layers of steps 3–5.

Images (optional folder): one PNG of the whole project area per map type, named location.png, landuse.png, erosion.png, slope.png, measures.png, urgency.png (150 dpi; the Word report inserts them).

The PDF and each image are written to a temporary file first and then renamed: a failed or cancelled run keeps the old files. A PDF open in another program is refused.

Print layouts are not thread-safe: the algorithm runs on the main thread.</source>
        <translation>将规划的图件输出为一个 PDF，每个小流域、每种图各一页：位置图、土地利用现状图（GB/T 21010 一级类）、土壤侵蚀强度图（SL 190-2007 侵蚀强度分级）、坡度分级图、水土保持措施总体布局图（第 3 步的措施及沟道和小型工程）和治理紧迫程度图（第 5 步的排序）。每页包含图名、图例、比例尺、数字比例尺、指北针、位置示意图、项目名称、方案、坐标系和制图日期。

页序：按上述图种顺序逐图输出（与勾选顺序无关），同一图种内各小流域按 ws_code 排列。规划中无法生成的图种（例如未进行第 5 步排序）不输出并列入 MISSING，其余图照常生成。

语言：图名和图例用中文或英文。页面：A3 或 A4，横向或纵向（模板 resources/layouts/atlas_*.qpt）。方案：方案编号（为空 = 规划的当前方案），用于第 3–5 步的图层。

图片（可选文件夹）：每种图一张全项目区 PNG 图，文件名为 location.png、landuse.png、erosion.png、slope.png、measures.png、urgency.png（150 dpi，供 Word 报告插图）。

PDF 和每张图片先写入临时文件再改名：运行失败或取消时保留原文件。PDF 正被其他程序打开时拒绝写入。

打印布局不是线程安全的：本算法在主线程中运行。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/export_maps.py" line="89"/>
        <source>Scenario (id; empty = the plan&apos;s current scenario)</source>
        <translation>方案（编号；为空 = 规划的当前方案）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/export_maps.py" line="94"/>
        <source>Language of the maps</source>
        <translation>图件语言</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/export_maps.py" line="99"/>
        <source>Project name (empty = the plan&apos;s file name)</source>
        <translation>项目名称（为空 = 规划文件名）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/export_maps.py" line="105"/>
        <source>Location map (位置图)</source>
        <translation>位置图</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/export_maps.py" line="106"/>
        <source>Land use (土地利用现状图)</source>
        <translation>土地利用现状图</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/export_maps.py" line="107"/>
        <source>Soil erosion intensity (土壤侵蚀强度图)</source>
        <translation>土壤侵蚀强度图</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/export_maps.py" line="108"/>
        <source>Slope classes (坡度分级图)</source>
        <translation>坡度分级图</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/export_maps.py" line="109"/>
        <source>Measures layout (水土保持措施总体布局图)</source>
        <translation>水土保持措施总体布局图</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/export_maps.py" line="110"/>
        <source>Treatment urgency (治理紧迫程度图)</source>
        <translation>治理紧迫程度图</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/export_maps.py" line="112"/>
        <source>Maps</source>
        <translation>图件</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/export_maps.py" line="117"/>
        <source>A3 landscape</source>
        <translation>A3 横向</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/export_maps.py" line="117"/>
        <source>A4 landscape</source>
        <translation>A4 横向</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/export_maps.py" line="117"/>
        <source>A3 portrait</source>
        <translation>A3 纵向</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/export_maps.py" line="117"/>
        <source>A4 portrait</source>
        <translation>A4 纵向</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/export_maps.py" line="118"/>
        <source>Page size</source>
        <translation>页面大小</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/export_maps.py" line="119"/>
        <source>Map atlas (PDF)</source>
        <translation>图集（PDF）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/export_maps.py" line="119"/>
        <source>PDF (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/export_maps.py" line="122"/>
        <source>Whole-area images (PNG, one per map type)</source>
        <translation>全项目区图片（PNG，每种图一张）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/export_maps.py" line="128"/>
        <source>Pages</source>
        <translation>页数</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/export_maps.py" line="129"/>
        <source>Maps not made, and why</source>
        <translation>未生成的图件及原因</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/export_maps.py" line="154"/>
        <source>{0} pages: {1} map types × {2} small watersheds.</source>
        <translation>共 {0} 页：{1} 种图 × {2} 个小流域。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/export_maps.py" line="161"/>
        <source>Image: {0}</source>
        <translation>图片：{0}</translation>
    </message>
</context>
<context>
    <name>ExportReport</name>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/export_report.py" line="43"/>
        <source>6 · Deliverables</source>
        <translation>6 · 设计成果输出</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/export_report.py" line="49"/>
        <source>Export the Word report (设计报告)</source>
        <translation>导出 Word 设计报告</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/export_report.py" line="52"/>
        <source>Writes the draft report of one scenario of a plan as a Word document (.docx), in the chapter order of an 实施方案: 1 基本情况, 2 水土流失现状, 3 总体布置与措施设计, 4 工程量, 5 投资估算, 6 效益分析, 7 实施进度, then 附表 (the per-parcel design tables).

Each chapter's sentences carry the plan's numbers (area and small watersheds, eroded area by class, 水土保持率 now and after the plan against its target, measure areas, terraces, quantities, the investment and its funding, soil conserved, NPV and IRR, the schedule); the SL/T 447 design tables are the same as in the workbook; the maps are the PNG files of “Export maps” (location.png, landuse.png, slope.png, erosion.png, measures.png, urgency.png). What the plan cannot know (自然条件, 社会经济, 组织管理 …) is marked 【待补充：…】 (highlighted) for the designer to write.

Scenario: its id (empty = the plan's current scenario). Project name: empty = the plan file's name. Template: a .docx or .dotx whose styles (标题 1–3 / Heading 1–3, 正文 / Normal, 题注 / Caption, Table Grid), page set-up, headers and footers are used (empty = the SBPlanner template: 宋体 小四, 1.5 line spacing, 黑体 headings, A4). Maps folder: optional.

Missing (output): what the report lacks and why (a step not run for the scenario, a map not in the folder); the report is still written with the chapters it can fill. The file is replaced only when the new one is complete; a report open in Word or WPS is refused (close it first).</source>
        <translation>将规划中一个方案的报告初稿写成 Word 文档（.docx），章节按实施方案顺序：1 基本情况、2 水土流失现状、3 总体布置与措施设计、4 工程量、5 投资估算、6 效益分析、7 实施进度，最后为附表（按图斑的设计表）。

各章语句中的数字均取自规划（项目区面积与小流域、各强度水土流失面积、现状及规划后水土保持率与目标值、措施面积、梯田、工程量、投资及资金筹措、保土量、净现值与内部收益率、实施进度）；SL/T 447 设计表与工作簿中的完全相同；图件为“导出图集”生成的 PNG 文件（location.png、landuse.png、slope.png、erosion.png、measures.png、urgency.png）。规划无法得知的内容（自然条件、社会经济、组织管理等）以【待补充：…】标出（高亮显示），由设计人员补写。

方案：方案标识（留空 = 规划的当前方案）。项目名称：留空 = 规划文件名。模板：一个 .docx 或 .dotx 文件，使用其中的样式（标题 1–3 / Heading 1–3、正文 / Normal、题注 / Caption、Table Grid）、页面设置和页眉页脚（留空 = SBPlanner 模板：宋体小四、1.5 倍行距、黑体标题、A4）。图件文件夹：可选。

缺项（输出）：报告缺少的内容及原因（该方案尚未运行的步骤、文件夹中没有的图件）；报告仍按可填写的章节生成。新文件完整写好后才替换旧文件；报告在 Word 或 WPS 中打开时拒绝写入（请先关闭）。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/export_report.py" line="73"/>
        <source>Scenario (empty = the current one)</source>
        <translation>方案（留空 = 当前方案）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/export_report.py" line="76"/>
        <source>Language of the report</source>
        <translation>报告语言</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/export_report.py" line="81"/>
        <source>Project name (empty = the plan&apos;s file name)</source>
        <translation>项目名称（为空 = 规划文件名）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/export_report.py" line="86"/>
        <source>Word template (empty = the SBPlanner template)</source>
        <translation>Word 模板（留空 = SBPlanner 模板）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/export_report.py" line="86"/>
        <source>Word documents (*.docx *.dotx)</source>
        <translation>Word 文档 (*.docx *.dotx)</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/export_report.py" line="92"/>
        <source>Maps folder (PNG files of Export maps)</source>
        <translation>图件文件夹（“导出图集”生成的 PNG 文件）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/export_report.py" line="98"/>
        <source>Word report</source>
        <translation>Word 报告</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/export_report.py" line="98"/>
        <source>Word documents (*.docx)</source>
        <translation>Word 文档 (*.docx)</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/export_report.py" line="103"/>
        <source>What the report lacks</source>
        <translation>报告缺项</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/export_report.py" line="126"/>
        <source>{0}: {1} chapters, {2} tables, {3} of {4} maps.</source>
        <translation>{0}：{1} 章，{2} 张表，图件 {3}/{4} 幅。</translation>
    </message>
</context>
<context>
    <name>FactorPickerDialog</name>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_tables.py" line="273"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_tables.py" line="273"/>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_tables.py" line="273"/>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_tables.py" line="273"/>
        <source>Confidence</source>
        <translation>可信度</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_tables.py" line="273"/>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_tables.py" line="297"/>
        <source>Use this value</source>
        <translation>采用此值</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_tables.py" line="298"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>GuidePanel</name>
    <message>
        <location filename="../sbplanner_plugin/gui/guide.py" line="38"/>
        <source>Next step</source>
        <translation>下一步</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/guide.py" line="95"/>
        <source>Go to the next step of the workflow</source>
        <translation>转到工作流程的下一步</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/guide.py" line="41"/>
        <source>Hide guide</source>
        <translation>隐藏引导</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/guide.py" line="42"/>
        <source>Switch the guided mode off (Plugins ▸ SBPlanner ▸ Guided mode switches it on again)</source>
        <translation>关闭引导模式（可在 插件 ▸ SBPlanner ▸ 引导模式 中重新打开）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/guide.py" line="86"/>
        <source>Step {0} of {1}: {2}</source>
        <translation>第 {0} 步（共 {1} 步）：{2}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/guide.py" line="91"/>
        <source>Standards: {0}</source>
        <translation>依据标准：{0}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/guide.py" line="95"/>
        <source>This is the last step.</source>
        <translation>这是最后一步。</translation>
    </message>
</context>
<context>
    <name>IndicatorEditor</name>
    <message>
        <location filename="../sbplanner_plugin/gui/indicator_editor.py" line="84"/>
        <source>Use</source>
        <translation>采用</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/indicator_editor.py" line="84"/>
        <source>Indicator</source>
        <translation>指标</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/indicator_editor.py" line="84"/>
        <source>Direction</source>
        <translation>方向</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/indicator_editor.py" line="84"/>
        <source>Weight</source>
        <translation>权重</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/indicator_editor.py" line="84"/>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/indicator_editor.py" line="96"/>
        <source>Untick an indicator to leave it out (weight 0); double-click a weight to edit it. +1: more is more urgent, −1: less is more urgent.</source>
        <translation>取消勾选即不采用该指标（权重 0）；双击权重可编辑。+1：越大越紧迫，−1：越小越紧迫。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/indicator_editor.py" line="104"/>
        <source>A numeric field of the small watersheds to use as an indicator</source>
        <translation>用作指标的小流域数值字段</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/indicator_editor.py" line="105"/>
        <source>Add field</source>
        <translation>添加字段</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/indicator_editor.py" line="106"/>
        <source>Add the field as an indicator (EXTRA_INDICATORS), direction +1, weight 0.05</source>
        <translation>将该字段添加为指标（EXTRA_INDICATORS），方向 +1，权重 0.05</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/indicator_editor.py" line="109"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/indicator_editor.py" line="110"/>
        <source>Remove the selected indicator added from a field</source>
        <translation>移除所选的由字段添加的指标</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/indicator_editor.py" line="119"/>
        <source>Direct weights (the table)</source>
        <translation>直接赋权（按指标表）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/indicator_editor.py" line="120"/>
        <source>AHP pairwise matrix</source>
        <translation>AHP 判断矩阵</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/indicator_editor.py" line="121"/>
        <source>AHP: judge each pair of the used indicators on Saaty's 1–9 scale (row vs column); the weights are the principal eigenvector, the matrix is used only when CR &lt; 0.10</source>
        <translation>层次分析法（AHP）：按 Saaty 1–9 标度两两比较所采用的指标（行对列）；权重为主特征向量，仅当 CR &lt; 0.10 时采用该矩阵</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/indicator_editor.py" line="130"/>
        <source>aᵢⱼ: how much more important the row's indicator is than the column's (1 equal, 3 moderately, 5 strongly, 7 very strongly, 9 extremely; 1/3 … the reverse). Edit the upper triangle; the lower one is its reciprocal.</source>
        <translation>aᵢⱼ：行指标相对列指标的重要程度（1 同等重要，3 稍重要，5 明显重要，7 强烈重要，9 极端重要；1/3 … 为相反）。编辑上三角，下三角自动取倒数。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/indicator_editor.py" line="144"/>
        <source>Save weights</source>
        <translation>保存权重</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/indicator_editor.py" line="145"/>
        <source>Write the weights (unticked: 0) into your copy of the indicator table; fields added and the matrix are used by the run but not saved</source>
        <translation>将权重（未勾选为 0）写入您的指标表副本；添加的字段和判断矩阵仅用于本次运行，不保存</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/indicator_editor.py" line="150"/>
        <source>Restore defaults</source>
        <translation>恢复默认</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/indicator_editor.py" line="151"/>
        <source>Remove your copy of the indicator table: the shipped weights apply</source>
        <translation>删除您的指标表副本：恢复使用自带权重</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/indicator_editor.py" line="231"/>
        <source>+1: more is more urgent; −1: less is more urgent (fixed for the indicators SBPlanner computes)</source>
        <translation>+1：越大越紧迫；−1：越小越紧迫（SBPlanner 计算的指标方向固定）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/indicator_editor.py" line="238"/>
        <source>field {0}</source>
        <translation>字段 {0}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/indicator_editor.py" line="238"/>
        <source>computed</source>
        <translation>自动计算</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/indicator_editor.py" line="282"/>
        <source>Choose a numeric field of the small watersheds first.</source>
        <translation>请先选择小流域的一个数值字段。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/indicator_editor.py" line="285"/>
        <source>The field {0} is already an indicator.</source>
        <translation>字段 {0} 已是指标。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/indicator_editor.py" line="295"/>
        <source>Field {0} added as an indicator.</source>
        <translation>已将字段 {0} 添加为指标。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/indicator_editor.py" line="309"/>
        <source>Only indicators added from a field can be removed; untick the others.</source>
        <translation>只能移除由字段添加的指标；其他指标请取消勾选。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/indicator_editor.py" line="362"/>
        <source>Weight of {0}: '{1}' is not a number ≥ 0.</source>
        <translation>{0} 的权重：“{1}”不是 ≥ 0 的数。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/indicator_editor.py" line="365"/>
        <source>Tick at least one indicator.</source>
        <translation>请至少勾选一个指标。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/indicator_editor.py" line="452"/>
        <source>AHP matrix</source>
        <translation>AHP 判断矩阵</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/indicator_editor.py" line="500"/>
        <source>Weights of the ticked indicators add up to {0:g}; the run divides them by the sum.</source>
        <translation>所勾选指标的权重之和为 {0:g}；运行时将各权重除以该和（归一化）。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/indicator_editor.py" line="504"/>
        <source>Weights of the ticked indicators add up to 1.</source>
        <translation>所勾选指标的权重之和为 1。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/indicator_editor.py" line="522"/>
        <source>AHP weights: {0}; λmax {1:.4f}, CI {2:.4f}, RI {3:.2f}, CR {4:.4f}.</source>
        <translation>AHP 权重：{0}；λmax {1:.4f}，CI {2:.4f}，RI {3:.2f}，CR {4:.4f}。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/indicator_editor.py" line="526"/>
        <source>CR &lt; {0:.2f}: consistent, the run uses these weights.</source>
        <translation>CR &lt; {0:.2f}：通过一致性检验，运行时采用这些权重。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/indicator_editor.py" line="531"/>
        <source>CR {0:.3f} ≥ {1:.2f}: the matrix is NOT consistent enough and will NOT be used; the run uses the table's direct weights (and warns). Revise the judgements.</source>
        <translation>CR {0:.3f} ≥ {1:.2f}：判断矩阵未通过一致性检验，将不被采用；运行时改用指标表的直接权重（并给出警告）。请修改判断。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/indicator_editor.py" line="557"/>
        <source>No weight changed.</source>
        <translation>权重没有改动。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/indicator_editor.py" line="559"/>
        <source>edited in SBPlanner {0}</source>
        <translation>于 SBPlanner 中编辑 {0}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/indicator_editor.py" line="572"/>
        <source>Saved to {0}.</source>
        <translation>已保存到 {0}。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/indicator_editor.py" line="582"/>
        <source>Your copy of {0} removed: the shipped weights apply.</source>
        <translation>已删除您的 {0} 副本：恢复使用自带权重。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/indicator_editor.py" line="582"/>
        <source>You have no edited copy: the shipped weights apply.</source>
        <translation>您没有编辑过的副本：使用自带权重。</translation>
    </message>
</context>
<context>
    <name>MappingEditorDialog</name>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_tables.py" line="324"/>
        <source>Map land-use codes to GB/T 21010</source>
        <translation>将地类编码对照到 GB/T 21010</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_tables.py" line="328"/>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_tables.py" line="328"/>
        <source>Parcels</source>
        <translation>图斑</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_tables.py" line="328"/>
        <source>GB/T 21010 code</source>
        <translation>GB/T 21010 编码</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_tables.py" line="332"/>
        <source>(empty)</source>
        <translation>（空）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_tables.py" line="337"/>
        <source>(not mapped)</source>
        <translation>（未对照）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_tables.py" line="345"/>
        <source>Choose the GB/T 21010-2017 class of each code, then save the mapping as a CSV (columns code, gbt21010_code); the step uses it at once. Rows of the current mapping file are kept.</source>
        <translation>为每个编码选择 GB/T 21010-2017 地类，然后将对照关系另存为 CSV（列 code、gbt21010_code）；本步骤随即使用它。当前对照表中的行予以保留。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_tables.py" line="353"/>
        <source>Save as CSV…</source>
        <translation>另存为 CSV…</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_tables.py" line="354"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_tables.py" line="404"/>
        <source>Choose a GB/T 21010 code for at least one code.</source>
        <translation>请至少为一个编码选择 GB/T 21010 编码。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_tables.py" line="408"/>
        <source>Save the land-use mapping</source>
        <translation>保存地类编码对照表</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_tables.py" line="408"/>
        <source>CSV table (*.csv)</source>
        <translation>CSV 表格 (*.csv)</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_tables.py" line="418"/>
        <source>The mapping could not be saved: {0}</source>
        <translation>对照表无法保存：{0}</translation>
    </message>
</context>
<context>
    <name>MeasureEditorPanel</name>
    <message>
        <location filename="../sbplanner_plugin/gui/measure_panel.py" line="83"/>
        <source>Select parcels here or on the map; rows marked ⚠ have validation problems.</source>
        <translation>在此处或地图上选择图斑；标有 ⚠ 的行存在校验问题。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/measure_panel.py" line="97"/>
        <source>Assign to selected parcels</source>
        <translation>配置到所选图斑</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/measure_panel.py" line="98"/>
        <source>Confirm selected</source>
        <translation>确认所选</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/measure_panel.py" line="99"/>
        <source>Mark the selected parcels&apos; measures as checked by the designer</source>
        <translation>将所选图斑的措施标记为已由设计人员核定</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/measure_panel.py" line="119"/>
        <source>Measure for the selection (check several to combine; first = primary):</source>
        <translation>所选图斑的措施（可勾选多项组合；第一项为主要措施）：</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/measure_panel.py" line="124"/>
        <source>Validation:</source>
        <translation>校验：</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/measure_panel.py" line="126"/>
        <source>Summary (area counted once, under the primary measure):</source>
        <translation>汇总（面积只计一次，计入主要措施）：</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/measure_panel.py" line="140"/>
        <source>Watershed</source>
        <translation>小流域</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/measure_panel.py" line="150"/>
        <source>Land use</source>
        <translation>地类</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/measure_panel.py" line="142"/>
        <source>Slope class</source>
        <translation>坡度分级</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/measure_panel.py" line="152"/>
        <source>Erosion</source>
        <translation>侵蚀强度</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/measure_panel.py" line="154"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/measure_panel.py" line="149"/>
        <source>Parcel</source>
        <translation>图斑</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/measure_panel.py" line="151"/>
        <source>Slope °</source>
        <translation>坡度 °</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/measure_panel.py" line="194"/>
        <source>Measure</source>
        <translation>措施</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/measure_panel.py" line="155"/>
        <source>Check</source>
        <translation>校验</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/measure_panel.py" line="183"/>
        <source>proposed</source>
        <translation>建议</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/measure_panel.py" line="184"/>
        <source>confirmed</source>
        <translation>已确认</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/measure_panel.py" line="185"/>
        <source>overridden</source>
        <translation>已调整</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/measure_panel.py" line="195"/>
        <source>Parcels</source>
        <translation>图斑</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/measure_panel.py" line="196"/>
        <source>Area hm²</source>
        <translation>面积 hm²</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/measure_panel.py" line="223"/>
        <source>The measure catalogue cannot be read: {0}</source>
        <translation>无法读取措施库：{0}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/measure_panel.py" line="237"/>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/measure_panel.py" line="238"/>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/measure_panel.py" line="262"/>
        <source>The edit was not saved: {0}</source>
        <translation>编辑未能保存：{0}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/measure_panel.py" line="270"/>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/measure_panel.py" line="169"/>
        <source>(empty)</source>
        <translation>（空）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/measure_panel.py" line="285"/>
        <source>{0} of {1} parcels shown</source>
        <translation>显示 {1} 个图斑中的 {0} 个</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/measure_panel.py" line="316"/>
        <source>Select parcels in the table or on the map.</source>
        <translation>请在表格或地图上选择图斑。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/measure_panel.py" line="380"/>
        <source>Parcel {0}: {1}</source>
        <translation>图斑 {0}：{1}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/measure_panel.py" line="331"/>
        <source>{0} parcel(s) selected; no validation problem.</source>
        <translation>已选择 {0} 个图斑；校验无问题。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/measure_panel.py" line="339"/>
        <source>no measure</source>
        <translation>无措施</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/measure_panel.py" line="342"/>
        <source>Assign {0} to {1} parcel(s)</source>
        <translation>为 {1} 个图斑配置 {0}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/measure_panel.py" line="365"/>
        <source>Confirm {0} parcel(s)</source>
        <translation>确认 {0} 个图斑</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/measure_panel.py" line="400"/>
        <source>{0} of {1} parcel(s) not confirmed yet.</source>
        <translation>{1} 个图斑中有 {0} 个尚未确认。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/measure_panel.py" line="197"/>
        <source>Counted as</source>
        <translation>计入</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/measure_panel.py" line="190"/>
        <source>treated</source>
        <translation>治理</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/measure_panel.py" line="190"/>
        <source>prevention / protection</source>
        <translation>预防/保护</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/measure_panel.py" line="328"/>
        <source>and {0} more problem(s): see Validation below.</source>
        <translation>另有 {0} 个问题，见下方“校验”。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/measure_panel.py" line="349"/>
        <source>Assign {0} to {1} parcels? Their current measures are replaced.</source>
        <translation>为 {1} 个图斑配置{0}？这些图斑现有的措施将被替换。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/measure_panel.py" line="351"/>
        <source>Clear the measures of {0} parcels?</source>
        <translation>清除 {0} 个图斑的措施？</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/measure_panel.py" line="352"/>
        <source>Undo (Ctrl+Z) takes the change back.</source>
        <translation>可用撤销（Ctrl+Z）恢复。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/measure_panel.py" line="353"/>
        <source>Change many parcels</source>
        <translation>批量修改图斑</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/measure_panel.py" line="381"/>
        <source>{0} parcels: {1}</source>
        <translation>{0} 个图斑：{1}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/measure_panel.py" line="390"/>
        <source>show</source>
        <translation>显示</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/measure_panel.py" line="390"/>
        <source>show them</source>
        <translation>显示这些图斑</translation>
    </message>
</context>
<context>
    <name>MeasurePicker</name>
    <message>
        <location filename="../sbplanner_plugin/gui/measure_picker.py" line="136"/>
        <source>Measures: {0}</source>
        <translation>措施：{0}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/measure_picker.py" line="90"/>
        <source>{0}; land use {1}; slope {2:g}–{3:g}°; D.0.15: {4}; {5}</source>
        <translation>{0}；适用地类 {1}；坡度 {2:g}–{3:g}°；D.0.15：{4}；{5}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/measure_picker.py" line="136"/>
        <source>none</source>
        <translation>无措施</translation>
    </message>
</context>
<context>
    <name>MeasureQuantities</name>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/measure_quantities.py" line="122"/>
        <source>4 · Quantities and investment</source>
        <translation>4 · 工程量与投资</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/measure_quantities.py" line="128"/>
        <source>Measure quantities (林草, 整地, 封育, 耕作, works and dams)</source>
        <translation>措施工程量（林草、整地、封育、耕作、小型工程和坝）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/measure_quantities.py" line="152"/>
        <source>Parcels with measures (step 3: parcels_measures)</source>
        <translation>已配置措施的图斑（第 3 步：parcels_measures）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/measure_quantities.py" line="159"/>
        <source>Works layers (check_dams, gully_heads, intercept_ditches, works_points, works_lines …)</source>
        <translation>工程图层（check_dams、gully_heads、intercept_ditches、works_points、works_lines …）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/measure_quantities.py" line="167"/>
        <source>DEM (for dams)</source>
        <translation>DEM（用于坝）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/measure_quantities.py" line="168"/>
        <source>Measure catalogue (CSV; default: measures.csv)</source>
        <translation>措施库（CSV；默认 measures.csv）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/measure_quantities.py" line="176"/>
        <source>Village field (行政村; optional)</source>
        <translation>行政村字段（可选）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/measure_quantities.py" line="176"/>
        <source>Implementation year field (optional; default year 1)</source>
        <translation>实施年度字段（可选；默认第 1 年）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/measure_quantities.py" line="212"/>
        <source>Parcels with quantities</source>
        <translation>含工程量的图斑</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/measure_quantities.py" line="204"/>
        <source>Works quantities</source>
        <translation>工程量（点/线工程）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/measure_quantities.py" line="204"/>
        <source>Dam stage–storage curves</source>
        <translation>坝的水位–面积–库容曲线</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/measure_quantities.py" line="204"/>
        <source>Measure quantity items</source>
        <translation>措施工程量明细</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/measure_quantities.py" line="213"/>
        <source>Works with quantities</source>
        <translation>含工程量的工程</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/measure_quantities.py" line="370"/>
        <source>Measures not in the catalogue (no quantities): {0}</source>
        <translation>措施库中没有的措施（未计工程量）：{0}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/measure_quantities.py" line="373"/>
        <source>{0} parcels and {1} works with quantities.</source>
        <translation>{0} 个图斑、{1} 处工程已计算工程量。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/measure_quantities.py" line="388"/>
        <source>{0} ditches carry less than their design discharge: see capacity_q_m3s.</source>
        <translation>{0} 条沟渠的过流能力小于设计流量，见 capacity_q_m3s。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/measure_quantities.py" line="131"/>
        <source>Quantities of every measure other than terraces (see Terrace quantities), per parcel and per work, from the catalogue's design parameters (measures.csv, overridden by a parcel's measure_params) and quantity_params.csv: planting density N = 10 000/(株距 × 行距), seedlings N × area × (1 + replanting rate), one 整地 pit per plant (穴状 π·d²/4·depth, 鱼鳞坑 π·a·b/4·depth), 水平沟 length area/spacing and excavation (top + bottom)/2 × depth × length, 水平阶 as a narrow terrace (b·H/8 per metre), grass seed, 封育 fence = parcel perimeter and signs, 耕作 area; works: 截水沟/排水沟 section × length, design discharge Q = 0.278·K·I·F with a Manning check of the section, 蓄水池/水窖/沉沙池 volume, excavation and lining, 沟头防护 from its design storage, roads by length; dams (谷坊, 拦沙坝, 塘坝, 淤地坝 …): crest length and height from the DEM cross-section at the dam, trapezoid body volume, stage–area–storage curve of the impoundment (total, silt and flood capacity; 淤地坝 class by capacity, SL/T 804-2020).

Outputs: the parcels with their D.0.14 planting design (整地规格, 株行距, 密度, 苗木量, 播种量) and quantities; the works table; the dams' stage–storage curves; and the items table the investment estimate prices and the D.0.16 table sums. Each row's basis field gives the formula with its numbers.

Previous quantities (optional: the parcels, items, works and curves of an earlier run): parcels whose measures, parameters, catalogue and table values, area, perimeter, slope, watershed, village and year are unchanged keep their values and items (every 封育 parcel is recomputed when any 封育 parcel changes: they share one fence); the works are kept when no work, parameter or the DEM changed.</source>
        <translation>除梯田（见“梯田工程量”）外每项措施的工程量，按图斑和工程计算，依据措施库的设计参数（measures.csv，图斑的 measure_params 优先）和 quantity_params.csv：种植密度 N = 10 000/(株距 × 行距)，苗木量 N × 面积 × (1 + 补植率)，每株一个整地穴（穴状 π·d²/4·深，鱼鳞坑 π·a·b/4·深），水平沟长度 = 面积/间距、开挖 (上宽 + 底宽)/2 × 深 × 长度，水平阶按窄梯田（每米 b·H/8），种草播种量，封育围栏 = 图斑周长并设标志牌，耕作措施计面积；小型工程：截水沟/排水沟 断面 × 长度，设计流量 Q = 0.278·K·I·F 并以曼宁公式校核断面，蓄水池/水窖/沉沙池 容积、开挖和衬砌，沟头防护按设计蓄水量，道路按长度；坝（谷坊、拦沙坝、塘坝、淤地坝 …）：由坝址处 DEM 横断面求坝顶长度和坝高，梯形断面坝体方量，由 DEM 求库区水位–面积–库容曲线（总库容、拦泥库容、滞洪库容；淤地坝按库容分级，SL/T 804-2020）。

输出：含 D.0.14 林草设计（整地规格、株行距、密度、苗木量、播种量）和工程量的图斑；工程量表；坝的水位–库容曲线；以及供投资估算计价、D.0.16 表汇总的工程量明细表。各行 basis 字段给出带数值的计算式。

上次工程量（可选：上次运行的图斑、明细、工程和库容曲线）：措施、参数、措施库和参数表取值、面积、周长、坡度、小流域、行政村和实施年份均未变的图斑沿用原值和明细（任一封育图斑变化时所有封育图斑重算：它们共用一道围栏）；工程、参数和 DEM 均未变时沿用工程量。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/measure_quantities.py" line="183"/>
        <source>Previous parcels with quantities: unchanged parcels are kept (optional)</source>
        <translation>上次含工程量的图斑：未变图斑沿用（可选）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/measure_quantities.py" line="191"/>
        <source>Previous measure quantity items (needed to keep parcels)</source>
        <translation>上次措施工程量明细（沿用图斑时必需）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/measure_quantities.py" line="191"/>
        <source>Previous works quantities (optional)</source>
        <translation>上次工程量表（可选）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/measure_quantities.py" line="191"/>
        <source>Previous dam stage–storage curves (optional)</source>
        <translation>上次坝的水位–库容曲线（可选）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/measure_quantities.py" line="214"/>
        <source>Unchanged parcels kept from the previous quantities</source>
        <translation>沿用上次工程量的未变图斑</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/measure_quantities.py" line="217"/>
        <source>Parcels computed in this run</source>
        <translation>本次计算的图斑</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/measure_quantities.py" line="377"/>
        <source>{0} unchanged parcels kept from the previous quantities, {1} recomputed.</source>
        <translation>沿用上次工程量的未变图斑 {0} 个，重算 {1} 个。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/measure_quantities.py" line="383"/>
        <source>The works are unchanged: their quantities are kept.</source>
        <translation>工程未变：沿用其工程量。</translation>
    </message>
</context>
<context>
    <name>MeasuresStep</name>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/measures_step.py" line="87"/>
        <source>Parcels analysed in step 2</source>
        <translation>第 2 步分析过的图斑</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/measures_step.py" line="99"/>
        <source>Optional field with the soil depth in metres</source>
        <translation>可选：土层厚度字段（m）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/measures_step.py" line="141"/>
        <source>Propose layout</source>
        <translation>生成措施布局</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/measures_step.py" line="141"/>
        <source>SBPlanner</source>
        <translation>SBPlanner</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/measures_step.py" line="143"/>
        <source>Parcels</source>
        <translation>图斑</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/measures_step.py" line="144"/>
        <source>Erosion region</source>
        <translation>侵蚀类型区</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/measures_step.py" line="145"/>
        <source>Exemption field</source>
        <translation>豁免字段</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/measures_step.py" line="146"/>
        <source>Soil depth field</source>
        <translation>土层厚度字段</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/measures_step.py" line="151"/>
        <source>Default layout</source>
        <translation>默认措施布局</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/measures_step.py" line="160"/>
        <source>Parcel editor</source>
        <translation>图斑措施编辑</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/measures_step.py" line="165"/>
        <source>Digitise</source>
        <translation>数字化</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/measures_step.py" line="166"/>
        <source>Move</source>
        <translation>移动</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/measures_step.py" line="173"/>
        <source>Works on the map</source>
        <translation>地图上的工程</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/measures_step.py" line="231"/>
        <source>Choose the analysed parcels (run step 2 first).</source>
        <translation>请选择图斑分析结果（先运行第 2 步）。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/measures_step.py" line="572"/>
        <source>Parcels with measures</source>
        <translation>已配置措施的图斑</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/measures_step.py" line="282"/>
        <source>the parcels with measures were not written into the plan</source>
        <translation>已配置措施的图斑未写入规划成果库</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/measures_step.py" line="284"/>
        <source>Measures proposed for {0} parcel(s).</source>
        <translation>已为 {0} 个图斑提出措施建议。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/measures_step.py" line="354"/>
        <source>Measures proposed; gully works need the DEM of step 1 or 2.</source>
        <translation>已提出措施建议；沟道工程需要第 1 或第 2 步的 DEM。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/measures_step.py" line="471"/>
        <source>{0}: features {1} and {2} overlap (closer than {3:g} m).</source>
        <translation>{0}：要素 {1} 与 {2} 重叠（间距小于 {3:g} m）。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/measures_step.py" line="532"/>
        <source>Propose the layout with gully works first.</source>
        <translation>请先生成含沟道工程的措施布局。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/measures_step.py" line="506"/>
        <source>Add {0}</source>
        <translation>添加{0}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/measures_step.py" line="511"/>
        <source>Move {0}</source>
        <translation>移动{0}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/measures_step.py" line="169"/>
        <source>Accept</source>
        <translation>采纳</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/measures_step.py" line="170"/>
        <source>Mark the selected works of this layer confirmed</source>
        <translation>将此图层中所选工程标记为已确认</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/measures_step.py" line="171"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/measures_step.py" line="172"/>
        <source>Delete the selected works of this layer (undo restores them)</source>
        <translation>删除此图层中所选工程（可撤销恢复）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/measures_step.py" line="536"/>
        <source>Select works of the layer {0} on the map first (the Move tool selects the work it picks).</source>
        <translation>请先在地图上选择图层 {0} 中的工程（移动工具会选中其点选的工程）。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/measures_step.py" line="549"/>
        <source>Accept {0} work(s) of {1}</source>
        <translation>采纳 {1} 中的 {0} 处工程</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/measures_step.py" line="557"/>
        <source>Delete {0} work(s) of {1}</source>
        <translation>删除 {1} 中的 {0} 处工程</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/measures_step.py" line="399"/>
        <source>Other point works</source>
        <translation>其他点状工程</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/measures_step.py" line="399"/>
        <source>Other line works</source>
        <translation>其他线状工程</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/measures_step.py" line="106"/>
        <source>Prohibited-cultivation slope (禁垦坡度): 25° by the Soil and Water Conservation Law; a province may set a smaller one (e.g. 15°). Cropland beyond it is retired to forest and grass.</source>
        <translation>禁垦坡度：《水土保持法》规定为 25°，省级可规定更小坡度（如 15°）。超过禁垦坡度的耕地退耕还林还草。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/measures_step.py" line="116"/>
        <source>Optional polygons of the county's prohibited-cultivation area (禁垦范围): cropland with at least half its area inside is treated as beyond the slope limit</source>
        <translation>可选：县级公告的禁垦范围面图层；面积至少一半位于其中的耕地按超过禁垦坡度处理</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/measures_step.py" line="147"/>
        <source>Slope limit</source>
        <translation>禁垦坡度</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/measures_step.py" line="148"/>
        <source>No-cultivation area</source>
        <translation>禁垦范围</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/measures_step.py" line="150"/>
        <source>Damaged-terrace field</source>
        <translation>梯田损毁字段</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/measures_step.py" line="293"/>
        <source>Sediment behind the check dams: its stable gradient i′ sets the spacing</source>
        <translation>谷坊后的淤积物质：其稳定比降 i′ 决定谷坊间距</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/measures_step.py" line="313"/>
        <source>Optional: from the gully survey (SL/T 447 D.0.7); preferred over the DEM</source>
        <translation>可选：来自侵蚀沟现状调查（SL/T 447 表 D.0.7）；优先于 DEM 提取结果</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/measures_step.py" line="317"/>
        <source>Deposit material</source>
        <translation>淤积物质</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/measures_step.py" line="318"/>
        <source>Surveyed gullies</source>
        <translation>实测侵蚀沟</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/measures_step.py" line="319"/>
        <source>Surveyed gully heads</source>
        <translation>实测沟头</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/measures_step.py" line="377"/>
        <source>Measures proposed; {0} check dam(s), {1} gully head(s), {2} ditch and drain line(s), {3} sediment basin(s) sited.</source>
        <translation>措施已配置；布设谷坊 {0} 座、沟头防护 {1} 处、截排水沟 {2} 条、沉沙池 {3} 座。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/measures_step.py" line="149"/>
        <source>Collapsing-gully (benggang) field</source>
        <translation>崩岗字段</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/measures_step.py" line="287"/>
        <source>{0} confirmed/overridden parcels kept.</source>
        <translation>保留了 {0} 个已确认/已调整的图斑。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/measures_step.py" line="498"/>
        <source>No work of this kind is placed yet: digitise one first.</source>
        <translation>尚未布设此类工程：请先在图上绘制。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/measures_step.py" line="60"/>
        <source>Proposes a treatment measure for every parcel from the bundled rules (terraces on sloping cropland, planting, enclosure, conservation tillage …); edit the proposal, check the validation and place works (check dams, ditches, gully-head protection) on the map.</source>
        <translation>按内置规则为每个图斑提出治理措施（坡耕地修梯田、造林种草、封育、保土耕作等）；可修改建议方案、查看校验结果，并在地图上布置谷坊、截排水沟、沟头防护等工程。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/measures_step.py" line="69"/>
        <source>GB 51018-2014 (design of soil and water conservation engineering): terrace type selection and layout; GB/T 16453.1–16453.4-2008 (technical specifications for comprehensive control).</source>
        <translation>GB 51018-2014《水土保持工程设计规范》：梯田类型选择与布置；GB/T 16453.1～16453.4-2008《水土保持综合治理 技术规范》。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/measures_step.py" line="56"/>
        <source>Measures</source>
        <translation>措施配置</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="393"/>
        <source>SBPlanner – 3 Measures</source>
        <translation>SBPlanner – 3 措施</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/measures_step.py" line="94"/>
        <source>Optional field flagging parcels where retiring cropland is impracticable</source>
        <translation>可选：标记退耕确有困难图斑的字段</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/measures_step.py" line="124"/>
        <source>Optional field marking collapsing-gully parcels (true/1): they get collapsing-gully treatment</source>
        <translation>可选：标记崩岗图斑的字段（true/1）：这些图斑配置崩岗治理措施</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/measures_step.py" line="573"/>
        <source>Check dams</source>
        <translation>谷坊</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/measures_step.py" line="574"/>
        <source>Gully-head protection</source>
        <translation>沟头防护</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/measures_step.py" line="575"/>
        <source>Intercepting ditches</source>
        <translation>截水沟</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/measures_step.py" line="576"/>
        <source>Sediment basins</source>
        <translation>沉沙池</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/measures_step.py" line="129"/>
        <source>Optional field marking terraces with damaged risers (true/1): they get terrace repair</source>
        <translation>可选：标记田坎损毁梯田的字段（true/1），这些图斑配置梯田修复</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/measures_step.py" line="133"/>
        <source>Also site gully works</source>
        <translation>同时布设沟道工程</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/measures_step.py" line="134"/>
        <source>Check dams, gully-head protection and intercepting ditches along the plan&apos;s streams; needs the DEM of step 1/2 and the plan&apos;s streams</source>
        <translation>沿成果库中的河网布设谷坊、沟头防护和截水沟；需要第 1/2 步的 DEM 和成果库中的河网</translation>
    </message>
</context>
<context>
    <name>ParamViewerDialog</name>
    <message>
        <location filename="../sbplanner_plugin/gui/param_viewer.py" line="106"/>
        <source>SBPlanner parameter tables</source>
        <translation>SBPlanner 参数表</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/param_viewer.py" line="119"/>
        <source>Open override folder</source>
        <translation>打开自定义参数文件夹</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/param_viewer.py" line="198"/>
        <source>Copy to override folder for editing</source>
        <translation>复制到自定义文件夹以编辑</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/param_viewer.py" line="121"/>
        <source>Reset to defaults</source>
        <translation>恢复默认</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/param_viewer.py" line="122"/>
        <source>Open the folder whose copies of the tables replace the shipped ones</source>
        <translation>打开自定义参数文件夹：其中的表格副本替代插件自带的表格</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/param_viewer.py" line="123"/>
        <source>Copy the shipped table into the override folder and open it; edit it there (UTF-8 CSV)</source>
        <translation>将自带表格复制到自定义文件夹并打开；在那里编辑（UTF-8 CSV）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/param_viewer.py" line="126"/>
        <source>Delete this table&apos;s copy in the override folder (after a confirmation): the shipped table applies</source>
        <translation>删除此表在自定义文件夹中的副本（需确认）：重新使用自带表格</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/param_viewer.py" line="145"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/param_viewer.py" line="171"/>
        <source>Override folder: {0} — a table copied there replaces the shipped one.</source>
        <translation>自定义参数文件夹：{0} —— 复制到此处的表格替代自带表格。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/param_viewer.py" line="171"/>
        <source>Override folder: {0} (not created yet) — all tables are the shipped ones.</source>
        <translation>自定义参数文件夹：{0}（尚未创建）—— 所有表格均为自带表格。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/param_viewer.py" line="187"/>
        <source>Replaced by your copy in the override folder</source>
        <translation>已由自定义文件夹中的副本替代</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/param_viewer.py" line="198"/>
        <source>Open your copy for editing</source>
        <translation>打开您的副本进行编辑</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/param_viewer.py" line="211"/>
        <source>{0} cannot be read: {1}</source>
        <translation>无法读取 {0}：{1}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/param_viewer.py" line="215"/>
        <source>Your copy (replaces the shipped table): {0}</source>
        <translation>您的副本（替代自带表格）：{0}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/param_viewer.py" line="215"/>
        <source>Shipped table: {0}</source>
        <translation>自带表格：{0}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/param_viewer.py" line="257"/>
        <source>The folder cannot be created: {0}</source>
        <translation>无法创建文件夹：{0}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/param_viewer.py" line="270"/>
        <source>The table cannot be copied: {0}</source>
        <translation>无法复制表格：{0}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/param_viewer.py" line="283"/>
        <source>Delete your copy of {0} in the override folder? The shipped table applies again; your other tables and the plan are not touched.</source>
        <translation>删除自定义文件夹中 {0} 的副本？将重新使用自带表格；您的其他表格和规划成果库不受影响。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/param_viewer.py" line="298"/>
        <source>The copy cannot be deleted: {0}</source>
        <translation>无法删除副本：{0}</translation>
    </message>
</context>
<context>
    <name>ParcelsStep</name>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="157"/>
        <source>Field with the land-use code (third land survey DLBM or another code list)</source>
        <translation>地类编码所在字段（三调 DLBM 或其他编码体系）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="160"/>
        <source>CSV table (*.csv)</source>
        <translation>CSV 表格 (*.csv)</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="161"/>
        <source>Land-use mapping table</source>
        <translation>地类编码对照表</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="162"/>
        <source>Optional CSV with columns code,gbt21010_code mapping another code list to GB/T 21010.</source>
        <translation>可选：含 code、gbt21010_code 两列的 CSV，用于将其他编码体系对照到 GB/T 21010。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="998"/>
        <source>Parcels</source>
        <translation>图斑</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="186"/>
        <source>DEM</source>
        <translation>DEM</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="187"/>
        <source>Land-use field</source>
        <translation>地类编码字段</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="188"/>
        <source>Code mapping</source>
        <translation>编码对照表</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="190"/>
        <source>Parcels and land use</source>
        <translation>图斑与地类</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="193"/>
        <source>Land-use codes found in the parcels:</source>
        <translation>图斑中出现的地类编码：</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="213"/>
        <source>e.g. 5,15,25 (degrees)</source>
        <translation>如 5,15,25（°）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="219"/>
        <source>Optional: small watersheds (with ws_code) for the summary tables</source>
        <translation>可选：用于分流域汇总表的小流域（含 ws_code 字段）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="224"/>
        <source>Slope classes</source>
        <translation>坡度分级</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="464"/>
        <source>Custom breaks</source>
        <translation>自定义分级</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="226"/>
        <source>Watersheds</source>
        <translation>小流域</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="233"/>
        <source>Erosion factors (CSLE)</source>
        <translation>土壤侵蚀因子（CSLE）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="235"/>
        <source>Rainfall erosivity R, MJ·mm/(hm²·h·a)</source>
        <translation>降雨侵蚀力因子 R，MJ·mm/(hm²·h·a)</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="236"/>
        <source>Optional raster of R (replaces the number)</source>
        <translation>可选：R 因子栅格（替代上面的数值）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="238"/>
        <source>Soil erodibility K, t·hm²·h/(hm²·MJ·mm)</source>
        <translation>土壤可蚀性因子 K，t·hm²·h/(hm²·MJ·mm)</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="239"/>
        <source>Optional raster of K (replaces the number)</source>
        <translation>可选：K 因子栅格（替代上面的数值）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="240"/>
        <source>Optional parcel field with K (replaces number and raster)</source>
        <translation>可选：图斑的 K 值字段（替代数值和栅格）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="241"/>
        <source>Optional vegetation cover raster (0–1 or %)</source>
        <translation>可选：植被覆盖度栅格（0–1 或 %）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="242"/>
        <source>Optional parcel field with vegetation cover (0–1 or %)</source>
        <translation>可选：图斑的植被覆盖度字段（0–1 或 %）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="243"/>
        <source>Optional parcel field with canopy closure (0–1)</source>
        <translation>可选：图斑的郁闭度字段（0–1）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="247"/>
        <source>Erosion type region; sets the tolerable soil loss (SL 190)</source>
        <translation>土壤侵蚀类型区，决定容许土壤流失量（SL 190）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="249"/>
        <source>from region</source>
        <translation>按类型区</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="251"/>
        <source>Tolerable soil loss; 0 = the value of the erosion region</source>
        <translation>容许土壤流失量；0 = 取土壤侵蚀类型区的值</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="280"/>
        <source>R</source>
        <translation>降雨侵蚀力 R</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="281"/>
        <source>R raster</source>
        <translation>R 栅格</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="282"/>
        <source>K</source>
        <translation>土壤可蚀性 K</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="283"/>
        <source>K raster</source>
        <translation>K 栅格</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="284"/>
        <source>K field</source>
        <translation>K 字段</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="285"/>
        <source>Cover raster</source>
        <translation>植被覆盖度栅格</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="286"/>
        <source>Cover field</source>
        <translation>植被覆盖度字段</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="287"/>
        <source>Canopy field</source>
        <translation>郁闭度字段</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="288"/>
        <source>Erosion region</source>
        <translation>侵蚀类型区</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="289"/>
        <source>Tolerance</source>
        <translation>容许流失量</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="317"/>
        <source>Analyse parcels</source>
        <translation>图斑分析</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="317"/>
        <source>SBPlanner</source>
        <translation>SBPlanner</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="318"/>
        <source>Erosion class</source>
        <translation>侵蚀强度</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="319"/>
        <source>Slope class</source>
        <translation>坡度分级</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="332"/>
        <source>Show parcels by</source>
        <translation>图斑显示依据</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="340"/>
        <source>Click a header to sort; Ctrl+C copies the selected rows.</source>
        <translation>单击表头可排序；Ctrl+C 复制所选行。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="365"/>
        <source>Analyse and summarise</source>
        <translation>分析与汇总</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="791"/>
        <source>not set</source>
        <translation>未设置</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="536"/>
        <source>Choose the land-use field.</source>
        <translation>请选择地类编码字段。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="536"/>
        <source>Choose a parcel layer.</source>
        <translation>请选择图斑图层。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="560"/>
        <source>The land-use table of SBPlanner is not available; reinstall the plugin.</source>
        <translation>SBPlanner 的地类表不可用，请重新安装插件。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="872"/>
        <source>Mapping not used: {0}</source>
        <translation>未使用编码对照表：{0}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="574"/>
        <source>First {0} of {1} parcels.</source>
        <translation>{1} 个图斑中的前 {0} 个。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="575"/>
        <source>{0} code(s) in {1} parcel(s).</source>
        <translation>{1} 个图斑中共 {0} 种编码。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="577"/>
        <source>{0} code(s) in {1} parcel(s) are not mapped to GB/T 21010: {2}</source>
        <translation>{1} 个图斑中有 {0} 种编码未对照到 GB/T 21010：{2}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="918"/>
        <source>Choose a parcel polygon layer.</source>
        <translation>请选择图斑面图层。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="921"/>
        <source>Choose a DEM raster layer.</source>
        <translation>请选择 DEM 栅格图层。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="926"/>
        <source>Enter the custom slope breaks in degrees, e.g. 5,15,25.</source>
        <translation>请输入自定义坡度分级界限（°），如 5,15,25。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="929"/>
        <source>Enter the rainfall erosivity R or choose an R raster.</source>
        <translation>请输入降雨侵蚀力因子 R，或选择 R 栅格。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="933"/>
        <source>Enter the soil erodibility K or choose a K raster or field.</source>
        <translation>请输入土壤可蚀性因子 K，或选择 K 栅格或 K 字段。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="1006"/>
        <source>the parcels layer was not written into the plan</source>
        <translation>图斑图层未写入规划成果库</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="1023"/>
        <source>{0} parcel(s) analysed; summarising per watershed…</source>
        <translation>已分析 {0} 个图斑；正在按小流域汇总…</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="1057"/>
        <source>The watershed summary could not start: {0}</source>
        <translation>无法启动小流域汇总：{0}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="1067"/>
        <source>Parcels analysed; no watershed summary was written.</source>
        <translation>图斑分析完成；未写入小流域汇总。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="1071"/>
        <source>{0} parcel(s) analysed and {1} summary row(s) saved in the plan.</source>
        <translation>已分析 {0} 个图斑，{1} 行汇总结果已保存到规划成果库。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="1104"/>
        <source>Indicators per watershed (SWC rate, forest and grass cover)</source>
        <translation>各小流域指标（水土保持率、林草覆盖率）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="1105"/>
        <source>D.0.5 soil-erosion status</source>
        <translation>D.0.5 水土流失现状</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="1106"/>
        <source>D.0.10 land slope composition</source>
        <translation>D.0.10 土地坡度组成</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="1107"/>
        <source>D.0.11 sloping-cropland slope composition</source>
        <translation>D.0.11 坡耕地坡度组成</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="1108"/>
        <source>Land use by slope class</source>
        <translation>各坡度级土地利用</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="220"/>
        <source>Optional: parcel field with the village code (third land survey ZLDWDM / QSDWDM) for tables per village</source>
        <translation>可选：图斑中的村级代码字段（三调 ZLDWDM / QSDWDM），用于按行政村输出汇总表</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="227"/>
        <source>Village field</source>
        <translation>行政村字段</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="1109"/>
        <source>Indicators per village</source>
        <translation>按行政村的指标</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="1110"/>
        <source>D.0.5 soil-erosion status per village</source>
        <translation>按行政村的 D.0.5 水土流失现状</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="1111"/>
        <source>D.0.10 land slope composition per village</source>
        <translation>按行政村的 D.0.10 土地坡度组成</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="1112"/>
        <source>D.0.11 sloping-cropland slope composition per village</source>
        <translation>按行政村的 D.0.11 坡耕地坡度组成</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="1113"/>
        <source>Land use by slope class per village</source>
        <translation>按行政村的地类 × 坡度分级</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="253"/>
        <source>none given: cropland T = 1 (bare fallow)</source>
        <translation>未指定：耕地 T = 1（裸露休闲地）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="262"/>
        <source>Cropping-system zone: sets the tillage factor T of cropland (t_zones.csv)</source>
        <translation>轮作制度分区：决定耕地的耕作措施因子 T（t_zones.csv）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="290"/>
        <source>Cropping zone</source>
        <translation>轮作制度分区</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="351"/>
        <source>Demo project: illustrative only. R, K and vegetation cover are assumptions (see resources/demo/youwuzhen/README.md), not survey data; the rates are not Changting&apos;s published state.</source>
        <translation>示例项目：仅供演示。R、K 和植被覆盖度均为假设值（见 resources/demo/youwuzhen/README.md），并非调查数据；计算出的比率不代表长汀县公布的水土保持状况。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="1032"/>
        <source>CSLE factors (value — source):</source>
        <translation>CSLE 因子（取值 — 来源）：</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="1073"/>
        <source>Check the factors: {0} warning(s) below.</source>
        <translation>请检查因子：下方有 {0} 条警告。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="1114"/>
        <source>CSLE factor values and sources</source>
        <translation>CSLE 因子取值与来源</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="175"/>
        <source>二调 codes (GB/T 21010-2007: 101 铁路用地) and 三调 codes (2017: 0101 水田) share digits; 'Automatic' detects the vintage from the codes and the field names.</source>
        <translation>二调编码（GB/T 21010—2007：101 铁路用地）与三调编码（2017：0101 水田）数字相同而含义不同；“自动”根据编码和字段名判定版本。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="189"/>
        <source>Code vintage</source>
        <translation>编码版本</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="476"/>
        <source>Automatic (detect)</source>
        <translation>自动（识别）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="1022"/>
        <source>Last run: {0}</source>
        <translation>上次运行：{0}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="1079"/>
        <source>Warning: {0} parcel(s) lie wholly outside the DEM: they have no numbers and are not counted in the rates.</source>
        <translation>警告：{0} 个图斑完全位于 DEM 之外：没有计算结果，不计入各项比率。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="120"/>
        <source>Computes slope and soil loss of every land-use parcel with the Chinese Soil Loss Equation A = R·K·L·S·B·E·T, grades the erosion intensity and summarises each small watershed (eroded area, conservation rate, slope composition). Set R, K and the vegetation cover first.</source>
        <translation>用中国土壤流失方程 A = R·K·L·S·B·E·T 计算每个地类图斑的坡度和土壤流失量，划分侵蚀强度，并按小流域汇总（水土流失面积、水土保持率、坡度组成）。请先设置 R、K 和植被覆盖度。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="129"/>
        <source>CSLE (Liu Baoyuan et al. 2002); SL 190-2007 erosion intensity classes and tolerable soil loss; GB/T 21010-2017 land-use codes; slope classes of SL/T 447 Appendix D.</source>
        <translation>中国土壤流失方程 CSLE（刘宝元等，2002）；SL 190-2007《土壤侵蚀分类分级标准》的侵蚀强度分级与容许土壤流失量；GB/T 21010-2017 地类编码；SL/T 447 附录 D 的坡度分级。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="229"/>
        <source>Slope classes and summary units</source>
        <translation>坡度分级与统计单元</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="116"/>
        <source>Parcels and erosion</source>
        <translation>图斑分析</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="136"/>
        <source>SBPlanner – 2 Parcels</source>
        <translation>SBPlanner – 2 图斑</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="373"/>
        <source>Per watershed (soil-erosion status, D.0.5 shares in %):</source>
        <translation>各小流域水土流失现状（D.0.5，各强度面积占比 %）：</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="464"/>
        <source>SL 190 surface erosion (5/8/15/25/35°)</source>
        <translation>SL 190 面蚀（5/8/15/25/35°）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="464"/>
        <source>SL/T 447 D.0.10 land slope composition (5/15/25/35°)</source>
        <translation>SL/T 447 D.0.10 土地坡度组成（5/15/25/35°）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="464"/>
        <source>SL/T 447 D.0.11 sloping cropland (5/10/15/25°)</source>
        <translation>SL/T 447 D.0.11 坡耕地（5/10/15/25°）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="464"/>
        <source>Land survey GDPDJB (2/6/15/25°)</source>
        <translation>三调 GDPDJB（2/6/15/25°）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="476"/>
        <source>3rd land survey / GB/T 21010-2017</source>
        <translation>三调 / GB/T 21010—2017</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="476"/>
        <source>2nd land survey / GB/T 21010-2007</source>
        <translation>二调 / GB/T 21010—2007</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="196"/>
        <source>Map unmapped codes…</source>
        <translation>对照未识别编码…</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="197"/>
        <source>Map each code GB/T 21010 does not know to a code of the table and save the mapping as a CSV</source>
        <translation>将 GB/T 21010 中没有的编码逐一对照到表中的地类，并将对照关系保存为 CSV</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="269"/>
        <source>Look up…</source>
        <translation>查表…</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="266"/>
        <source>R by region from the shipped table r_factor_regions.csv (with its source)</source>
        <translation>按地区从自带表格 r_factor_regions.csv 查取 R（附来源）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="270"/>
        <source>K by soil type from the shipped table k_soil_types.csv (with its source)</source>
        <translation>按土壤类型从自带表格 k_soil_types.csv 查取 K（附来源）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="298"/>
        <source>Parameter tables…</source>
        <translation>参数表…</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="299"/>
        <source>View the parameter tables with their sources, edit a copy, or reset it to the shipped table</source>
        <translation>查看参数表及其来源，编辑副本，或恢复为自带表格</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="302"/>
        <source>Factors: value, unit and source</source>
        <translation>因子：数值、单位与来源</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="306"/>
        <source>Look up R…</source>
        <translation>查 R 值…</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="308"/>
        <source>Look up K…</source>
        <translation>查 K 值…</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="324"/>
        <source>Add the soil-loss raster to the map</source>
        <translation>将侵蚀强度分布图加入地图</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="325"/>
        <source>Also write the soil loss of every DEM cell (t/(km²·a)) as a GeoTIFF beside the plan and show it by the SL 190 erosion classes (the erosion intensity map)</source>
        <translation>同时将每个 DEM 栅格单元的土壤流失量（t/(km²·a)）写为 GeoTIFF（与规划成果库同目录），并按 SL 190 侵蚀强度分级显示（侵蚀强度分布图）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="616"/>
        <source>your value</source>
        <translation>用户输入</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="616"/>
        <source>your data</source>
        <translation>用户数据</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="639"/>
        <source>R rainfall erosivity</source>
        <translation>R 降雨侵蚀力</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="700"/>
        <source>raster {0}</source>
        <translation>栅格 {0}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="654"/>
        <source>raster layer (replaces the number)</source>
        <translation>栅格图层（替代数值）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="752"/>
        <source>typed in</source>
        <translation>手工输入</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="752"/>
        <source>number typed in the dock</source>
        <translation>在面板中输入的数值</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="638"/>
        <source>the run stops — enter R, look it up or choose an R raster</source>
        <translation>运行将中止 —— 请输入 R、查表或选择 R 栅格</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="672"/>
        <source>K soil erodibility</source>
        <translation>K 土壤可蚀性</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="707"/>
        <source>field {0}</source>
        <translation>字段 {0}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="642"/>
        <source>parcel field (replaces number and raster)</source>
        <translation>图斑字段（替代数值和栅格）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="671"/>
        <source>the run stops — enter K, look it up, or choose a K raster or field</source>
        <translation>运行将中止 —— 请输入 K、查表，或选择 K 栅格或字段</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="676"/>
        <source>L·S slope length and steepness</source>
        <translation>L·S 坡长坡度</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="676"/>
        <source>from the DEM, per cell</source>
        <translation>由 DEM 逐栅格计算</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="676"/>
        <source>CSLE L (LS_TOOL, flow paths) and S (three-piece formula), domain reference §3.4–3.5</source>
        <translation>CSLE 坡长因子 L（LS_TOOL，沿水流路径）与坡度因子 S（三段式公式），领域参考 §3.4–3.5</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="689"/>
        <source>B biological measures</source>
        <translation>B 生物措施</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="689"/>
        <source>by land use</source>
        <translation>按土地利用</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="689"/>
        <source>b_factor.csv, slr_coefficients.csv (soil-loss ratio, §3.6)</source>
        <translation>b_factor.csv、slr_coefficients.csv（土壤流失比，§3.6）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="700"/>
        <source>raster layer, per cell</source>
        <translation>栅格图层，逐栅格</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="707"/>
        <source>parcel fields</source>
        <translation>图斑字段</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="709"/>
        <source>the run uses the default cover and canopy per land use of b_factor.csv</source>
        <translation>运行时采用 b_factor.csv 中各地类的默认覆盖度和郁闭度</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="714"/>
        <source>Vegetation cover</source>
        <translation>植被覆盖度</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="721"/>
        <source>1; {0:g} on terraced cropland ({1})</source>
        <translation>1；梯田耕地 {0:g}（{1}）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="722"/>
        <source>E engineering measures</source>
        <translation>E 工程措施</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="722"/>
        <source>e_factor.csv: 1 without measures; the value of terraced cropland (GDLX = TT)</source>
        <translation>e_factor.csv：无措施为 1；梯田耕地（GDLX = TT）取表中值</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="749"/>
        <source>T tillage measures</source>
        <translation>T 耕作措施</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="748"/>
        <source>no cropping zone: T = 1 on cropland (bare fallow, inflates its soil loss)</source>
        <translation>未选轮作制度分区：耕地 T = 1（裸地休闲值，耕地土壤流失量偏大）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="768"/>
        <source>T0 allowable soil loss</source>
        <translation>T0 容许土壤流失量</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="784"/>
        <source>Factor</source>
        <translation>因子</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="784"/>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="784"/>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="784"/>
        <source>Confidence</source>
        <translation>可信度</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="789"/>
        <source>Source: {0}</source>
        <translation>来源：{0}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="813"/>
        <source>Rainfall erosivity R by region</source>
        <translation>按地区查取降雨侵蚀力 R</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="817"/>
        <source>Soil erodibility K by soil type</source>
        <translation>按土壤类型查取土壤可蚀性 K</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="825"/>
        <source>{0} cannot be read: {1}</source>
        <translation>无法读取 {0}：{1}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="827"/>
        <source>First-look values, not survey data: for a plan use the provincial erosion-monitoring R and K rasters. Edit or extend the table through Parameter tables…</source>
        <translation>仅供初步估算，并非调查数据：编制规划请使用省级水土流失动态监测的 R、K 栅格。可通过“参数表…”编辑或补充此表。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="1014"/>
        <source>Soil loss t/(km²·a)</source>
        <translation>土壤流失量 t/(km²·a)</translation>
    </message>
</context>
<context>
    <name>ParcelsTables</name>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_tables.py" line="171"/>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_tables.py" line="171"/>
        <source>(empty)</source>
        <translation>（空）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_tables.py" line="172"/>
        <source>Parcels</source>
        <translation>图斑</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_tables.py" line="173"/>
        <source>GB/T 21010</source>
        <translation>GB/T 21010 编码</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_tables.py" line="237"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_tables.py" line="174"/>
        <source>unmapped</source>
        <translation>未对照</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_tables.py" line="175"/>
        <source>Group</source>
        <translation>地类组</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_tables.py" line="185"/>
        <source>Watershed</source>
        <translation>小流域</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_tables.py" line="186"/>
        <source>Land km²</source>
        <translation>土地面积 km²</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_tables.py" line="187"/>
        <source>Eroded km²</source>
        <translation>水土流失面积 km²</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_tables.py" line="190"/>
        <source>Mean t/(km²·a)</source>
        <translation>平均侵蚀模数 t/(km²·a)</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_tables.py" line="191"/>
        <source>Unrecognised land use km²</source>
        <translation>未识别地类 km²</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_tables.py" line="181"/>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_tables.py" line="188"/>
        <source>SWC rate %</source>
        <translation>水土保持率 %</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_tables.py" line="189"/>
        <source>Forest-grass cover %</source>
        <translation>林草覆盖率 %</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_tables.py" line="224"/>
        <source>confirmed</source>
        <translation>已核实</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_tables.py" line="225"/>
        <source>partly confirmed</source>
        <translation>部分核实</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_tables.py" line="226"/>
        <source>unverified</source>
        <translation>未核实</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_tables.py" line="227"/>
        <source>derived</source>
        <translation>推导值</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_tables.py" line="228"/>
        <source>proposal</source>
        <translation>建议值</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_tables.py" line="231"/>
        <source>, </source>
        <translation>、</translation>
    </message>
</context>
<context>
    <name>QuantitiesStep</name>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="184"/>
        <source>The parcels with measures of step 3 (parcels_measures)</source>
        <translation>第 3 步配置了措施的图斑（parcels_measures）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="187"/>
        <source>The DEM of steps 1 and 2: slopes of the terraced parcels, dam sections</source>
        <translation>第 1、2 步的 DEM：用于梯田图斑坡度和坝址断面</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="190"/>
        <source>Optional: administrative village of each parcel (quantities per village)</source>
        <translation>可选：图斑所属行政村（按村统计工程量）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="193"/>
        <source>Optional: implementation year of each parcel (D.0.17 schedule)</source>
        <translation>可选：图斑实施年度（D.0.17 分年度投资）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="195"/>
        <source>Parcels</source>
        <translation>图斑</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="196"/>
        <source>DEM</source>
        <translation>DEM</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="197"/>
        <source>Village field</source>
        <translation>行政村字段</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="198"/>
        <source>Year field</source>
        <translation>实施年度字段</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="199"/>
        <source>Inputs</source>
        <translation>输入</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="204"/>
        <source>by slope (table)</source>
        <translation>按坡度查表</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="205"/>
        <source>Net bench width B; 0 = from the measure&apos;s design parameters, else the slope table</source>
        <translation>田面净宽 B；0 = 取措施设计参数，否则按坡度查表</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="212"/>
        <source>by material</source>
        <translation>按田坎材料</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="210"/>
        <source>Riser face angle α; 0 = the measure's (earth 75°, stone 80°)</source>
        <translation>田坎侧坡角 α；0 = 取措施设计参数（土坎 75°，石坎 80°）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="213"/>
        <source>Riser height limit; 0 = by riser material: earth 2.0 m, stone 2.5 m</source>
        <translation>田坎高度上限；0 = 按田坎材料：土坎 2.0 m，石坎 2.5 m</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="215"/>
        <source>Narrowest workable bench: where even it needs a riser above the limit, the parcel is unsuitable</source>
        <translation>最小可耕作田面宽度：若此宽度下田坎仍超过上限，图斑判为不适宜</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="219"/>
        <source>Bench width B</source>
        <translation>田面宽 B</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="220"/>
        <source>Riser angle α</source>
        <translation>田坎侧坡角 α</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="221"/>
        <source>Riser limit H</source>
        <translation>田坎高上限 H</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="222"/>
        <source>Minimum bench</source>
        <translation>最小田面宽</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="254"/>
        <source>A measure of the catalogue (measures.csv): its formula and parameters</source>
        <translation>措施库（measures.csv）中的措施：计算公式与参数</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="259"/>
        <source>Parameter</source>
        <translation>参数</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="259"/>
        <source>Value</source>
        <translation>取值</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="259"/>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="259"/>
        <source>Confidence</source>
        <translation>可信度</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="269"/>
        <source>Save parameters</source>
        <translation>保存参数</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="270"/>
        <source>Write the edited values into your copy of measures.csv / quantity_params.csv (the next run uses it)</source>
        <translation>将修改的取值写入您的 measures.csv / quantity_params.csv 副本（下次计算时采用）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="275"/>
        <source>Restore defaults</source>
        <translation>恢复默认</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="276"/>
        <source>Remove your copies of the two tables: the shipped values apply</source>
        <translation>删除这两张表的个人副本：恢复使用内置取值</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="282"/>
        <source>Measure parameters and formulas</source>
        <translation>措施参数与计算公式</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="292"/>
        <source>CSV (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="293"/>
        <source>Unit prices (CSV with item, unit, price, source, year, region); empty = unit_prices.csv</source>
        <translation>单价表（CSV，含项目、单位、单价、来源、年份、地区）；留空 = unit_prices.csv</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="302"/>
        <source>Unit prices</source>
        <translation>单价</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="309"/>
        <source>Compute quantities and investment</source>
        <translation>计算工程量与投资</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="309"/>
        <source>SBPlanner</source>
        <translation>SBPlanner</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="310"/>
        <source>Recompute changed</source>
        <translation>重算变更部分</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="325"/>
        <source>Terraced parcels</source>
        <translation>梯田图斑</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="326"/>
        <source>Other measures (parcels)</source>
        <translation>其他措施（图斑）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="327"/>
        <source>Works</source>
        <translation>工程</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="855"/>
        <source>Investment estimate</source>
        <translation>投资估算</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="331"/>
        <source>Select rows to select the parcels on the map; Ctrl+C copies</source>
        <translation>选择行即在地图上选中对应图斑；Ctrl+C 复制</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="334"/>
        <source>Results</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="441"/>
        <source>With B {0:g} m and α {1:g}°, H reaches the {2:g} m riser limit at θ {3:.1f}°.</source>
        <translation>B 为 {0:g} m、α 为 {1:g}° 时，坡度 θ 达到 {3:.1f}° 时 H 达到 {2:g} m 的田坎高度上限。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="445"/>
        <source>B = 0: each parcel takes B from the slope table (the chart shows B 7 m).</source>
        <translation>B = 0：各图斑按坡度查表取 B（图中按 B 7 m 绘制）。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="545"/>
        <source>measures.csv design_params of {0}</source>
        <translation>{0} 在 measures.csv 中的设计参数</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="545"/>
        <source>quantity_params.csv (shared by every measure of this kind)</source>
        <translation>quantity_params.csv（同类措施共用）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="580"/>
        <source>edited in SBPlanner {0}</source>
        <translation>{0} 在 SBPlanner 中修改</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="601"/>
        <source>Saved to {0}. Compute again to apply.</source>
        <translation>已保存到 {0}。重新计算后生效。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="601"/>
        <source>No value changed.</source>
        <translation>没有取值被修改。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="615"/>
        <source>Your copies removed ({0}): the shipped values apply.</source>
        <translation>已删除您的副本（{0}）：恢复使用内置取值。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="615"/>
        <source>You have no edited copies: the shipped values apply.</source>
        <translation>您没有修改过的副本：使用内置取值。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="630"/>
        <source>Choose the parcels with measures (run step 3 first).</source>
        <translation>请选择配置了措施的图斑（先运行第 3 步）。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="633"/>
        <source>The layer {0} has no measures: choose the parcels with measures of step 3.</source>
        <translation>图层 {0} 没有措施：请选择第 3 步配置了措施的图斑。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="641"/>
        <source>Choose the DEM (terrace slopes and dam sections need it).</source>
        <translation>请选择 DEM（梯田坡度和坝址断面需要）。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="762"/>
        <source>Terraces: {0} suitable, {1} narrowed, {2} unsuitable; {3:,.0f} m³ earthwork.</source>
        <translation>梯田：适宜 {0} 块，田面减窄 {1} 块，不适宜 {2} 块；土方 {3:,.0f} m³。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="767"/>
        <source>{0} unchanged parcels kept, {1} recomputed.</source>
        <translation>保留未变化图斑 {0} 块，重算 {1} 块。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="771"/>
        <source>Other measures next…</source>
        <translation>下面计算其他措施…</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="782"/>
        <source>{0} parcels and {1} works with quantities; investment next…</source>
        <translation>已计算 {0} 个图斑和 {1} 处工程的工程量；下面估算投资…</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="797"/>
        <source>Quantities and investment saved in the plan: static total {0:,.2f} × 10⁴ yuan.</source>
        <translation>工程量与投资已保存到规划库：静态总投资 {0:,.2f} 万元。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="801"/>
        <source>INCOMPLETE: {0} items without a unit price.</source>
        <translation>不完整：{0} 项没有单价。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="849"/>
        <source>Terrace quantities</source>
        <translation>梯田工程量</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="850"/>
        <source>Measure quantities</source>
        <translation>措施工程量</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="851"/>
        <source>Works quantities</source>
        <translation>单项工程工程量</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="852"/>
        <source>Terrace items</source>
        <translation>梯田工程量明细</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="853"/>
        <source>Measure items</source>
        <translation>措施工程量明细</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="854"/>
        <source>Dam stage–storage</source>
        <translation>坝库容曲线</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="856"/>
        <source>Investment per small watershed</source>
        <translation>分小流域投资</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="857"/>
        <source>Investment per year</source>
        <translation>分年度投资</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="858"/>
        <source>Funding by source</source>
        <translation>资金筹措</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="859"/>
        <source>Priced items</source>
        <translation>计价明细</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="910"/>
        <source>&lt;b&gt;Other measures&lt;/b&gt;: {0}.</source>
        <translation>&lt;b&gt;其他措施&lt;/b&gt;：{0}。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="918"/>
        <source>&lt;b&gt;Static total investment&lt;/b&gt;: {0:,.2f} × 10⁴ yuan.</source>
        <translation>&lt;b&gt;静态总投资&lt;/b&gt;：{0:,.2f} 万元。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="921"/>
        <source>INCOMPLETE: {0} items have no unit price (see the log).</source>
        <translation>不完整：{0} 项没有单价（见日志）。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="948"/>
        <source>Parcel</source>
        <translation>图斑</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="948"/>
        <source>Watershed</source>
        <translation>小流域</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="935"/>
        <source>Measure</source>
        <translation>措施</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="935"/>
        <source>θ (°)</source>
        <translation>坡度 θ (°)</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="936"/>
        <source>B (m)</source>
        <translation>田面宽 B (m)</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="936"/>
        <source>H (m)</source>
        <translation>田坎高 H (m)</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="937"/>
        <source>Riser share</source>
        <translation>田坎占地率</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="938"/>
        <source>Bench length (m)</source>
        <translation>田面长度 (m)</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="939"/>
        <source>Earthwork (m³)</source>
        <translation>土方 (m³)</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="940"/>
        <source>m³/hm²</source>
        <translation>每公顷土方 (m³/hm²)</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="941"/>
        <source>Masonry (m³)</source>
        <translation>砌石 (m³)</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="942"/>
        <source>Net cropland (hm²)</source>
        <translation>净耕地 (hm²)</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="943"/>
        <source>Suitability</source>
        <translation>适宜性</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="944"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="949"/>
        <source>Measures</source>
        <translation>措施</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="950"/>
        <source>Density (/hm²)</source>
        <translation>密度 (株/hm²)</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="951"/>
        <source>Trees</source>
        <translation>乔木</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="951"/>
        <source>Shrubs</source>
        <translation>灌木</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="952"/>
        <source>Seed (kg)</source>
        <translation>种子 (kg)</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="952"/>
        <source>Pits</source>
        <translation>整地穴</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="953"/>
        <source>Excavation (m³)</source>
        <translation>挖方 (m³)</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="953"/>
        <source>Fence (m)</source>
        <translation>围栏 (m)</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="963"/>
        <source>Basis</source>
        <translation>计算依据</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="961"/>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="961"/>
        <source>Item</source>
        <translation>项目</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="962"/>
        <source>Amount (10⁴ yuan)</source>
        <translation>金额 (万元)</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="963"/>
        <source>Rate (%)</source>
        <translation>费率 (%)</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="127"/>
        <source>植物篱: length = area / strip spacing.</source>
        <translation>植物篱：长度 = 面积 / 带间距。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="130"/>
        <source>沟头防护: earthwork = the design storage W = 10·K·R·F sited in step 3 (蓄水型).</source>
        <translation>沟头防护：土方 = 第 3 步布设的设计蓄水量 W = 10·K·R·F（蓄水型）。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="131"/>
        <source>Roads: length from the line.</source>
        <translation>道路：长度取自线要素。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="133"/>
        <source>Area measure (耕作 and others): the treated area.</source>
        <translation>面积类措施（耕作措施等）：治理面积。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="1058"/>
        <source>suitable</source>
        <translation>适宜</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="1059"/>
        <source>narrowed bench</source>
        <translation>田面减窄</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="1060"/>
        <source>unsuitable</source>
        <translation>不适宜</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="121"/>
        <source>Level terrace (GB/T 16453.1-2008): B = H(cotθ − cotα) ⇔ H = B·sinθ·sinα / sin(α − θ); riser share tanθ / tanα; cut = fill = B·H/8 per metre of bench, haul 2B/3; bench length = horizontal area / (H·cotθ); earthwork per hm² 1250·H. Slope terrace: ridges at spacing B_x = H/sinθ, ridge earthwork only. Interval terrace: the benched share only.</source>
        <translation>水平梯田（GB/T 16453.1-2008）：B = H(cotθ − cotα) ⇔ H = B·sinθ·sinα / sin(α − θ)；田坎占地率 tanθ / tanα；每米田面挖方 = 填方 = B·H/8，运距 2B/3；田面长度 = 水平面积 / (H·cotθ)；每公顷土方 1250·H。坡式梯田：按 B_x = H/sinθ 间距修筑地埂，只计地埂土方。隔坡梯田：只计水平田面部分。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="122"/>
        <source>Density N = 10 000 / (株距 × 行距) per hm²; seedlings = N × area × (1 + replanting rate); one 整地 pit per plant (穴状 π·d²/4 × depth, 鱼鳞坑 π·a·b/4 × depth); seed = rate × area (GB/T 16453.2-2008).</source>
        <translation>密度 N = 10 000 / (株距 × 行距) 株/hm²；苗木量 = N × 面积 × (1 + 补植率)；每株一个整地穴（穴状 π·d²/4 × 深，鱼鳞坑 π·a·b/4 × 深）；种子量 = 播种量 × 面积（GB/T 16453.2-2008）。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="123"/>
        <source>Pits per hm² = 10 000 / (pit spacing × row spacing); excavation 鱼鳞坑 π·a·b/4 × depth, 穴状 π·d²/4 × depth.</source>
        <translation>每公顷穴数 = 10 000 / (穴距 × 行距)；挖方：鱼鳞坑 π·a·b/4 × 深，穴状 π·d²/4 × 深。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="124"/>
        <source>水平沟: length = area / spacing; excavation = (top + bottom)/2 × depth × length (竹节: less the ties).</source>
        <translation>水平沟：长度 = 面积 / 沟距；挖方 = (上口宽 + 底宽)/2 × 深 × 长度（竹节水平沟扣除土挡）。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="125"/>
        <source>水平阶: a narrow terrace, H = b / (cotθ − cotα), cut b·H/8 per metre; length = area / spacing.</source>
        <translation>水平阶：窄式梯田，H = b / (cotθ − cotα)，每米挖方 b·H/8；长度 = 面积 / 阶距。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="126"/>
        <source>封育: fence = perimeter of the closed area (adjacent 封育 parcels share one fence around their union); signs = ⌈signs per km² × km²⌉, at least one; area.</source>
        <translation>封育：围栏 = 封育区周长（相邻封育图斑共用一道外围围栏）；标志牌 = ⌈每 km² 块数 × km²⌉，至少一块；面积。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="128"/>
        <source>截水沟 / 排水沟: excavation = trapezoid section × length; design discharge Q = 0.278·K·I·F (推理公式, GB/T 16453.4-2008); capacity by Manning Q = A·R^(2/3)·S^(1/2) / n; lining = thickness × wetted perimeter × length.</source>
        <translation>截水沟 / 排水沟：挖方 = 梯形断面 × 长度；设计流量 Q = 0.278·K·I·F（推理公式，GB/T 16453.4-2008）；过流能力按曼宁公式 Q = A·R^(2/3)·S^(1/2) / n；衬砌 = 厚度 × 湿周 × 长度。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="129"/>
        <source>蓄水池 / 水窖 / 沉沙池: storage = volume; excavation = volume × factor; lining per m³ of volume.</source>
        <translation>蓄水池 / 水窖 / 沉沙池：蓄水量 = 容积；挖方 = 容积 × 系数；衬砌按每 m³ 容积计。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="132"/>
        <source>Dams: crest length and height from the DEM cross-section at the dam; body volume = (top + bottom)/2 × H × crest length (trapezoid); stage–area–storage curve of the impoundment from the DEM; 淤地坝 class by capacity (SL/T 804-2020).</source>
        <translation>坝：坝顶长度与坝高取自坝址处 DEM 横断面；坝体方量 = (顶宽 + 底宽)/2 × H × 坝顶长（梯形）；库区水位–面积–库容曲线取自 DEM；淤地坝按库容分级（SL/T 804-2020）。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="393"/>
        <source>Parcels with measures</source>
        <translation>已配置措施的图斑</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="881"/>
        <source>&lt;b&gt;Terraces&lt;/b&gt;: none (no parcel of the layout has a terrace as its primary measure).</source>
        <translation>&lt;b&gt;梯田&lt;/b&gt;：无（布局中没有以梯田为主措施的图斑）。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="236"/>
        <source>sbplanner:terrace_layout: contour lines at the interval H, smoothed to the minimum radius, and stakes every N m (CSV and GPX beside the plan)</source>
        <translation>sbplanner:terrace_layout：按高差 H 沿等高线布设田坎线，按最小转弯半径平顺，并每隔 N m 设放样点（CSV 和 GPX 保存在规划库旁）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="240"/>
        <source>Smallest bend radius of an edge line (follow big bends, straighten small ones)</source>
        <translation>田坎线最小转弯半径（大弯就势、小弯取直）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="242"/>
        <source>Distance between stakes along an edge line</source>
        <translation>沿田坎线的放样点间距</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="244"/>
        <source>Minimum radius</source>
        <translation>最小转弯半径</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="245"/>
        <source>Stake spacing</source>
        <translation>放样点间距</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="773"/>
        <source>Terrace layout: {0} edge lines, {1} stakes.</source>
        <translation>梯田放样：田坎线 {0} 条，放样点 {1} 个。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="778"/>
        <source>Stakes for the GNSS receiver: {0}</source>
        <translation>供 GNSS 接收机使用的放样点：{0}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="860"/>
        <source>Terrace edge lines</source>
        <translation>梯田田坎线</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="861"/>
        <source>Terrace stakes</source>
        <translation>梯田放样点</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="786"/>
        <source>Other measures: {0} unchanged parcels kept, {1} recomputed.</source>
        <translation>其他措施：沿用未变图斑 {0} 个，重算 {1} 个。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="235"/>
        <source>Terrace edge lines and GNSS stakes</source>
        <translation>梯田田坎线和 GNSS 放样点</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="311"/>
        <source>After edits in step 3 or of the parameters: parcels and works whose inputs are unchanged keep their quantities, only the changed ones are recomputed</source>
        <translation>在第 3 步或参数修改之后：输入未变的图斑和工程沿用其工程量，只重算变化的部分</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="153"/>
        <source>Computes terrace dimensions and earthwork, the quantities of the other measures and works, and the investment estimate, with the formulas shown. The unit prices are examples: replace them with local ones.</source>
        <translation>计算梯田断面尺寸和土方量、其他措施和工程的工程量以及投资估算，并显示计算公式。单价为示例值，请换成当地单价。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="162"/>
        <source>GB/T 16453.1-2008 terrace cross-section; GB 51018-2014; cost structure of the Ministry of Water Resources&apos; estimate rules (Shuizong [2003] No. 67); SL/T 447 Appendix D.0.16 quantity table.</source>
        <translation>GB/T 16453.1-2008 梯田断面；GB 51018-2014；水总〔2003〕67号《水土保持工程概（估）算编制规定》的费用构成；SL/T 447 附录 D.0.16 工程量汇总表。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="317"/>
        <source>Compute</source>
        <translation>计算</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="149"/>
        <source>Quantities</source>
        <translation>工程量与投资</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="169"/>
        <source>SBPlanner – 4 Quantities</source>
        <translation>SBPlanner – 4 工程量</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="229"/>
        <source>Terraces</source>
        <translation>梯田（坡改梯）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="296"/>
        <source>The shipped unit prices are EXAMPLES: replace them with the county&apos;s norms and price level.</source>
        <translation>内置单价仅为示例：请替换为本县定额和价格水平。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="303"/>
        <source>Investment (MWR estimate rules, 2003)</source>
        <translation>投资估算（水总[2003]67号）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="954"/>
        <source>Labour (man-days)</source>
        <translation>投工 (工日)</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="949"/>
        <source>Site preparation</source>
        <translation>整地规格</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="950"/>
        <source>Spacing (m)</source>
        <translation>株行距 (m)</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/quantities_step.py" line="890"/>
        <source>&lt;b&gt;Terraces&lt;/b&gt;: {0} parcels ({1}), earthwork {2:,.0f} m³, masonry {3:,.0f} m³, labour {4:,.0f} man-days.</source>
        <translation>&lt;b&gt;梯田&lt;/b&gt;：{0} 个图斑（{1}），土方 {2:,.0f} m³，砌石 {3:,.0f} m³，投工 {4:,.0f} 工日。</translation>
    </message>
</context>
<context>
    <name>ReportStep</name>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/report_step.py" line="91"/>
        <source>The scenario whose measures, quantities and benefits are exported</source>
        <translation>导出其措施、工程量与效益的方案</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/report_step.py" line="94"/>
        <source>English</source>
        <translation>英文</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/report_step.py" line="96"/>
        <source>the plan&apos;s file name</source>
        <translation>成果库文件名</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/report_step.py" line="97"/>
        <source>Project name on the cover, the report&apos;s title and the maps</source>
        <translation>封面、报告标题和图件上的项目名称</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/report_step.py" line="100"/>
        <source>Folder of the deliverables (default: a folder beside the plan)</source>
        <translation>设计成果的输出文件夹（默认：成果库旁的文件夹）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/report_step.py" line="102"/>
        <source>Scenario</source>
        <translation>方案</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/report_step.py" line="103"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/report_step.py" line="104"/>
        <source>Project name</source>
        <translation>项目名称</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/report_step.py" line="105"/>
        <source>Output folder</source>
        <translation>输出文件夹</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/report_step.py" line="108"/>
        <source>Open the folder</source>
        <translation>打开文件夹</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/report_step.py" line="115"/>
        <source>Deliverables</source>
        <translation>设计成果</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/report_step.py" line="123"/>
        <source>The SL/T 447 Appendix D tables to write, one sheet each</source>
        <translation>要输出的 SL/T 447 附录 D 表格，每表一个工作表</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/report_step.py" line="124"/>
        <source>All</source>
        <translation>全选</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/report_step.py" line="125"/>
        <source>None</source>
        <translation>全不选</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/report_step.py" line="130"/>
        <source>Write the workbook (.xlsx)</source>
        <translation>输出设计表（.xlsx）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/report_step.py" line="174"/>
        <source>SBPlanner</source>
        <translation>SBPlanner</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/report_step.py" line="132"/>
        <source>A sheet of the written workbook, shown as written</source>
        <translation>已输出工作簿中的一个工作表，按输出样式显示</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/report_step.py" line="152"/>
        <source>A3 landscape</source>
        <translation>A3 横向</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/report_step.py" line="152"/>
        <source>A4 landscape</source>
        <translation>A4 横向</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/report_step.py" line="152"/>
        <source>A3 portrait</source>
        <translation>A3 纵向</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/report_step.py" line="152"/>
        <source>A4 portrait</source>
        <translation>A4 纵向</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/report_step.py" line="158"/>
        <source>Write the map atlas (.pdf)</source>
        <translation>输出图集（.pdf）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/report_step.py" line="160"/>
        <source>Page size</source>
        <translation>页面大小</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/report_step.py" line="170"/>
        <source>Word document (*.docx)</source>
        <translation>Word 文档 (*.docx)</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/report_step.py" line="171"/>
        <source>Optional: your institute&apos;s .docx template (its styles are used); empty = SBPlanner&apos;s</source>
        <translation>可选：本单位的 .docx 模板（使用其样式）；留空则使用 SBPlanner 模板</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/report_step.py" line="174"/>
        <source>Write the report (.docx)</source>
        <translation>输出报告（.docx）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/report_step.py" line="175"/>
        <source>The report inserts the atlas&apos;s whole-area maps when the atlas was written first (Make all does).</source>
        <translation>先输出图集时，报告会插入图集的全区图件（一键生成即按此顺序）。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/report_step.py" line="180"/>
        <source>Template</source>
        <translation>模板</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/report_step.py" line="306"/>
        <source>The output folder {0} cannot be made: {1}</source>
        <translation>无法创建输出文件夹 {0}：{1}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/report_step.py" line="325"/>
        <source>Tick at least one table.</source>
        <translation>请至少勾选一个表格。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/report_step.py" line="342"/>
        <source>Tick at least one map type.</source>
        <translation>请至少勾选一种图件。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/report_step.py" line="389"/>
        <source>Not made: {0}</source>
        <translation>未生成：{0}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/report_step.py" line="395"/>
        <source>Written: {0}</source>
        <translation>已输出：{0}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/report_step.py" line="404"/>
        <source>({0} pages)</source>
        <translation>（共 {0} 页）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/report_step.py" line="425"/>
        <source>The layouts could not be loaded into the project: {0}</source>
        <translation>无法将布局载入项目：{0}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/report_step.py" line="426"/>
        <source>{0} layouts loaded into the project (Project ▸ Layouts).</source>
        <translation>已将 {0} 个布局载入项目（项目 ▸ 布局）。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/report_step.py" line="106"/>
        <source>Make all three</source>
        <translation>一键生成三项成果</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/report_step.py" line="107"/>
        <source>The atlas, then the report (with the atlas&apos;s maps), then the workbook</source>
        <translation>依次生成图集、报告（插入图集图件）和设计表</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/report_step.py" line="139"/>
        <source>1 Design tables (SL/T 447, Excel)</source>
        <translation>1 设计表格（SL/T 447，Excel）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/report_step.py" line="150"/>
        <source>The map types of the atlas: one page per small watershed and map type</source>
        <translation>图集的图种：每个小流域每种图一页</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/report_step.py" line="154"/>
        <source>Load the layouts into the project</source>
        <translation>将布局载入项目</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/report_step.py" line="155"/>
        <source>Also add the atlas layouts to this project (Project ▸ Layouts), to finish them by hand</source>
        <translation>同时将图集布局加入本项目（项目 ▸ 布局），便于手工完善</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/report_step.py" line="161"/>
        <source>2 Map atlas (PDF)</source>
        <translation>2 图集（PDF）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/report_step.py" line="70"/>
        <source>Writes the deliverables of the plan: the design tables (.xlsx), the Word report (.docx) and the PDF map atlas of one scenario.</source>
        <translation>输出规划成果：某一方案的设计表格（.xlsx）、Word 报告（.docx）和 PDF 图集。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/report_step.py" line="78"/>
        <source>SL/T 447-2026 Appendix D design tables; GB/T 15772-2008 (general rules for comprehensive-control planning): contents and maps of a plan.</source>
        <translation>SL/T 447-2026 附录 D 设计表格；GB/T 15772-2008《水土保持综合治理 规划通则》：规划的内容与图件。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/report_step.py" line="66"/>
        <source>Tables and report</source>
        <translation>表格与报告</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/report_step.py" line="93"/>
        <source>Chinese (SL/T 447 headers)</source>
        <translation>中文（SL/T 447 表头）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/report_step.py" line="181"/>
        <source>3 Word report (implementation plan)</source>
        <translation>3 Word 报告（实施方案）</translation>
    </message>
</context>
<context>
    <name>RunPanel</name>
    <message>
        <location filename="../sbplanner_plugin/gui/run_panel.py" line="36"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/run_panel.py" line="102"/>
        <source>Running…</source>
        <translation>正在运行…</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/run_panel.py" line="134"/>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/run_panel.py" line="150"/>
        <source>Done.</source>
        <translation>完成。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/run_panel.py" line="183"/>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/run_panel.py" line="173"/>
        <source>… and {0} more warnings: see the Processing log.</source>
        <translation>……另有 {0} 条警告，请查看处理日志。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/run_panel.py" line="114"/>
        <source>Stage {0} of {1}: {2}</source>
        <translation>第 {0}/{1} 阶段：{2}</translation>
    </message>
</context>
<context>
    <name>SbAlgorithm</name>
    <message>
        <location filename="../sbplanner_plugin/processing/base.py" line="320"/>
        <source>1 · Small watersheds</source>
        <translation>1 · 小流域划分</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/base.py" line="341"/>
        <source>Not enough memory for this DEM; clip it to the area of interest or use a coarser resolution.</source>
        <translation>内存不足，无法处理此 DEM；请将其裁剪到研究区范围，或改用较低的分辨率。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/base.py" line="538"/>
        <source>The DEM is in a geographic CRS; it was reprojected for true areas and lengths:</source>
        <translation>DEM 采用地理坐标系，为得到真实的面积和长度已将其重投影：</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/base.py" line="558"/>
        <source>DEM: {0} × {1} cells of {2:g} m</source>
        <translation>DEM：{0} × {1} 个像元，像元大小 {2:g} m</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/base.py" line="545"/>
        <source>The DEM&apos;s geotransform is rotated; it was resampled north-up at {0:g} m (bilinear).</source>
        <translation>DEM 的地理变换带旋转，已按 {0:g} m 像元重采样为正北朝上（双线性）。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/base.py" line="551"/>
        <source>{0} DEM cells hold an infinite value; they are treated as nodata.</source>
        <translation>DEM 中有 {0} 个像元为无穷大值，已按无数据处理。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/adapters/output_checks.py" line="15"/>
        <source>its folder does not exist</source>
        <translation>其所在文件夹不存在</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/adapters/output_checks.py" line="16"/>
        <source>its folder is a file, not a folder</source>
        <translation>其所在“文件夹”是一个文件，而不是文件夹</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/adapters/output_checks.py" line="17"/>
        <source>its folder is read-only (no file can be created there)</source>
        <translation>其所在文件夹为只读（无法在其中创建文件）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/adapters/output_checks.py" line="18"/>
        <source>the file exists and is read-only</source>
        <translation>该文件已存在且为只读</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/adapters/output_checks.py" line="19"/>
        <source>it is a folder, not a file</source>
        <translation>它是一个文件夹，而不是文件</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/base.py" line="470"/>
        <source>Cannot write the output {0}: {1}</source>
        <translation>无法写入输出 {0}：{1}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/base.py" line="453"/>
        <source>{0} is an SBPlanner plan; a raster cannot be written into it. Choose a .tif file.</source>
        <translation>{0} 是一个 SBPlanner 规划文件，不能把栅格写入其中。请选择一个 .tif 文件。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/base.py" line="464"/>
        <source>{0} is an SBPlanner plan: only its layer “{1}” is written; the other layers are kept.</source>
        <translation>{0} 是一个 SBPlanner 规划文件：只写入其中的图层“{1}”，其他图层保持不变。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/base.py" line="461"/>
        <source>The plan&apos;s current scenario is {0}.</source>
        <translation>规划的当前方案为 {0}。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/base.py" line="115"/>
        <source>Plan (GeoPackage, or postgres:&lt;dsn&gt; schema=&lt;name&gt;)</source>
        <translation>规划（GeoPackage，或 postgres:&lt;dsn&gt; schema=&lt;名称&gt;）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/adapters/output_checks.py" line="20"/>
        <source>it is a file, not a folder</source>
        <translation>它是文件，不是文件夹</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/base.py" line="115"/>
        <source>GeoPackage (*.gpkg)</source>
        <translation>GeoPackage 文件 (*.gpkg)</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/base.py" line="392"/>
        <source>no description</source>
        <translation>无说明</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/base.py" line="393"/>
        <source>{0} stopped on an unexpected problem: {1}. The details are in the QGIS message log (SBPlanner); please report them.</source>
        <translation>{0} 因意外问题而中止：{1}。详情见 QGIS 消息日志（SBPlanner）；请报告此问题。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/base.py" line="570"/>
        <source>The DEM&apos;s rows run south-up (or its columns east to west); it was turned north-up (no resampling).</source>
        <translation>DEM 的行由南向北排列（或列由东向西排列）；已翻转为北向上（未重采样）。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/base.py" line="572"/>
        <source>{0} DEM cells hold NaN without NaN being the DEM&apos;s nodata value; they are treated as nodata.</source>
        <translation>{0} 个 DEM 像元为 NaN，但 DEM 的无数据值并非 NaN；这些像元按无数据处理。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/base.py" line="574"/>
        <source>{0} DEM cells hold elevations below −1000 m or above 9000 m (e.g. {1:g}), an unflagged nodata value; they are treated as nodata.</source>
        <translation>{0} 个 DEM 像元的高程低于 −1000 米或高于 9000 米（如 {1:g}），是未标记的无数据值；这些像元按无数据处理。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/base.py" line="576"/>
        <source>The DEM's vertical coordinate system measures elevations in {0}; they were converted to metres (× {1:g}).</source>
        <translation>DEM 的垂直坐标系以 {0} 计量高程；高程已换算为米（× {1:g}）。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/base.py" line="268"/>
        <source>{0} geometries of the output {1} are not of its type ({2}); nothing was written.</source>
        <translation>输出 {1} 中有 {0} 个几何不是该图层的类型（{2}）；未写出任何结果。</translation>
    </message>
</context>
<context>
    <name>SbPlannerDefinitions</name>
    <message>
        <location filename="../sbplanner_plugin/core/definitions.py" line="37"/>
        <source>Southern red-soil hilly region</source>
        <translation>南方红壤丘陵区</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/definitions.py" line="37"/>
        <source>Southwestern rocky mountain region</source>
        <translation>西南土石山区</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/definitions.py" line="37"/>
        <source>Northwestern Loess Plateau</source>
        <translation>西北黄土高原区</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/definitions.py" line="37"/>
        <source>Northeastern black-soil region</source>
        <translation>东北黑土区</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/definitions.py" line="37"/>
        <source>Northern rocky mountain region</source>
        <translation>北方土石山区</translation>
    </message>
</context>
<context>
    <name>SbPlannerDemo</name>
    <message>
        <location filename="../sbplanner_plugin/demo/run_demo.py" line="179"/>
        <source>Inputs</source>
        <translation>输入数据</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/demo/run_demo.py" line="180"/>
        <source>Outlet (input)</source>
        <translation>出口点（输入）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/demo/run_demo.py" line="181"/>
        <source>Hillshade</source>
        <translation>山体阴影</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/demo/run_demo.py" line="182"/>
        <source>DEM {0:g} m (elevation)</source>
        <translation>DEM {0:g} m（高程）</translation>
    </message>
</context>
<context>
    <name>SbPlannerDock</name>
    <message>
        <location filename="../sbplanner_plugin/gui/dock.py" line="349"/>
        <source>GeoPackage (*.gpkg)</source>
        <translation>GeoPackage (*.gpkg)</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/dock.py" line="172"/>
        <source>Plan GeoPackage</source>
        <translation>规划成果库 (GeoPackage)</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/dock.py" line="173"/>
        <source>All results of the plan are saved in this GeoPackage.</source>
        <translation>规划的全部成果都保存在此 GeoPackage 中。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/dock.py" line="190"/>
        <source>Plan</source>
        <translation>成果库</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/dock.py" line="300"/>
        <source>Choose the plan GeoPackage (top of the panel) where the results are saved.</source>
        <translation>请在面板顶部选择保存成果的规划成果库 (GeoPackage)。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/dock.py" line="302"/>
        <source>The folder of the plan GeoPackage does not exist: {0}</source>
        <translation>规划成果库 (GeoPackage) 所在的文件夹不存在：{0}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/dock.py" line="326"/>
        <source>SBPlanner is incomplete (plan store module missing); reinstall the plugin.</source>
        <translation>SBPlanner 安装不完整（缺少规划成果库模块），请重新安装插件。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/dock.py" line="329"/>
        <source>The plan GeoPackage cannot be opened or created: {0}</source>
        <translation>无法打开或创建规划成果库 (GeoPackage)：{0}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/dock.py" line="474"/>
        <source>SBPlanner</source>
        <translation>SBPlanner</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/dock.py" line="423"/>
        <source>Scenario {0}: steps 3–5 now work on it.</source>
        <translation>方案 {0}：第 3–5 步现在使用该方案。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/dock.py" line="176"/>
        <source>Save a copy…</source>
        <translation>另存副本…</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/dock.py" line="177"/>
        <source>Save a complete copy of the plan, consistent even while it is open, to mail or archive it.</source>
        <translation>保存规划的完整副本（即使规划正在打开或写入也保持一致），用于发送或归档。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/dock.py" line="344"/>
        <source>Choose the plan GeoPackage first.</source>
        <translation>请先选择规划 GeoPackage 文件。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/dock.py" line="349"/>
        <source>Save a copy of the plan</source>
        <translation>保存规划副本</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/dock.py" line="361"/>
        <source>No copy of the plan was saved: {0}</source>
        <translation>规划副本未能保存：{0}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/dock.py" line="363"/>
        <source>A copy of the plan was saved: {0}</source>
        <translation>规划副本已保存：{0}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/dock.py" line="174"/>
        <source>Choose or create the plan GeoPackage (.gpkg)</source>
        <translation>选择或新建规划成果库（.gpkg）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/dock.py" line="463"/>
        <source>The results of step {0} are based on an older {1} (step {2}): run it again.</source>
        <translation>步骤 {0} 的结果基于旧的{1}（步骤 {2}），请重新运行。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/dock.py" line="466"/>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/dock.py" line="467"/>
        <source>The results of steps {0} are based on an older {1} (step {2}): run them again.</source>
        <translation>步骤 {0} 的结果基于旧的{1}（步骤 {2}），请重新运行。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/dock.py" line="162"/>
        <source>SBPlanner / Small-watershed planning</source>
        <translation>SBPlanner / 小流域治理规划</translation>
    </message>
</context>
<context>
    <name>SbPlannerErrors</name>
    <message>
        <location filename="../sbplanner_plugin/core/errors.py" line="68"/>
        <source>The DEM has no coordinate reference system; assign one (Layer Properties ▸ Source) and run again.</source>
        <translation>DEM 没有坐标参考系；请先指定坐标参考系（图层属性 ▸ 源），然后重新运行。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/errors.py" line="87"/>
        <source>The DEM holds no valid elevation (every cell is nodata).</source>
        <translation>DEM 中没有有效高程值（所有像元均为 NoData）。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/errors.py" line="92"/>
        <source>The DEM has only {rows} × {cols} cells; at least 3 × 3 valid cells are needed.</source>
        <translation>DEM 只有 {rows} × {cols} 个像元；至少需要 3 × 3 个有效像元。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/errors.py" line="109"/>
        <source>The outlet layer holds no points.</source>
        <translation>出口点图层中没有点要素。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/errors.py" line="114"/>
        <source>Outlet {outlet} at ({x:.1f}, {y:.1f}) lies outside the valid DEM area.</source>
        <translation>出口点 {outlet}（{x:.1f}, {y:.1f}）位于 DEM 有效范围之外。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/errors.py" line="121"/>
        <source>The boundary layer does not overlap the valid DEM area.</source>
        <translation>划分范围图层与 DEM 有效范围不重叠。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/errors.py" line="126"/>
        <source>Invalid value for {name}: {value} ({reason}).</source>
        <translation>{name} 的取值无效：{value}（{reason}）。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/errors.py" line="131"/>
        <source>Cancelled by the user.</source>
        <translation>已被用户取消。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/errors.py" line="136"/>
        <source>The DEM &apos;{path}&apos; cannot be read as a raster.</source>
        <translation>无法将 DEM“{path}”读取为栅格数据。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/params.py" line="304"/>
        <source>Parameter table {file}, line {line}, column &apos;{column}&apos;: {problem}</source>
        <translation>参数表 {file} 第 {line} 行“{column}”列：{problem}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/parcels.py" line="73"/>
        <source>The parcel layer has no land-use field (DLBM or similar); choose one in &apos;Land-use field&apos;.</source>
        <translation>图斑图层没有地类编码字段（DLBM 或类似字段）；请在“地类编码字段”中选择。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/parcels.py" line="80"/>
        <source>The parcel layer holds no polygons with a geometry.</source>
        <translation>图斑图层中没有带几何的面要素。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/parcels.py" line="106"/>
        <source>Give the {factor} factor as a number greater than 0 or as a raster.</source>
        <translation>请将 {factor} 因子设为大于 0 的数值或指定栅格。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/adapters/plan_store_common.py" line="135"/>
        <source>The plan {path} cannot be used: {reason}</source>
        <translation>规划成果库 {path} 无法使用：{reason}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/adapters/plan_store_common.py" line="140"/>
        <source>The plan {path} was saved by a newer SBPlanner (plan format {found}; this version reads up to {supported}). Update the plugin to open it; the plan was not changed.</source>
        <translation>规划成果库 {path} 由更新版本的 SBPlanner 保存（成果库格式版本 {found}；当前版本最高只能读取版本 {supported}）。请升级插件后再打开；该成果库未作任何改动。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/adapters/plan_store_common.py" line="148"/>
        <source>The file {path} is not a GeoPackage; choose another plan file or a new file name.</source>
        <translation>文件 {path} 不是 GeoPackage；请选择其他规划成果库文件或输入新的文件名。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/adapters/plan_store_common.py" line="155"/>
        <source>The edit of layer {layer} was not saved (nothing was changed): {reason}</source>
        <translation>图层 {layer} 的编辑未能保存（未作任何更改）：{reason}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/division.py" line="285"/>
        <source>need 0 ≤ minimum &lt; maximum</source>
        <translation>须满足 0 ≤ 最小值 &lt; 最大值</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/quantities/layout.py" line="121"/>
        <source>must be &gt; 0</source>
        <translation>必须 &gt; 0</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/gully.py" line="384"/>
        <source>must be ≥ 0 and &lt; 1</source>
        <translation>必须 ≥ 0 且 &lt; 1</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/hydrology.py" line="223"/>
        <source>not finite</source>
        <translation>不是有限数值</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/params.py" line="555"/>
        <source>ascending degrees between 0 and 90</source>
        <translation>须为 0 至 90 之间递增的度数</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/parcels.py" line="490"/>
        <source>numbers separated by commas</source>
        <translation>须为以逗号分隔的数字</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/gully.py" line="705"/>
        <source>No channel on the DEM: no cell drains {threshold_km2:g} km². Lower the stream threshold or use a larger DEM.</source>
        <translation>DEM 上没有沟道：没有任何像元的汇水面积达到 {threshold_km2:g} km²。请降低河网提取阈值，或使用范围更大的 DEM。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/gully.py" line="713"/>
        <source>None of the {count} stream lines follows a flow path of the DEM: do they belong to this DEM?</source>
        <translation>{count} 条河网线中没有一条沿 DEM 的水流路径分布：它们是否属于此 DEM？</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/gully.py" line="775"/>
        <source>The stream layer holds no lines.</source>
        <translation>河网图层中没有线要素。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/errors.py" line="143"/>
        <source>The parcel layer lacks the field &apos;{field}&apos;: run &apos;Analyse parcels&apos; first and use its output.</source>
        <translation>图斑图层缺少字段“{field}”：请先运行“图斑分析”，并使用其输出结果。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/params.py" line="320"/>
        <source>empty value</source>
        <translation>值为空</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/params.py" line="237"/>
        <source>missing column</source>
        <translation>缺少该列</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/params.py" line="243"/>
        <source>more cells than columns (quote commas)</source>
        <translation>单元格数多于列数（含逗号的值请加引号）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/adapters/param_files.py" line="83"/>
        <source>not UTF-8 text</source>
        <translation>不是 UTF-8 编码的文本</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/measures/catalogue.py" line="213"/>
        <source>need 0 ≤ slope_min_deg &lt; slope_max_deg ≤ 90</source>
        <translation>须满足 0 ≤ slope_min_deg &lt; slope_max_deg ≤ 90</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/measures/catalogue.py" line="221"/>
        <source>csle_factor is none: leave csle_ref and csle_value empty</source>
        <translation>csle_factor 为 none：csle_ref 和 csle_value 须留空</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/measures/catalogue.py" line="285"/>
        <source>no measures</source>
        <translation>没有任何措施</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/measures/rules.py" line="112"/>
        <source>must exceed slope_min_deg</source>
        <translation>须大于 slope_min_deg</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/params.py" line="433"/>
        <source>need classes 0 to 5</source>
        <translation>须包含 0 至 5 级</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/errors.py" line="100"/>
        <source>The DEM has {rows} × {cols} cells; at most {cells} cells can be conditioned at once. Clip it to the area of interest or resample it to a coarser cell size.</source>
        <translation>DEM 有 {rows} × {cols} 个栅格，一次最多只能处理 {cells} 个栅格。请将其裁剪到研究区，或重采样为更粗的分辨率。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/adapters/plan_store_common.py" line="208"/>
        <source>no feature with id {fid}</source>
        <translation>不存在 ID 为 {fid} 的要素</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/adapters/plan_store_common.py" line="209"/>
        <source>unknown or read-only field {field}</source>
        <translation>字段 {field} 不存在或为只读</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/adapters/plan_store_common.py" line="210"/>
        <source>schema_version &apos;{text}&apos; is not a number</source>
        <translation>schema_version“{text}”不是数字</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/adapters/plan_store_gpkg.py" line="333"/>
        <source>file does not exist</source>
        <translation>文件不存在</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/adapters/plan_store_common.py" line="452"/>
        <source>the geometry is not valid WKB</source>
        <translation>该几何不是有效的 WKB</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/adapters/plan_store_common.py" line="481"/>
        <source>internal table</source>
        <translation>这是内部表，不可编辑</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/adapters/plan_store_common.py" line="484"/>
        <source>no such layer in the plan</source>
        <translation>规划成果库中没有该图层</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/adapters/plan_store_common.py" line="488"/>
        <source>the layer has no feature id column</source>
        <translation>该图层没有要素 ID 列</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/adapters/plan_store_common.py" line="535"/>
        <source>the layer has no geometry column</source>
        <translation>该图层没有几何列</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/adapters/plan_store_postgis.py" line="66"/>
        <source>a plan schema name is letters, digits and _ only</source>
        <translation>规划成果库的模式（schema）名只能包含字母、数字和下划线 _</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/adapters/plan_store_postgis.py" line="78"/>
        <source>no schema=&lt;name&gt; in the PostGIS plan location</source>
        <translation>PostGIS 规划成果库地址中缺少 schema=&lt;name&gt;</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/adapters/plan_store_postgis.py" line="104"/>
        <source>the Python driver psycopg2 is not installed</source>
        <translation>未安装 Python 数据库驱动 psycopg2</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/adapters/plan_store_postgis.py" line="245"/>
        <source>the plan schema does not exist</source>
        <translation>规划成果库的模式（schema）不存在</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/adapters/plan_store_postgis.py" line="251"/>
        <source>the plan must be opened (upgraded) first</source>
        <translation>须先打开（升级）该规划成果库</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/quantities/dams.py" line="220"/>
        <source>no row &apos;{key}&apos;</source>
        <translation>缺少“{key}”行</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/landuse.py" line="146"/>
        <source>{value:g} is outside 0–1 t·hm²·h/(hm²·MJ·mm)</source>
        <translation>{value:g} 超出 0–1 t·hm²·h/(hm²·MJ·mm) 的范围</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/measures/catalogue.py" line="50"/>
        <source>give either csle_ref or csle_value, not both (the value of &apos;{ref}&apos; lives in its factor table)</source>
        <translation>csle_ref 与 csle_value 只能填写其一，不能同时填写（“{ref}”的数值已在其因子表中）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/measures/catalogue.py" line="156"/>
        <source>&apos;{token}&apos; is not key=value</source>
        <translation>“{token}”不是 key=value 格式</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/measures/catalogue.py" line="198"/>
        <source>duplicate code &apos;{code}&apos;</source>
        <translation>编码“{code}”重复</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/measures/catalogue.py" line="237"/>
        <source>an {factor} measure needs csle_ref or csle_value</source>
        <translation>{factor} 因子措施须填写 csle_ref 或 csle_value</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/measures/catalogue.py" line="248"/>
        <source>&apos;{ref}&apos; is not a code of {table}</source>
        <translation>“{ref}”不是 {table} 中的编码</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/measures/catalogue.py" line="257"/>
        <source>&apos;{text}&apos; is not a D.0.15 column ({columns}) nor empty</source>
        <translation>“{text}”不是 D.0.15 表的栏目（{columns}），也不为空</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/measures/rules.py" line="100"/>
        <source>duplicate rule_id &apos;{rule_id}&apos;</source>
        <translation>rule_id“{rule_id}”重复</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/measures/rules.py" line="121"/>
        <source>&apos;{text}&apos; is not an SL 190 class ({classes})</source>
        <translation>“{text}”不是 SL 190 侵蚀强度级别（{classes}）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/measures/rules.py" line="136"/>
        <source>&apos;{text}&apos; is not TT, PD or any</source>
        <translation>“{text}”不是 TT、PD 或 any</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/measures/rules.py" line="149"/>
        <source>'{text}' is not a region id (0–4)</source>
        <translation>“{text}”不是土壤侵蚀类型区编号（0–4）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/measures/rules.py" line="170"/>
        <source>&apos;{code}&apos; is not a code of the measure catalogue</source>
        <translation>“{code}”不是措施库中的措施编码</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/measures/rules.py" line="179"/>
        <source>&apos;{code}&apos; is a {geometry} work, not a parcel measure</source>
        <translation>“{code}”是 {geometry}（线状/点状）工程，不是图斑措施</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/measures/rules.py" line="192"/>
        <source>unknown placeholder {{{name}}} (use {names})</source>
        <translation>未知的占位符 {{{name}}}（可用：{names}）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/measures/rules.py" line="203"/>
        <source>bad template: {error}</source>
        <translation>模板有误：{error}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/measures/assign.py" line="267"/>
        <source>the built-in 水土保持法 rule needs the measure '{code}'</source>
        <translation>内置的《水土保持法》规则需要措施“{code}”</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/params.py" line="31"/>
        <source>&apos;{text}&apos; is not a number</source>
        <translation>“{text}”不是数字</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/params.py" line="32"/>
        <source>&apos;{text}&apos; is not one of {choices}</source>
        <translation>“{text}”不是以下取值之一：{choices}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/params.py" line="34"/>
        <source>&apos;{text}&apos; is not finite</source>
        <translation>“{text}”不是有限数值</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/params.py" line="449"/>
        <source>system {system}: class {cls} does not start where class {previous} ends</source>
        <translation>分级体系 {system}：第 {cls} 级的起点与第 {previous} 级的终点不衔接</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/params.py" line="476"/>
        <source>no row for {classes}</source>
        <translation>缺少以下类别的行：{classes}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/adapters/features.py" line="68"/>
        <source>points</source>
        <translation>点要素</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/adapters/features.py" line="69"/>
        <source>lines</source>
        <translation>线要素</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/adapters/features.py" line="70"/>
        <source>polygons</source>
        <translation>面要素</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/adapters/features.py" line="78"/>
        <source>The layer &apos;{layer}&apos; holds {found}; {expected} are needed here.</source>
        <translation>图层“{layer}”中是{found}，此处需要{expected}。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/division.py" line="407"/>
        <source>The administrative layer has no field &apos;{field}&apos;; choose one of its fields as the administrative name/code field.</source>
        <translation>行政区图层中没有字段“{field}”；请从该图层的字段中选择行政区名称/代码字段。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/errors.py" line="77"/>
        <source>The DEM's coordinate system measures in {unit} (1 unit = {metres:g} m), not metres; areas, lengths and slopes would be wrong. Reproject it to a metric CRS (Raster ▸ Projections ▸ Warp), and convert its elevations to metres if they are in feet.</source>
        <translation>DEM 的坐标系以 {unit}（1 单位 = {metres:g} m）为单位，而不是米；面积、长度和坡度都会出错。请将其重投影到以米为单位的坐标系（栅格 ▸ 投影 ▸ 变形（重投影）），若高程以英尺为单位，也请换算为米。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/summaries.py" line="404"/>
        <source>a field of the parcels</source>
        <translation>图斑图层中的字段</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/factors.py" line="35"/>
        <source>cover</source>
        <translation>植被覆盖</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/factors.py" line="36"/>
        <source>tolerance</source>
        <translation>容许土壤流失量</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/factors.py" line="40"/>
        <source>no cropland (旱地/水浇地) parcels: T = 1 on all land (CSLE rule)</source>
        <translation>无耕地（旱地/水浇地）图斑：所有土地 T = 1（CSLE 规则）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/factors.py" line="41"/>
        <source>T = 1 used for {count} cropland parcels: no cropping zone and no tillage practice given (bare-fallow value, inflates cropland soil loss; choose the 轮作制度 zone) — {file}</source>
        <translation>{count} 个耕地图斑采用了 T = 1：未指定轮作制度分区和耕作措施（裸露休闲地取值，会高估耕地土壤流失量；请选择轮作制度分区）— {file}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/factors.py" line="46"/>
        <source>zone {zone} {name} T = {t:g} ({confidence}) — {file}</source>
        <translation>分区 {zone} {name} T = {t:g}（{confidence}）— {file}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/factors.py" line="47"/>
        <source>practice {practice} T = {t:g} ({confidence}) — {file}</source>
        <translation>耕作措施 {practice} T = {t:g}（{confidence}）— {file}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/factors.py" line="48"/>
        <source>{count} cropland parcels: {first}</source>
        <translation>{count} 个耕地图斑：{first}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/factors.py" line="49"/>
        <source>{count} cropland parcels: {first} × {second}</source>
        <translation>{count} 个耕地图斑：{first} × {second}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/factors.py" line="50"/>
        <source>one of {choices}</source>
        <translation>应为以下之一：{choices}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/factors.py" line="51"/>
        <source>{factor} looks like US customary units (×{conv:g} to SI)</source>
        <translation>{factor} 疑似采用美制单位（乘以 {conv:g} 换算为国际单位）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/factors.py" line="52"/>
        <source>check the unit: R must be the mean annual value in MJ·mm/(hm²·h·a)</source>
        <translation>请检查单位：R 应为多年平均值，单位 MJ·mm/(hm²·h·a)</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/factors.py" line="55"/>
        <source>check the unit and the values</source>
        <translation>请检查单位和数值</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/factors.py" line="56"/>
        <source>{factor} = {value:.4g} ({origin}) lies outside the expected {lower:g}–{upper:g} {unit}; {cause}. Soil loss scales with it: check before using the numbers.</source>
        <translation>{factor} = {value:.4g}（{origin}）超出预期范围 {lower:g}–{upper:g} {unit}；{cause}。土壤流失量与其成正比：使用结果前请核查。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/factors.py" line="61"/>
        <source>{factor} ({origin}): 5th–95th percentile {low:.4g}–{high:.4g} over the parcels' cells lies outside the expected {lower:g}–{upper:g} {unit}; {cause}. Soil loss scales with it: check before using the numbers.</source>
        <translation>{factor}（{origin}）：图斑内像元的第 5–95 百分位数 {low:.4g}–{high:.4g} 超出预期范围 {lower:g}–{upper:g} {unit}；{cause}。土壤流失量与其成正比：使用结果前请核查。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/parcels.py" line="814"/>
        <source>number given ({key})</source>
        <translation>输入数值（{key}）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/parcels.py" line="815"/>
        <source>raster {path}</source>
        <translation>栅格 {path}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/parcels.py" line="816"/>
        <source>parcel field {field}</source>
        <translation>图斑字段 {field}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/parcels.py" line="817"/>
        <source>soil codes of parcel field {field} in the K table {path}</source>
        <translation>图斑字段 {field} 的土壤代码，查 K 值表 {path}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/parcels.py" line="818"/>
        <source>{first}; parcels without a value: {second}</source>
        <translation>{first}；无值的图斑：{second}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/parcels.py" line="819"/>
        <source>CSLE L = (λ/22.13)^m, λ along D8 flow paths with LS_TOOL cutoffs, restarting at channels of {threshold:g} km² (domain reference §3.4)</source>
        <translation>CSLE L = (λ/22.13)^m，λ 沿 D8 流路累计，采用 LS_TOOL 截断规则，在汇水面积 {threshold:g} km² 的沟道处重新起算（领域参考 §3.4）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/parcels.py" line="824"/>
        <source>CSLE three-piece S: McCool et al. 1987 below 10°, Liu, Nearing &amp; Risse 1994 from 10° (§3.5)</source>
        <translation>CSLE 三段式 S：10° 以下用 McCool 等 1987，10° 及以上用 Liu, Nearing &amp; Risse 1994（§3.5）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/parcels.py" line="827"/>
        <source>mean {value:.3g} over eroding land (area-weighted)</source>
        <translation>侵蚀性土地上的面积加权平均值 {value:.3g}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/parcels.py" line="828"/>
        <source>mean L·S {value:.3g} (area-weighted)</source>
        <translation>L·S 面积加权平均值 {value:.3g}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/parcels.py" line="829"/>
        <source>1; {value:g} on terraced cropland</source>
        <translation>1；梯田耕地为 {value:g}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/parcels.py" line="830"/>
        <source>soil-loss ratio by land use (§3.6): {b} ; {slr}</source>
        <translation>按土地利用计算的土壤流失比（§3.6）：{b}；{slr}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/parcels.py" line="831"/>
        <source>cover field {cover}, canopy field {canopy}</source>
        <translation>覆盖度字段 {cover}，郁闭度字段 {canopy}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/parcels.py" line="832"/>
        <source>default cover and canopy per land use of {file}</source>
        <translation>{file} 中各土地利用类型的默认覆盖度和郁闭度</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/parcels.py" line="833"/>
        <source>cover raster {path} (per cell, forest/grass land)</source>
        <translation>覆盖度栅格 {path}（逐像元，林地/草地）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/parcels.py" line="834"/>
        <source>E = 1 without measures; 三调 GDLX = TT cropland: {measure} of {file} ({defaults})</source>
        <translation>无措施时 E = 1；三调 GDLX = TT 的耕地：{file} 中的 {measure}（{defaults}）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/parcels.py" line="837"/>
        <source>given (TOLERANCE_T_KM2_A)</source>
        <translation>输入值（TOLERANCE_T_KM2_A）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/parcels.py" line="838"/>
        <source>region {region} of {file} (SL 190-2007)</source>
        <translation>{file} 中的 {region}（SL 190-2007）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/parcels.py" line="839"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/measures/assign.py" line="497"/>
        <source>the slope limit must lie between 0° and 90°</source>
        <translation>禁垦坡度须在 0° 与 90° 之间</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/measures/rules.py" line="157"/>
        <source>&apos;{text}&apos; is not a parcel flag ({flags})</source>
        <translation>“{text}”不是图斑标记（{flags}）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/gully.py" line="178"/>
        <source>give exactly one of deposit_gradient_pct and ratio</source>
        <translation>deposit_gradient_pct 与 ratio 须且只能填写其一</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/gully.py" line="179"/>
        <source>material &apos;{material}&apos; appears twice</source>
        <translation>淤积物质“{material}”重复出现</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/gully.py" line="767"/>
        <source>Unknown deposit material &apos;{material}&apos;: gully_deposit_gradient.csv lists {choices}.</source>
        <translation>未知的淤积物质“{material}”：gully_deposit_gradient.csv 中列有 {choices}。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/landuse.py" line="70"/>
        <source>Evidence for the other code vintage: {reasons}. Check the &apos;Land-use code vintage&apos;.</source>
        <translation>存在指向另一编码版本的证据：{reasons}。请核对“地类编码版本”。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/landuse.py" line="78"/>
        <source>Cannot tell 二调 (GB/T 21010-2007) from 三调 (2017) land-use codes ({evidence}); choose the 'Land-use code vintage'.</source>
        <translation>无法判断地类编码属于二调（GB/T 21010—2007）还是三调（2017）（{evidence}）；请选择“地类编码版本”。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/landuse.py" line="86"/>
        <source>Only numbers hint at 二调 (GB/T 21010-2007) codes ({evidence}): map another code list (code mapping CSV) or choose the vintage.</source>
        <translation>仅凭数字推测为二调（GB/T 21010—2007）编码（{evidence}）：如为其他编码体系，请提供编码对照表 CSV，或选择编码版本。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/landuse.py" line="167"/>
        <source>&apos;{text}&apos; is not a code of {table}</source>
        <translation>“{text}”不是 {table} 中的编码</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/landuse.py" line="178"/>
        <source>&apos;{text}&apos; differs from the class of {code} ({cls}): change gbt2017_code</source>
        <translation>“{text}”与 {code} 的类别（{cls}）不一致：请修改 gbt2017_code</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/landuse.py" line="320"/>
        <source>chosen by the user</source>
        <translation>用户指定</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/landuse.py" line="321"/>
        <source>4-digit codes {codes}</source>
        <translation>4 位编码 {codes}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/landuse.py" line="321"/>
        <source>三调 suffixed codes {codes}</source>
        <translation>三调带后缀编码 {codes}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/landuse.py" line="321"/>
        <source>2017 codes without their leading 0 {codes}</source>
        <translation>缺首位 0 的 2017 编码 {codes}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/landuse.py" line="321"/>
        <source>3-digit codes {codes}</source>
        <translation>3 位编码 {codes}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/landuse.py" line="321"/>
        <source>2-digit numbers {codes}</source>
        <translation>2 位数字 {codes}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/landuse.py" line="321"/>
        <source>numbers read either way {codes}</source>
        <translation>两种版本均可解读的数字 {codes}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/landuse.py" line="321"/>
        <source>codes of neither table {codes}</source>
        <translation>两版对照表均无的编码 {codes}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/landuse.py" line="321"/>
        <source>三调 fields {codes}</source>
        <translation>三调字段 {codes}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/landuse.py" line="321"/>
        <source>二调 fields {codes}</source>
        <translation>二调字段 {codes}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/landuse.py" line="336"/>
        <source>no evidence: GB/T 21010-2017 assumed</source>
        <translation>无判定依据：按 GB/T 21010—2017 处理</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/landuse.py" line="341"/>
        <source>Land-use codes: {vintage} (evidence: {reasons}); table: {table}</source>
        <translation>地类编码：{vintage}（依据：{reasons}）；对照表：{table}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/landuse.py" line="459"/>
        <source>三调 suffix letter dropped, read as the base class: {codes}</source>
        <translation>已去掉三调编码后缀字母，按基本地类解读：{codes}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/landuse.py" line="460"/>
        <source>Numeric codes read with their leading 0 restored: {codes}</source>
        <translation>数值型编码已补回首位 0：{codes}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/landuse.py" line="461"/>
        <source>Codes read as their first-level class: {codes}</source>
        <translation>按一级类解读的编码：{codes}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/landuse.py" line="462"/>
        <source>GB/T 21010-2007 codes read as 2017 classes: {codes}</source>
        <translation>GB/T 21010—2007 编码按 2017 地类解读：{codes}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/adapters/features.py" line="86"/>
        <source>Only {read} of the {count} features of &apos;{source}&apos; could be read: the file is damaged. Restore it from a backup (or repair it, e.g. with ogr2ogr) and run again.</source>
        <translation>'{source}' 的 {count} 个要素中只能读取 {read} 个：文件已损坏。请从备份恢复（或修复，例如用 ogr2ogr）后重新运行。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/adapters/input_files.py" line="17"/>
        <source>The file &apos;{path}&apos; exists but is not a readable raster: {reason}</source>
        <translation>文件 '{path}' 存在，但不是可读取的栅格：{reason}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/adapters/input_files.py" line="22"/>
        <source>The file &apos;{path}&apos; exists but is not a readable vector layer: {reason}</source>
        <translation>文件 '{path}' 存在，但不是可读取的矢量图层：{reason}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/adapters/input_files.py" line="28"/>
        <source>GDAL cannot open it (damaged file or unsupported format)</source>
        <translation>GDAL 无法打开（文件已损坏或格式不受支持）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/adapters/raster.py" line="320"/>
        <source>The raster output &apos;{path}&apos; cannot be written: {reason}</source>
        <translation>栅格输出 '{path}' 无法写入：{reason}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/parcels.py" line="87"/>
        <source>All {count} parcels lie wholly outside the DEM: no parcel could be analysed. Check that the parcels and the DEM cover the same area (and their coordinate reference systems).</source>
        <translation>全部 {count} 个图斑都完全位于 DEM 范围之外：没有图斑可以分析。请检查图斑与 DEM 是否覆盖同一区域（以及二者的坐标参考系）。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/quantities/terrace.py" line="149"/>
        <source>Parcel {parcel}: the riser angle α {alpha:g}° must be steeper than the ground slope θ {theta:.1f}° (and below 90°); a riser at α ≤ θ cannot hold a bench.</source>
        <translation>图斑 {parcel}：田坎侧坡 α {alpha:g}° 必须陡于原地面坡度 θ {theta:.1f}°（且小于 90°）；α ≤ θ 时无法形成田面。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/quantities/terrace.py" line="157"/>
        <source>{name} must be a positive number (got {value}) — {where}.</source>
        <translation>{name} 必须为正数（当前为 {value}）——{where}。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/quantities/terrace.py" line="162"/>
        <source>The bench width B {bench:g} m is below the minimum workable width {minimum:g} m ({where}).</source>
        <translation>田面净宽 B {bench:g} m 小于最小可耕作宽度 {minimum:g} m（{where}）。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/quantities/terrace.py" line="170"/>
        <source>The DEM does not cover {count} terraced parcels (no DEM cell inside; parcel ids {ids}): their slope is unknown. Use a DEM that covers every parcel.</source>
        <translation>DEM 未覆盖 {count} 个梯田图斑（图斑内无 DEM 栅格；图斑编号 {ids}），其坡度未知。请使用覆盖全部图斑的 DEM。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/quantities/terrace.py" line="178"/>
        <source>{file}, line {line}: {problem}</source>
        <translation>{file} 第 {line} 行：{problem}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/quantities/terrace.py" line="227"/>
        <source>unknown quantity item &apos;{item}&apos;</source>
        <translation>未知的工程量项目“{item}”</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/terrace_quantities.py" line="57"/>
        <source>The parcel layer has no measure_code field: it is not a step-3 layout. Use the plan&apos;s parcels_measures layer (step 3, Assign measures).</source>
        <translation>图斑图层没有 measure_code 字段，不是第 3 步的措施配置成果。请使用规划中的 parcels_measures 图层（第 3 步“措施配置”）。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/investment.py" line="67"/>
        <source>No quantity items to price: run Terrace quantities and/or Measure quantities first and give their items tables.</source>
        <translation>没有可计价的工程量明细：请先运行“梯田工程量”和/或“措施工程量”，并输入其明细表。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/investment.py" line="75"/>
        <source>The table {table} is not a quantity-items table: it lacks the columns {columns}.</source>
        <translation>表 {table} 不是工程量明细表：缺少列 {columns}。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/investment.py" line="226"/>
        <source>the funding shares add up to {total:g} %, not 100 %</source>
        <translation>资金筹措比例合计为 {total:g} %，不是 100 %</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/quantities/measures.py" line="103"/>
        <source>{where}: the design parameter {name} = &apos;{value}&apos; must be a positive number (or AxB for a spacing).</source>
        <translation>{where}：设计参数 {name} = “{value}” 必须为正数（株行距写作 AxB）。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/quantities/measures.py" line="116"/>
        <source>{count} dam works (谷坊, 拦沙坝, 塘坝, 淤地坝 …) need the DEM for their cross-section and storage: give the DEM.</source>
        <translation>{count} 处坝工程（谷坊、拦沙坝、塘坝、淤地坝 …）需要 DEM 计算断面和库容：请输入 DEM。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/quantities/measures.py" line="124"/>
        <source>Dam work {work} ({layer}, {code}): {reason}. Move the dam point onto the channel or redraw the dam line across it.</source>
        <translation>坝工程 {work}（{layer}，{code}）：{reason}。请把坝点移到沟道上，或重新绘制横跨沟道的坝轴线。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/quantities/measures.py" line="132"/>
        <source>the dam line does not cross a channel (no point on it is lower than both ends)</source>
        <translation>坝轴线未横跨沟道（线上没有低于两端的点）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/quantities/measures.py" line="134"/>
        <source>the ground does not rise to the crest elevation on one side of the dam line</source>
        <translation>坝轴线一侧的地面达不到坝顶高程</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/quantities/measures.py" line="136"/>
        <source>the DEM does not cover the dam line</source>
        <translation>DEM 未覆盖坝轴线</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/quantities/measures.py" line="137"/>
        <source>no flow direction at the dam point (flat or nodata DEM); draw the dam axis as a line</source>
        <translation>坝点处无水流方向（DEM 平坦或无数据）；请以线绘制坝轴线</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/quantities/measures.py" line="139"/>
        <source>the impoundment below the crest reaches the edge of the DEM or of the search window</source>
        <translation>坝顶以下的库区到达 DEM 或搜索窗口的边缘</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/quantities/measures.py" line="141"/>
        <source>zero or negative height, crest width or side slope, or a freeboard not below the height</source>
        <translation>坝高、顶宽或边坡为零或负值，或超高不小于坝高</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/quantities/measures.py" line="143"/>
        <source>the required storage is not held below the maximum dam height</source>
        <translation>在最大坝高以下达不到所需库容</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/quantities/measures.py" line="145"/>
        <source>this measure is not a dam work</source>
        <translation>该措施不是坝工程</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/measure_quantities.py" line="76"/>
        <source>The works layer {layer} has no measure_code field: it is not a step-3 works layer.</source>
        <translation>工程图层 {layer} 没有 measure_code 字段，不是第 3 步的工程图层。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/adapters/param_files.py" line="353"/>
        <source>no such row</source>
        <translation>没有这一行</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/adapters/param_files.py" line="360"/>
        <source>no such column</source>
        <translation>没有这一列</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/adapters/staking.py" line="55"/>
        <source>The staking file &apos;{path}&apos; cannot be written: {reason}</source>
        <translation>放样文件 '{path}' 无法写入：{reason}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/adapters/staking.py" line="60"/>
        <source>The stakes cannot be transformed from {source} to {target}: {reason}</source>
        <translation>放样点无法从 {source} 转换到 {target}：{reason}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/quantities/layout.py" line="97"/>
        <source>The DEM does not cover {count} terraced parcels (no DEM elevation inside; parcel ids {ids}): their terrace lines cannot be laid out. Use a DEM that covers every parcel.</source>
        <translation>DEM 未覆盖 {count} 个梯田图斑（图斑内无 DEM 高程；图斑编号 {ids}），无法布设其梯田田坎线。请使用覆盖全部图斑的 DEM。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/quantities/layout.py" line="125"/>
        <source>must be ≥ 0</source>
        <translation>必须 ≥ 0</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/terrace_layout.py" line="53"/>
        <source>The parcel layer has no riser_height_m field: it is not an output of Terrace quantities. Use the plan&apos;s terrace_quantities layer (step 4, Terrace quantities).</source>
        <translation>图斑图层没有 riser_height_m 字段，不是“梯田工程量”的成果。请使用规划中的 terrace_quantities 图层（第 4 步“梯田工程量”）。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/ranking.py" line="177"/>
        <source>AHP pairwise matrix {file}: {problem}</source>
        <translation>AHP 判断矩阵 {file}：{problem}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/ranking.py" line="182"/>
        <source>The small-watershed layer holds no unit with a ws_code.</source>
        <translation>小流域图层中没有带 ws_code 的单元。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/ranking.py" line="187"/>
        <source>The small-watershed layer holds ws_code {code} more than once; each unit needs its own code.</source>
        <translation>小流域图层中 ws_code {code} 出现多次；每个单元须有各自的编码。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/ranking.py" line="220"/>
        <source>Indicator {key}: the layer has no field &apos;{field}&apos; (fields: {fields}).</source>
        <translation>指标 {key}：图层没有字段 '{field}'（现有字段：{fields}）。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/ranking.py" line="227"/>
        <source>No indicator tells the units apart (each is missing everywhere, constant over all units or has weight 0): {indicators}. Nothing can be ranked.</source>
        <translation>没有任何指标能区分各单元（各指标均全部缺值、在所有单元中取值相同或权重为 0）：{indicators}。无法排序。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/ranking.py" line="236"/>
        <source>Every indicator weight is 0: give at least one a weight above 0.</source>
        <translation>全部指标权重均为 0：请至少为一个指标赋予大于 0 的权重。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/ranking.py" line="241"/>
        <source>No parcel is sloping cropland to terrace (cropland other than paddy, not terraced yet, mean slope from {low:g}° to below {high:g}°): nothing to prioritise.</source>
        <translation>没有可修梯田的坡耕地图斑（水田以外的耕地、尚未梯化、平均坡度 {low:g}° 至 {high:g}° 以下）：无可排序的对象。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/ranking.py" line="291"/>
        <source>&apos;{text}&apos; is not a key (letters, digits, _)</source>
        <translation>'{text}' 不是有效的键（字母、数字、_）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/ranking.py" line="296"/>
        <source>key &apos;{text}&apos; is repeated</source>
        <translation>键 '{text}' 重复</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/ranking.py" line="300"/>
        <source>SBPlanner does not compute &apos;{text}&apos; (it computes {choices}); give a field name</source>
        <translation>SBPlanner 不计算 '{text}'（可计算：{choices}）；请填写字段名</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/ranking.py" line="322"/>
        <source>write field:direction:weight, e.g. pop_km2:+1:0.1</source>
        <translation>请按 字段:方向:权重 书写，例如 pop_km2:+1:0.1</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/ranking.py" line="324"/>
        <source>the direction is +1 or -1</source>
        <translation>方向为 +1 或 -1</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/ranking.py" line="326"/>
        <source>the weight is a number ≥ 0</source>
        <translation>权重为 ≥ 0 的数</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/ranking.py" line="333"/>
        <source>an indicator of that key is already in the table</source>
        <translation>表中已有相同键的指标</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/ranking.py" line="371"/>
        <source>cell ({row}, {col}) = &apos;{text}&apos; is not a number above 0</source>
        <translation>单元格 ({row}, {col}) = '{text}' 不是大于 0 的数</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/ranking.py" line="387"/>
        <source>no matrix rows</source>
        <translation>矩阵没有数据行</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/ranking.py" line="393"/>
        <source>row &apos;{row}&apos; does not match the header ({keys}): the matrix must be square, one row per column key</source>
        <translation>行 '{row}' 与表头（{keys}）不符：矩阵须为方阵，每个列键对应一行</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/ranking.py" line="402"/>
        <source>the matrix must be square, one row per column key ({keys})</source>
        <translation>矩阵须为方阵，每个列键对应一行（{keys}）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/ranking.py" line="413"/>
        <source>not reciprocal: ({row}, {col}) = {a:g} but ({col}, {row}) = {b:g}, not 1/{a:g}</source>
        <translation>不满足互反性：({row}, {col}) = {a:g}，而 ({col}, {row}) = {b:g}，不等于 1/{a:g}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/ranking.py" line="453"/>
        <source>no random index RI for a matrix of order {n}</source>
        <translation>没有 {n} 阶矩阵的平均随机一致性指标 RI</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/ranking.py" line="491"/>
        <source>&apos;{key}&apos; is not an indicator (indicators: {keys})</source>
        <translation>'{key}' 不是指标（指标：{keys}）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/ranking.py" line="501"/>
        <source>AHP weights (principal eigenvector): {weights}; λmax {lam:.4f}, CI {ci:.4f}, RI {ri:.2f}, CR {cr:.4f} &lt; {limit:.2f}.</source>
        <translation>AHP 权重（最大特征值对应的特征向量）：{weights}；λmax {lam:.4f}，CI {ci:.4f}，RI {ri:.2f}，CR {cr:.4f} &lt; {limit:.2f}。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/ranking.py" line="507"/>
        <source>Indicators not in the AHP matrix get weight 0: {keys}.</source>
        <translation>未列入 AHP 矩阵的指标权重为 0：{keys}。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/ranking.py" line="512"/>
        <source>The AHP matrix is not consistent enough (CR {cr:.3f} ≥ {limit:.2f}; λmax {lam:.3f}, CI {ci:.3f}, RI {ri:.2f}): it is NOT used; the table's direct weights are. Revise the judgements of the matrix.</source>
        <translation>AHP 判断矩阵一致性不足（CR {cr:.3f} ≥ {limit:.2f}；λmax {lam:.3f}，CI {ci:.3f}，RI {ri:.2f}）：不采用该矩阵，改用指标表中的直接权重。请修改矩阵的判断值。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/ranking.py" line="522"/>
        <source>The weights add up to {total:g}, not 1: each was divided by the sum ({weights}).</source>
        <translation>权重之和为 {total:g}，不等于 1：已将各权重除以其和（{weights}）。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/ranking.py" line="708"/>
        <source>Indicator {name}: no unit has a value (no data for it); it is left out.</source>
        <translation>指标 {name}：所有单元均无数值（缺少该指标数据），不参与计算。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/ranking.py" line="713"/>
        <source>Indicator {name} is the same in every unit ({value:g}): it cannot tell them apart and is left out.</source>
        <translation>指标 {name} 在所有单元中取值相同（{value:g}）：无法区分各单元，不参与计算。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/ranking.py" line="723"/>
        <source>The weight of {dropped} was redistributed over the other indicators in proportion: {weights}.</source>
        <translation>{dropped} 的权重已按比例重新分配给其他指标：{weights}。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/ranking.py" line="728"/>
        <source>Units lacking a value of some indicators ({count}) are scored over the indicators they have: {units}.</source>
        <translation>部分指标缺值的单元（{count} 个）按其已有的指标计分：{units}。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/ranking.py" line="922"/>
        <source>沟壑密度: no gully lines given; the DEM drainage density (河网密度, field {field}) of the small watersheds stands in for it.</source>
        <translation>沟壑密度：未提供沟道线，以小流域的 DEM 河网密度（字段 {field}）代替。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/ranking.py" line="977"/>
        <source>Parcels of ws_code {codes} lie in no unit of the layer and are not counted.</source>
        <translation>ws_code 为 {codes} 的图斑不在图层的任何单元内，不参与统计。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/ranking.py" line="984"/>
        <source>Only one small watershed ({code}): urgency is relative to the study area (min–max within it), so it has no score or class of its own and is rank 1 by definition; its indicator values are written (v_ fields). Rank at least two units.</source>
        <translation>只有一个小流域（{code}）：紧迫程度是相对于研究区的（在研究区内最小–最大值标准化），该单元没有自身的得分和等级，按定义排第 1 位；其指标值已写出（v_ 字段）。请至少对两个单元排序。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/ranking.py" line="999"/>
        <source>{count} units are 极紧迫 by a hard flag whatever their score (cropland beyond the {limit:g}° prohibited slope, or a water-source area): {units}.</source>
        <translation>{count} 个单元因硬性条件定为极紧迫，与得分无关（耕地坡度超过 {limit:g}° 禁垦坡度，或位于水源地）：{units}。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/ranking.py" line="1109"/>
        <source>{count} cropland parcels in the slope band are terraced already (三调 GDLX = TT) and are left out.</source>
        <translation>坡度范围内有 {count} 个耕地图斑已是梯田（三调 GDLX = TT），不参与排序。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/ranking.py" line="1111"/>
        <source>{count} cropland parcels are beyond {limit:g}° by their 三调 slope grade GDPDJB and are left out (退耕, not 坡改梯).</source>
        <translation>{count} 个耕地图斑按三调耕地坡度级别 GDPDJB 超过 {limit:g}°，不参与排序（应退耕，而非坡改梯）。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/ranking.py" line="1175"/>
        <source>{count} candidate parcels lie in blocks smaller than {min:g} hm² (not 集中连片) and are not selected.</source>
        <translation>{count} 个候选图斑所在地块小于 {min:g} hm²（不集中连片），不入选。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/slope_farmland_priority.py" line="37"/>
        <source>The parcels are in a geographic CRS; they must be in a projected CRS (metres) to measure blocks and distances.</source>
        <translation>图斑为地理坐标系；须为投影坐标系（米）才能量算连片地块和距离。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/urgency_ranking.py" line="45"/>
        <source>The small-watershed layer has no ws_code field: use the small watersheds of step 1 (Divide small watersheds).</source>
        <translation>小流域图层没有 ws_code 字段：请使用第 1 步（划分小流域）的小流域图层。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/urgency_ranking.py" line="53"/>
        <source>The small watersheds are in a geographic CRS; they must be in a projected CRS (metres) to measure areas, densities and distances.</source>
        <translation>小流域图层为地理坐标系；须为投影坐标系（米）才能量算面积、密度和距离。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/benefits.py" line="184"/>
        <source>The layout {layer} holds no measure (every parcel&apos;s measure_code is empty and no works are given): there is no benefit to evaluate. Assign measures in step 3 or choose a scenario with measures.</source>
        <translation>措施布局 {layer} 中没有任何措施（所有图斑的 measure_code 均为空，且未提供工程）：无效益可计算。请在第 3 步配置措施，或选择有措施的方案。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/benefits.py" line="192"/>
        <source>The table {table} lacks the field &apos;{field}&apos;: use the plan&apos;s {expected} table (step 4).</source>
        <translation>表 {table} 缺少字段“{field}”：请使用规划库中第 4 步的 {expected} 表。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/benefits.py" line="199"/>
        <source>The allowable soil loss {tolerance:g} t/(km²·a) does not match the step-2 erosion classes (parcel {parcel}: {cls} at {modulus:.1f} t/(km²·a)). Choose the erosion region or tolerance that step 2 (Analyse parcels) used.</source>
        <translation>容许土壤流失量 {tolerance:g} t/(km²·a) 与第 2 步的侵蚀强度分级不一致（图斑 {parcel}：{cls}，{modulus:.1f} t/(km²·a)）。请选择第 2 步（图斑分析）所用的土壤侵蚀类型区或容许土壤流失量。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/benefits.py" line="212"/>
        <source>Measures not in the catalogue (no benefit counted): {codes}</source>
        <translation>措施库中没有的措施（不计效益）：{codes}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/benefits.py" line="218"/>
        <source>{count} cropland parcels keep cropping (a terrace or tillage measure): their vegetation measures do not change B (CSLE: cropland uses T with B = 1).</source>
        <translation>{count} 个耕地图斑仍保持耕种（有梯田或耕作措施）：其林草措施不改变 B（CSLE：耕地用 T，B = 1）。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/benefits.py" line="222"/>
        <source>{count} parcels that are not cropland carry a tillage measure: T stays 1 there (CSLE: T only on cropland).</source>
        <translation>{count} 个非耕地图斑配置了耕作措施：其 T 仍为 1（CSLE：T 仅用于耕地）。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/benefits.py" line="226"/>
        <source>No silting years for {codes} in dam_params.csv: their trapped sediment is not counted.</source>
        <translation>dam_params.csv 中没有 {codes} 的淤积年限：不计其拦泥量。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/benefits.py" line="229"/>
        <source>No investment table (investment_by_ws of step 4): the cost per tonne, NPV and IRR are not computed.</source>
        <translation>未提供投资表（第 4 步的 investment_by_ws）：不计算单位保土量投资、净现值和内部收益率。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/benefits.py" line="233"/>
        <source>{count} parcels take effect only after year {years} of the evaluation period: their planned soil loss is reached after the period.</source>
        <translation>{count} 个图斑在评价期第 {years} 年之后才发挥效益：其规划土壤流失量在评价期后才能达到。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/benefits.py" line="237"/>
        <source>Unit {unit}: the net cash flows do not change sign, so there is no internal rate of return.</source>
        <translation>单元 {unit}：净现金流不变号，没有内部收益率。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/benefits.py" line="302"/>
        <source>duplicate key &apos;{key}&apos;</source>
        <translation>键“{key}”重复</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/benefits.py" line="367"/>
        <source>no row for {keys}</source>
        <translation>缺少 {keys} 的行</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/benefits.py" line="714"/>
        <source>a whole number of years, 1–200</source>
        <translation>1–200 之间的整年数</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/benefits.py" line="720"/>
        <source>a number greater than 0</source>
        <translation>大于 0 的数</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/benefits.py" line="726"/>
        <source>a rate above -100 %</source>
        <translation>大于 -100 % 的比率</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/benefits.py" line="732"/>
        <source>one of {choices} (swc_targets.csv)</source>
        <translation>{choices} 之一（swc_targets.csv）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/ranking.py" line="195"/>
        <source>The village layer holds no village with a code or name in field {field}.</source>
        <translation>行政村图层的字段 {field} 中没有任何带代码或名称的行政村。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/ranking.py" line="202"/>
        <source>The village layer holds &apos;{code}&apos; more than once in field {field}; each village needs its own code or name (merge its polygons, or choose a field that tells the villages apart).</source>
        <translation>行政村图层的字段 {field} 中“{code}”出现了不止一次；每个行政村需要唯一的代码或名称（请合并其多边形，或选择能区分各村的字段）。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/ranking.py" line="211"/>
        <source>重点防治区 layer: kind '{text}' is neither a 重点治理区 nor a 重点预防区 of a known level (国家级, 省级, 市级, 县级; e.g. 国家级重点治理区, 省级重点预防区).</source>
        <translation>重点防治区图层：类型“{text}”既不是已知级别（国家级、省级、市级、县级）的重点治理区，也不是重点预防区（例如 国家级重点治理区、省级重点预防区）。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/ranking.py" line="975"/>
        <source>{count} parcels lie in no village of the layer and are not counted.</source>
        <translation>{count} 个图斑不在图层的任何行政村内，未计入。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/ranking.py" line="982"/>
        <source>Only one village ({code}): urgency is relative to the study area (min–max within it), so it has no score or class of its own and is rank 1 by definition; its indicator values are written (v_ fields). Rank at least two units.</source>
        <translation>只有一个行政村（{code}）：治理紧迫程度是相对于研究区的（在研究区内做最小–最大标准化），因此它没有自己的得分和等级，按定义排第 1 位；其指标值已写出（v_ 字段）。请至少对两个单元排序。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/ranking.py" line="990"/>
        <source>重点防治区: the overlapping areas are listed (key_area) but change neither score nor class: the indicator key_area has no weight here (or does not tell the units apart) and key_area_hard_flag is 0. Give key_area a weight in the indicator table, or set key_area_hard_flag = 1 in ranking_params.csv.</source>
        <translation>重点防治区：重叠的区域已列出（key_area），但不影响得分和等级：本次指标 key_area 没有权重（或不能区分各单元），且 key_area_hard_flag 为 0。请在指标表中给 key_area 赋权重，或在 ranking_params.csv 中设置 key_area_hard_flag = 1。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/ranking.py" line="997"/>
        <source>{count} units are 极紧迫 by a hard flag whatever their score (cropland beyond the {limit:g}° prohibited slope, a water-source area, or a 重点治理区 with key_area_hard_flag = 1 in ranking_params.csv): {units}.</source>
        <translation>{count} 个单元因强制标记而定为极紧迫，不论其得分（耕地超过 {limit:g}° 禁垦坡度、饮用水水源保护区，或 ranking_params.csv 中 key_area_hard_flag = 1 时的重点治理区）：{units}。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/urgency_ranking.py" line="62"/>
        <source>Ranking villages needs the village polygon layer (VILLAGES) and its code or name field (VILLAGE_NAME_FIELD).</source>
        <translation>按行政村排序需要行政村面图层（VILLAGES）及其代码或名称字段（VILLAGE_NAME_FIELD）。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/urgency_ranking.py" line="70"/>
        <source>The 重点防治区 layer needs its kind field (KEY_AREA_KIND_FIELD: e.g. 国家级重点治理区, 省级重点预防区).</source>
        <translation>重点防治区图层需要其类型字段（KEY_AREA_KIND_FIELD：如 国家级重点治理区、省级重点预防区）。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/adapters/plan_store_common.py" line="162"/>
        <source>'{scenario}' is not a scenario id: use lower-case letters a–z, digits and single underscores, starting with a letter, at most 30 characters (e.g. plan_a).</source>
        <translation>“{scenario}”不是有效的方案编号：只能使用小写字母 a–z、数字和单个下划线，以字母开头，最多 30 个字符（例如 plan_a）。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/adapters/plan_store_common.py" line="170"/>
        <source>The plan {path} already has a scenario {scenario}; choose another id (nothing was changed).</source>
        <translation>规划 {path} 已有方案 {scenario}；请换一个编号（未做任何修改）。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/adapters/plan_store_common.py" line="177"/>
        <source>The plan {path} has no scenario {scenario}.</source>
        <translation>规划 {path} 中没有方案 {scenario}。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/adapters/plan_store_common.py" line="182"/>
        <source>The baseline scenario cannot be deleted: it holds the plan's original step 3–5 layers (nothing was changed).</source>
        <translation>现状方案不能删除：它保存着规划原有的第 3–5 步图层（未做任何修改）。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/adapters/plan_store_common.py" line="190"/>
        <source>The scenario {scenario} was not written to the plan (nothing was changed): {reason}</source>
        <translation>方案 {scenario} 未写入规划（未做任何修改）：{reason}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/scenarios.py" line="63"/>
        <source>The scenario {scenario} has no measures: assign measures to its parcels (step 3), then run steps 4 and 5 for it before comparing it.</source>
        <translation>方案 {scenario} 没有措施：请先为其图斑配置措施（第 3 步），再为其运行第 4、5 步，然后再进行比较。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/scenarios.py" line="71"/>
        <source>The scenario {scenario} has no benefit evaluation (benefit_ws): run step 5 (Evaluate the benefits) for it before comparing it.</source>
        <translation>方案 {scenario} 没有效益评价结果（benefit_ws）：请先为其运行第 5 步（效益分析），然后再进行比较。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/scenarios.py" line="79"/>
        <source>The table {table} of scenario {scenario} lacks the field &apos;{field}&apos;: run that step again for the scenario.</source>
        <translation>方案 {scenario} 的表 {table} 缺少字段“{field}”：请为该方案重新运行该步骤。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/scenarios.py" line="87"/>
        <source>Choose at least one scenario to compare.</source>
        <translation>请至少选择一个方案进行比较。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/scenarios.py" line="90"/>
        <source>Scenario {scenario}: its benefits were evaluated with an investment of {evaluated:,.2f} 万元, its estimate is now {current:,.2f} 万元; run step 5 again for it.</source>
        <translation>方案 {scenario}：其效益按 {evaluated:,.2f} 万元投资评价，而当前投资估算为 {current:,.2f} 万元；请为该方案重新运行第 5 步。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/scenarios.py" line="94"/>
        <source>Scenario {scenario} has no investment estimate (step 4): its investment and cost per tonne are empty.</source>
        <translation>方案 {scenario} 没有投资估算（第 4 步）：其投资和每吨成本为空。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/scenarios.py" line="174"/>
        <source>each scenario once</source>
        <translation>每个方案只能出现一次</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/scenarios.py" line="100"/>
        <source>Scenario {scenario}: the measures of {count} parcels changed after its quantities (step 4), so its investment and cost per tonne are those of the earlier layout; run step 4 (Recompute changed) and step 5 again for it.</source>
        <translation>方案 {scenario}：在计算工程量（第 4 步）之后又修改了 {count} 个图斑的措施，其投资和每吨成本仍是修改前布局的结果；请对该方案重新运行第 4 步（重算变更部分）和第 5 步。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/adapters/atlas_export.py" line="152"/>
        <source>The plan {plan} has no scenario {scenario}; its scenarios: {choices}.</source>
        <translation>规划 {plan} 中没有方案 {scenario}；现有方案：{choices}。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/adapters/atlas_export.py" line="159"/>
        <source>The print layout template {path} cannot be read: {reason}</source>
        <translation>无法读取打印布局模板 {path}：{reason}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/adapters/atlas_export.py" line="164"/>
        <source>The atlas {path} was not written ({reason}); the old file is kept.</source>
        <translation>图集 {path} 未写出（{reason}）；原文件已保留。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/adapters/atlas_export.py" line="171"/>
        <source>{path} is open in another program (a PDF viewer, WPS or LibreOffice?): close it and run again; the old file is kept.</source>
        <translation>{path} 已被其他程序打开（PDF 阅读器、WPS 或 LibreOffice？）：请关闭后重新运行；原文件已保留。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/adapters/atlas_export.py" line="179"/>
        <source>The atlas export was cancelled; the old file {path} is kept.</source>
        <translation>图集输出已取消；原文件 {path} 已保留。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/adapters/atlas_export.py" line="183"/>
        <source>not enough memory</source>
        <translation>内存不足</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/adapters/atlas_export.py" line="184"/>
        <source>the file cannot be written</source>
        <translation>无法写入该文件</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/adapters/atlas_export.py" line="185"/>
        <source>the PDF device could not be created</source>
        <translation>无法创建 PDF 输出设备</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/adapters/atlas_export.py" line="188"/>
        <source>the atlas pages could not be prepared</source>
        <translation>无法准备图集页面</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/adapters/deliverable_files.py" line="28"/>
        <source>{path} is open in another program (Excel, WPS, Word or LibreOffice?): close it and run again; the old file is kept.</source>
        <translation>{path} 已在其他程序中打开（Excel、WPS、Word 或 LibreOffice？）：请关闭后重新运行；原文件保持不变。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/adapters/deliverable_files.py" line="36"/>
        <source>{path} cannot be written ({reason}); the old file, if any, is kept.</source>
        <translation>无法写入 {path}（{reason}）；原有文件（如有）保持不变。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/adapters/design_inputs.py" line="37"/>
        <source>The plan {path} has no scenario &apos;{scenario}&apos;; its scenarios are: {choices}.</source>
        <translation>规划 {path} 中没有方案“{scenario}”；现有方案为：{choices}。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/atlas.py" line="142"/>
        <source>{map}: the plan has no analysed parcels (run step 2, Analyse the parcels).</source>
        <translation>{map}：规划中没有已分析的图斑（请运行第 2 步“图斑分析”）。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/atlas.py" line="145"/>
        <source>{map}: scenario {scenario} has no measure layout (run step 3, Assign measures).</source>
        <translation>{map}：方案 {scenario} 没有措施配置（请运行第 3 步“措施配置”）。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/atlas.py" line="148"/>
        <source>{map}: scenario {scenario} has no urgency ranking (run step 5, Rank the small watersheds).</source>
        <translation>{map}：方案 {scenario} 没有治理紧迫程度排序（请运行第 5 步“小流域排序”）。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/atlas.py" line="151"/>
        <source>{map}: the layer {layer} has no field {field} (run its step again).</source>
        <translation>{map}：图层 {layer} 没有字段 {field}（请重新运行该步骤）。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/atlas.py" line="152"/>
        <source>{map}: the layer {layer} holds no features.</source>
        <translation>{map}：图层 {layer} 中没有要素。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/atlas.py" line="157"/>
        <source>The plan {plan} has no small watersheds: the atlas has one page per small watershed. Run step 1 (Divide into small watersheds) first.</source>
        <translation>规划 {plan} 中没有小流域：图集每个小流域一页。请先运行第 1 步（划分小流域）。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/atlas.py" line="165"/>
        <source>None of the chosen maps can be made: {missing}</source>
        <translation>所选图件均无法生成：{missing}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/design_model.py" line="270"/>
        <source>the plan has no {layer} for scenario {scenario} (run {step})</source>
        <translation>规划中方案 {scenario} 没有 {layer}（请先运行{step}）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/design_model.py" line="271"/>
        <source>{layer} of scenario {scenario} holds no row (run {step})</source>
        <translation>方案 {scenario} 的 {layer} 没有记录（请先运行{step}）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/design_model.py" line="272"/>
        <source>the plan has no {layer} (run {step})</source>
        <translation>规划中没有 {layer}（请先运行{step}）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/design_model.py" line="273"/>
        <source>the parcels hold no sloping cropland (旱地, 水浇地)</source>
        <translation>图斑中没有坡耕地（旱地、水浇地）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/design_model.py" line="274"/>
        <source>the layout of scenario {scenario} terraces no parcel</source>
        <translation>方案 {scenario} 的措施布局中没有梯田图斑</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/design_model.py" line="275"/>
        <source>the measure quantities of scenario {scenario} hold no planting, seeding or site preparation</source>
        <translation>方案 {scenario} 的措施工程量中没有栽植、播种或整地</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/design_model.py" line="278"/>
        <source>the parcels lack the field {field} (run {step})</source>
        <translation>图斑缺少字段 {field}（请先运行{step}）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/design_model.py" line="279"/>
        <source>the parameter tables (land-use classes) could not be read</source>
        <translation>无法读取参数表（地类表）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/design_model.py" line="280"/>
        <source>the quantity items carry no village (run step 4 with the village field)</source>
        <translation>工程量条目没有行政村（请在第 4 步指定行政村字段后重新运行）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/design_model.py" line="283"/>
        <source>{table}: {reason}</source>
        <translation>表 {table}：{reason}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/design_model.py" line="285"/>
        <source>step 2, Analyse parcels</source>
        <translation>第 2 步 图斑分析</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/design_model.py" line="286"/>
        <source>step 2, Summarise small watersheds</source>
        <translation>第 2 步 小流域汇总</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/design_model.py" line="287"/>
        <source>step 3, Assign measures</source>
        <translation>第 3 步 措施配置</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/design_model.py" line="288"/>
        <source>step 4, Terrace quantities</source>
        <translation>第 4 步 梯田工程量</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/design_model.py" line="289"/>
        <source>step 4, Measure quantities</source>
        <translation>第 4 步 措施工程量</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/design_model.py" line="290"/>
        <source>step 4, Estimate investment</source>
        <translation>第 4 步 投资估算</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/design_model.py" line="291"/>
        <source>step 5, Urgency ranking</source>
        <translation>第 5 步 治理紧迫程度排序</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/design_model.py" line="292"/>
        <source>step 5, Evaluate benefits</source>
        <translation>第 5 步 效益计算</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/design_tables.py" line="107"/>
        <source>There is no design table &apos;{table}&apos;; the tables are: {choices}.</source>
        <translation>没有设计表“{table}”；可选的表为：{choices}。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/design_tables.py" line="112"/>
        <source>No design table can be made from the plan {plan} for scenario {scenario} ({reason}); nothing was written. Run steps 2–5 first.</source>
        <translation>无法由规划 {plan} 的方案 {scenario} 生成任何设计表（{reason}），未写出任何文件。请先完成第 2–5 步。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/design_tables.py" line="118"/>
        <source>a field the table needs is missing from the plan: {field} (run the step again)</source>
        <translation>规划中缺少该表所需的字段：{field}（请重新运行相应步骤）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/adapters/docx_export.py" line="57"/>
        <source>The report template {path} cannot be used: {reason}</source>
        <translation>报告模板 {path} 无法使用：{reason}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/adapters/docx_export.py" line="60"/>
        <source>the file does not exist</source>
        <translation>文件不存在</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/adapters/docx_export.py" line="61"/>
        <source>it is not a Word document (.docx or .dotx; an old .doc or .wps must be saved as .docx first)</source>
        <translation>它不是 Word 文档（.docx 或 .dotx；旧的 .doc 或 .wps 文件须先另存为 .docx）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/adapters/docx_export.py" line="64"/>
        <source>Figure {number}: {file} is not a readable image ({reason}); a placeholder is left</source>
        <translation>图 {number}：{file} 不是可读取的图像（{reason}）；已留占位符</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/adapters/report_inputs.py" line="26"/>
        <source>The maps folder {path} does not exist or is not a folder.</source>
        <translation>图件文件夹 {path} 不存在或不是文件夹。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/report.py" line="265"/>
        <source>Chapter {chapters}: the plan has no {layers} for scenario {scenario} (run step {step}, “{algorithm}”); its numbers are left as placeholders</source>
        <translation>第 {chapters} 章：规划中方案 {scenario} 没有 {layers}（请运行第 {step} 步“{algorithm}”）；相应数字以占位符留空</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/report.py" line="270"/>
        <source>Figure {number} {title}: {file} is not in the maps folder {folder}; a placeholder is left</source>
        <translation>图 {number} {title}：图件文件夹 {folder} 中没有 {file}；已留占位符</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/report.py" line="273"/>
        <source>Figures: no maps folder given; the {count} maps are placeholders (run “Export maps” and give its PNG folder)</source>
        <translation>图件：未指定图件文件夹，{count} 幅图均为占位符（请运行“导出图集”并指定其 PNG 文件夹）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/report.py" line="277"/>
        <source>Tables: none of the SL/T 447 tables could be made from this plan</source>
        <translation>表格：无法由该规划生成任何 SL/T 447 设计表</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/adapters/raster.py" line="76"/>
        <source>The DEM's elevations run from {low:.6g} to {high:.6g}: no land surface lies there. Are they in centimetres or decimetres, or scaled without a scale factor in the file? Convert them to metres (Raster ▸ Raster Calculator) and run again.</source>
        <translation>DEM 的高程范围为 {low:.6g} 至 {high:.6g}：没有任何地表处于这一范围。高程是否以厘米或分米为单位，或经过缩放而文件中未记录比例因子？请将其换算为米（栅格 ▸ 栅格计算器）后重新运行。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/adapters/raster.py" line="89"/>
        <source>The DEM &apos;{path}&apos; looks damaged: {cells} cells hold {distinct} different impossible elevations (from {low:.3g} to {high:.3g} m), as a corrupt strip or tile of the file decodes. Restore the file from a backup or export it again.</source>
        <translation>DEM“{path}”似乎已损坏：{cells} 个像元含有 {distinct} 种不同的不可能高程（{low:.3g} 至 {high:.3g} 米），这是文件中损坏的条带或分块解码后的结果。请从备份恢复该文件或重新导出。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/adapters/raster.py" line="102"/>
        <source>The DEM's coordinate system is geographic ({crs}), but its coordinates reach ({x:.6g}, {y:.6g}), which are no longitude and latitude: the coordinate system is probably wrong. Assign the right one (Layer Properties ▸ Source) and run again.</source>
        <translation>DEM 的坐标系是地理坐标系（{crs}），但其坐标达到 ({x:.6g}, {y:.6g})，不是经纬度：坐标系很可能有误。请指定正确的坐标系（图层属性 ▸ 源）后重新运行。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/adapters/raster.py" line="115"/>
        <source>The DEM's cells are {size:.3g} m wide in {crs}: its coordinates are probably degrees, not metres, so the coordinate system is wrong. Assign the right one (Layer Properties ▸ Source) and run again.</source>
        <translation>DEM 的像元在 {crs} 中宽 {size:.3g} 米：其坐标很可能是度而不是米，坐标系有误。请指定正确的坐标系（图层属性 ▸ 源）后重新运行。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/adapters/raster.py" line="124"/>
        <source>The DEM cannot be reprojected from {crs} to {target}: {reason}</source>
        <translation>无法将 DEM 从 {crs} 重投影到 {target}：{reason}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/gully.py" line="725"/>
        <source>Only {pct:.0f} % of the cells of the {count} {what} lie on the DEM's flow paths; the lines lie a median {offset_m:.0f} m from the DEM's channels (cells draining {threshold_km2:g} km²). Do they belong to this DEM (coordinate system, survey)? Check dams would be sited off the channels: correct the lines, or leave the layer empty to derive the channels from the DEM.</source>
        <translation>{count} 条{what}的像元中仅 {pct:.0f}% 位于 DEM 的水流路径上；这些线与 DEM 河道（汇水面积达 {threshold_km2:g} km² 的像元）的距离中位数为 {offset_m:.0f} 米。它们是否属于此 DEM（坐标系、调查来源）？谷坊将布设在河道之外：请修正这些线，或将该图层留空，由 DEM 生成河道。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/gully.py" line="741"/>
        <source>stream lines</source>
        <translation>河道线</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/gully.py" line="742"/>
        <source>surveyed gullies</source>
        <translation>调查沟道</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/adapters/atomic_outputs.py" line="84"/>
        <source>The output {path} was not put in place (the previous one is unchanged): {reason}</source>
        <translation>输出 {path} 未能写入到位（原有输出保持不变）：{reason}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/adapters/atomic_outputs.py" line="91"/>
        <source>The layer name {table} in {path} is reserved for the GeoPackage or the plan itself; choose another name.</source>
        <translation>{path} 中的图层名 {table} 是 GeoPackage 或规划文件自身保留的名称，请另选一个名称。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/adapters/plan_store_common.py" line="197"/>
        <source>No copy of the plan {path} was saved to {target}: {reason}</source>
        <translation>规划 {path} 的副本未能保存到 {target}：{reason}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/adapters/plan_store_common.py" line="201"/>
        <source>that is the plan itself; choose another file name</source>
        <translation>该文件就是规划本身，请另选一个文件名</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/adapters/plan_store_common.py" line="202"/>
        <source>a plan in PostGIS is copied with the database&apos;s own tools (pg_dump --schema=&lt;plan schema&gt;), not from SBPlanner</source>
        <translation>PostGIS 中的规划请用数据库自身的工具复制（pg_dump --schema=&lt;规划模式名&gt;），不能在 SBPlanner 中复制</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/benefits.py" line="213"/>
        <source>{count} parcels have no soil loss (they lie off the DEM): no benefit is counted for them and they are not assessed land in 水土保持率 (never non-eroded).</source>
        <translation>有 {count} 个图斑没有土壤流失量（位于 DEM 之外）：不计其效益，也不作为水土保持率的评价土地（绝不计为无侵蚀）。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/factors.py" line="232"/>
        <source>{factor} ({origin}): {problem} The allowed range is {range} {unit} (factor_plausibility.csv); correct the value or its unit. Nothing was written.</source>
        <translation>{factor}（{origin}）：{problem}允许范围为 {range} {unit}（factor_plausibility.csv）；请更正数值或其单位。未写出任何结果。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/factors.py" line="239"/>
        <source>{value} is impossible.</source>
        <translation>{value} 不可能成立。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/factors.py" line="240"/>
        <source>{count} of the parcels&apos; cells hold impossible values (e.g. {value}; an undeclared nodata value?).</source>
        <translation>图斑范围内有 {count} 个像元的值不可能成立（例如 {value}；是否有未声明的无数据值？）。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/factors.py" line="244"/>
        <source>{count} parcels hold impossible values (e.g. {value}).</source>
        <translation>有 {count} 个图斑的值不可能成立（例如 {value}）。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/measures/assign.py" line="520"/>
        <source>{count} confirmed/overridden parcels of the previous layout match no parcel any more (their shape changed, or they were deleted): their decisions could not be kept; check those parcels again.</source>
        <translation>上一布局中有 {count} 个已确认/已人工调整的图斑已找不到对应图斑（形状已改变或已被删除）：其决定无法保留；请重新检查这些图斑。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/overlaps.py" line="42"/>
        <source>{count} parcels repeat another parcel's geometry (feature ids {pairs}): their land would be counted twice. Delete the duplicates (Vector ▸ Geometry Tools ▸ Delete Duplicate Geometries) and run again.</source>
        <translation>有 {count} 个图斑与另一图斑的几何重复（要素 ID {pairs}）：其土地会被重复计算。请删除重复图斑（矢量 ▸ 几何工具 ▸ 删除重复几何）后重新运行。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/overlaps.py" line="49"/>
        <source>{count} parcels overlap other parcels (feature ids {ids}); {area:.2f} hm² lie in two parcels: that land is counted in both parcels' areas and its DEM cells went to one of them. Fix the overlaps (e.g. the Topology Checker, or Vector ▸ Geometry Tools ▸ Check Validity) and run again.</source>
        <translation>有 {count} 个图斑与其他图斑重叠（要素 ID {ids}）；{area:.2f} hm² 同时位于两个图斑中：这部分土地计入了两个图斑的面积，其 DEM 像元只归入其中一个。请修正重叠（例如使用拓扑检查器，或 矢量 ▸ 几何工具 ▸ 检查有效性）后重新运行。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/params.py" line="33"/>
        <source>&apos;{text}&apos; is not a whole number</source>
        <translation>“{text}”不是整数</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/params.py" line="35"/>
        <source>{text} is outside the allowed range {range}</source>
        <translation>{text} 超出允许范围 {range}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/params.py" line="36"/>
        <source>unknown key &apos;{key}&apos; (it is not read: a misspelt name?)</source>
        <translation>未知键“{key}”（不会被读取：名称拼写错误？）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/params.py" line="39"/>
        <source>Parameter table {file}, line {line}, column &apos;{column}&apos;: {text} lies outside the usual range {range}{hint}; check it before using the results.</source>
        <translation>参数表 {file} 第 {line} 行“{column}”列：{text} 超出常见范围 {range}{hint}；使用结果前请核对。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/params.py" line="45"/>
        <source> (a percentage: 73, not 0.73?)</source>
        <translation>（应为百分数：73 而不是 0.73？）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/params.py" line="46"/>
        <source> (a fraction 0–1, not a percentage?)</source>
        <translation>（应为 0–1 的小数而不是百分数？）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/params.py" line="504"/>
        <source>the lower bound of class {cls} ({value:g}) is not above that of class {previous} ({lower:g})</source>
        <translation>第 {cls} 级的下限（{value:g}）不大于第 {previous} 级的下限（{lower:g}）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/params.py" line="507"/>
        <source>the allowable soil loss {value:g} of region {region} is not below {upper:g}, the lower bound of the next erosion class (erosion_classes.csv)</source>
        <translation>区域 {region} 的容许土壤流失量 {value:g} 不小于 {upper:g}，即下一侵蚀强度等级的下限（erosion_classes.csv）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/parcels.py" line="98"/>
        <source>The soil loss of {count} DEM cells is not a finite number (a factor far too large?); nothing was written.</source>
        <translation>{count} 个 DEM 像元的土壤流失量不是有限数值（某个因子过大？）；未写出任何结果。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/parcels.py" line="523"/>
        <source>a finite number of t/(km²·a)</source>
        <translation>以 t/(km²·a) 计的有限数值</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/parcels.py" line="524"/>
        <source>it must lie below {upper:g} t/(km²·a), the lower bound of 中度 (SL 190-2007)</source>
        <translation>必须小于 {upper:g} t/(km²·a)，即中度侵蚀的下限（SL 190-2007）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/parcels.py" line="633"/>
        <source>{what}: {count} values lie outside 0–1 and 0–100 % (e.g. {value:g}): neither a fraction nor a percentage. Correct them (or declare the raster's nodata value); nothing was written.</source>
        <translation>{what}：有 {count} 个值既不在 0–1 也不在 0–100 % 之内（例如 {value:g}），既不是小数也不是百分数。请更正（或声明栅格的无数据值）；未写出任何结果。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/parcels.py" line="640"/>
        <source>{what}: {count} values above 1 among fractions were read as percentages (55 → 0.55), the others as fractions; check the values.</source>
        <translation>{what}：小数中有 {count} 个大于 1 的值按百分数读取（55 → 0.55），其余按小数读取；请核对这些值。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/parcels.py" line="645"/>
        <source>{what}: {count} values from 0 to 1 among percentages were read as percentages too (0.6 → 0.6 %); if they are fractions, write them as percentages.</source>
        <translation>{what}：百分数中有 {count} 个 0 到 1 之间的值同样按百分数读取（0.6 → 0.6 %）；如果它们是小数，请改写为百分数。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/parcels.py" line="650"/>
        <source>field {field}</source>
        <translation>字段 {field}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/parcels.py" line="651"/>
        <source>cover raster {path}</source>
        <translation>覆盖度栅格 {path}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/summaries.py" line="337"/>
        <source>{count} parcels have no usable area_ha (negative, empty or not a number; e.g. row {row}: &apos;{value}&apos;). Run &apos;Analyse parcels&apos; again, or correct the field.</source>
        <translation>有 {count} 个图斑没有可用的 area_ha（为负、为空或不是数字；例如第 {row} 行：“{value}”）。请重新运行“图斑分析”，或更正该字段。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/summaries.py" line="349"/>
        <source>None of the {count} parcels has a soil loss (they lie off the DEM, or their land use is not recognised): there is nothing to summarise. Run &apos;Analyse parcels&apos; with a DEM that covers them.</source>
        <translation>{count} 个图斑均没有土壤流失量（位于 DEM 之外或地类无法识别）：没有可汇总的内容。请用覆盖这些图斑的 DEM 运行“图斑分析”。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/landuse.py" line="47"/>
        <source>3rd land survey / GB/T 21010-2017</source>
        <translation>三调 / GB/T 21010—2017</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/landuse.py" line="48"/>
        <source>2nd land survey / GB/T 21010-2007</source>
        <translation>二调 / GB/T 21010—2007</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/errors.py" line="153"/>
        <source>Tiled processing of large DEMs needs the optional Python packages {packages}, which are missing or unusable. Install them with this command (in a terminal; on Windows in the OSGeo4W Shell), then restart QGIS:
{command}</source>
        <translation>大范围 DEM 的分块处理需要可选的 Python 包 {packages}，它们缺失或无法使用。请用下面的命令安装（在终端中；Windows 上在 OSGeo4W Shell 中），然后重启 QGIS：
{command}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/errors.py" line="166"/>
        <source>The tile at row offset {row}, column offset {col} ({rows} × {cols} cells) failed in the stage '{stage}': {reason}</source>
        <translation>行偏移 {row}、列偏移 {col} 处的分块（{rows} × {cols} 个栅格）在阶段“{stage}”中失败：{reason}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/errors.py" line="178"/>
        <source>The work folder &apos;{path}&apos; holds the tiles of another run (another DEM, DEM file version or tile size); choose an empty work folder or delete this one.</source>
        <translation>工作文件夹“{path}”存放的是另一次运行（另一个 DEM、DEM 文件版本或分块大小）的分块；请选择一个空的工作文件夹，或删除此文件夹。</translation>
    </message>
</context>
<context>
    <name>SbPlannerFeatures</name>
    <message>
        <location filename="../sbplanner_plugin/adapters/features.py" line="390"/>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/adapters/features.py" line="418"/>
        <source>features</source>
        <translation>要素</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/adapters/features.py" line="420"/>
        <source>{0} invalid geometries of the {1} were repaired.</source>
        <translation>{1}中有 {0} 个无效几何已修复。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/adapters/features.py" line="426"/>
        <source>{0} {1} without a geometry were skipped.</source>
        <translation>{0} 个无几何的{1}已跳过。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/adapters/features.py" line="432"/>
        <source>{0} {1} were skipped: their repaired geometry is not of the layer&apos;s type.</source>
        <translation>{0} 个{1}已跳过：修复后的几何类型与图层类型不符。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/adapters/features.py" line="332"/>
        <source>The layer &apos;{0}&apos; has no coordinate reference system; its coordinates are taken as the DEM&apos;s ({1}).</source>
        <translation>图层“{0}”没有坐标参考系；其坐标按 DEM 的坐标系（{1}）处理。</translation>
    </message>
</context>
<context>
    <name>SbPlannerInvestment</name>
    <message>
        <location filename="../sbplanner_plugin/core/investment.py" line="41"/>
        <source>Part 1 Engineering measures</source>
        <translation>第一部分 工程措施</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/investment.py" line="42"/>
        <source>Part 2 Forest and grass measures</source>
        <translation>第二部分 林草措施</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/investment.py" line="43"/>
        <source>Part 3 Closure measures</source>
        <translation>第三部分 封育治理措施</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/investment.py" line="44"/>
        <source>Part 4 Independent costs</source>
        <translation>第四部分 独立费用</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/investment.py" line="46"/>
        <source>central government</source>
        <translation>中央投资</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/investment.py" line="46"/>
        <source>local government</source>
        <translation>地方投资</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/investment.py" line="46"/>
        <source>farmers&apos; own contribution</source>
        <translation>群众自筹</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/investment.py" line="46"/>
        <source>private investment</source>
        <translation>民间投资</translation>
    </message>
</context>
<context>
    <name>SbPlannerItems</name>
    <message>
        <location filename="../sbplanner_plugin/core/quantities/items.py" line="70"/>
        <source>area</source>
        <translation>面积</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/quantities/items.py" line="71"/>
        <source>number of works</source>
        <translation>数量（座）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/quantities/items.py" line="72"/>
        <source>length</source>
        <translation>长度</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/quantities/items.py" line="73"/>
        <source>earth excavation</source>
        <translation>土方开挖</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/quantities/items.py" line="74"/>
        <source>earth fill</source>
        <translation>土方回填</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/quantities/items.py" line="75"/>
        <source>rock excavation</source>
        <translation>石方挖方</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/quantities/items.py" line="76"/>
        <source>rock fill</source>
        <translation>石方回填</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/quantities/items.py" line="77"/>
        <source>concrete</source>
        <translation>混凝土</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/quantities/items.py" line="78"/>
        <source>mortar rubble masonry</source>
        <translation>浆砌石</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/quantities/items.py" line="81"/>
        <source>dry stone masonry</source>
        <translation>干砌石</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/quantities/items.py" line="82"/>
        <source>site preparation pits</source>
        <translation>整地（穴）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/quantities/items.py" line="83"/>
        <source>trees planted</source>
        <translation>栽植乔木</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/quantities/items.py" line="84"/>
        <source>shrubs planted</source>
        <translation>栽植灌木</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/quantities/items.py" line="85"/>
        <source>grass sown</source>
        <translation>种草</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/quantities/items.py" line="86"/>
        <source>grass seed</source>
        <translation>播种量</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/quantities/items.py" line="87"/>
        <source>fence</source>
        <translation>围栏</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/quantities/items.py" line="88"/>
        <source>signs</source>
        <translation>标志牌</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/quantities/items.py" line="89"/>
        <source>storage capacity</source>
        <translation>库容</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/quantities/items.py" line="90"/>
        <source>labour</source>
        <translation>投工</translation>
    </message>
</context>
<context>
    <name>SbPlannerLanguage</name>
    <message>
        <location filename="../sbplanner_plugin/gui/names.py" line="231"/>
        <source>en</source>
        <translation>zh</translation>
    </message>
</context>
<context>
    <name>SbPlannerMeasures</name>
    <message>
        <location filename="../sbplanner_plugin/core/measures/messages.py" line="15"/>
        <source>Unknown measure code &apos;{measure}&apos;.</source>
        <translation>未知的措施编码“{measure}”。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/measures/messages.py" line="16"/>
        <source>{measure} is a {geometry} work: place it on the map instead of assigning it to a parcel.</source>
        <translation>{measure} 是 {geometry}（线状/点状）工程：请在地图上布设，不要配置到图斑。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/measures/messages.py" line="22"/>
        <source>Parcel slope {slope:.1f}° is outside the range of {measure} ({low:g}–{high:g}°).</source>
        <translation>图斑坡度 {slope:.1f}° 超出 {measure} 的适用坡度范围（{low:g}–{high:g}°）。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/measures/messages.py" line="29"/>
        <source>The parcel is already terraced (三调 GDLX = TT): {measure} would terrace it again.</source>
        <translation>该图斑已是梯田（三调 GDLX = TT）：{measure} 会重复修建梯田。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/measures/messages.py" line="36"/>
        <source>Rule {rule} would terrace {count} parcels that are already terraced (GDLX = TT); it was skipped for them.</source>
        <translation>规则 {rule} 会对 {count} 个已是梯田（GDLX = TT）的图斑重复修建梯田；这些图斑已跳过该规则。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/measures/messages.py" line="44"/>
        <source>{count} parcels match no rule and get no measure; add a rule or assign them by hand.</source>
        <translation>{count} 个图斑未匹配任何规则，未配置措施；请添加规则或手工配置。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/measures/messages.py" line="47"/>
        <source>{count} parcels flagged 退耕确有困难 on ≥ 25° had no measure from the rules; they get the terrace of the steepest cropland rule.</source>
        <translation>{count} 个标记为“退耕确有困难”的 ≥ 25° 图斑未由规则得到措施；已为其配置坡度最陡一条耕地规则中的梯田。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/measures/messages.py" line="25"/>
        <source>Cropland beyond the prohibited-cultivation slope ({limit}°; slope {slope:.1f}°) stays cropped: the Soil and Water Conservation Law (Art. 20) requires retiring it to forest and grass unless it is flagged 退耕确有困难.</source>
        <translation>超过禁垦坡度（{limit}°；坡度 {slope:.1f}°）的耕地仍在耕种：《水土保持法》第二十条要求退耕还林还草，除非标记为“退耕确有困难”。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/measures/messages.py" line="32"/>
        <source>Rule {rule} would keep {count} cropland parcels beyond the prohibited-cultivation slope ({limit}°) cropped ({measures}); the Soil and Water Conservation Law rule retires them instead.</source>
        <translation>规则 {rule} 会使 {count} 个超过禁垦坡度（{limit}°）的耕地图斑继续耕种（{measures}）；已按《水土保持法》规则改为退耕。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/measures/messages.py" line="51"/>
        <source>{count} cropland parcels are beyond the prohibited-cultivation slope ({limit}°) by their 三调 slope grade GDPDJB.</source>
        <translation>{count} 个耕地图斑按三调耕地坡度级别 GDPDJB 判定为超过禁垦坡度（{limit}°）。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/measures/messages.py" line="55"/>
        <source>{count} cropland parcels lie (≥ 50 % of their area) inside the prohibited-cultivation area (禁垦范围) and are treated as beyond the limit.</source>
        <translation>{count} 个耕地图斑（面积 ≥ 50 %）位于禁垦范围内，按超过禁垦坡度处理。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/measures/messages.py" line="59"/>
        <source>{count} cropland parcels have a DEM mean slope ≥ {limit}° but a 三调 slope grade GDPDJB at or below the limit; they are treated as beyond the limit by the DEM: check them.</source>
        <translation>{count} 个耕地图斑 DEM 平均坡度 ≥ {limit}°，但三调耕地坡度级别 GDPDJB 不超过禁垦坡度；已按 DEM 判定为超过禁垦坡度，请核查。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/measures/messages.py" line="40"/>
        <source>{count} paddy parcels lie on ≥ {limit}°: the slope-limit rule is not applied to bunded paddies; check them.</source>
        <translation>{count} 个水田图斑坡度 ≥ {limit}°：禁垦坡度规则不适用于筑埂水田，请核查。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/measures/messages.py" line="19"/>
        <source>{measure} does not apply to land use {landuse} (it applies to: {groups}).</source>
        <translation>{measure} 不适用于地类 {landuse}（仅适用于{groups}）。</translation>
    </message>
</context>
<context>
    <name>SbPlannerNames</name>
    <message>
        <location filename="../sbplanner_plugin/gui/names.py" line="30"/>
        <source>Back ditch</source>
        <translation>背沟</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/names.py" line="31"/>
        <source>Bench height</source>
        <translation>台阶高度</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/names.py" line="32"/>
        <source>Bench share of the slope</source>
        <translation>田面占坡面比例</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/names.py" line="33"/>
        <source>Bench width</source>
        <translation>田面宽度</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/names.py" line="34"/>
        <source>Bottom width</source>
        <translation>底宽</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/names.py" line="35"/>
        <source>Storage capacity</source>
        <translation>库容</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/names.py" line="36"/>
        <source>Dam class</source>
        <translation>坝型等级</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/names.py" line="37"/>
        <source>Cover crop</source>
        <translation>覆盖作物</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/names.py" line="38"/>
        <source>Crest width</source>
        <translation>顶宽</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/names.py" line="39"/>
        <source>Crop years</source>
        <translation>种植作物年数</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/names.py" line="40"/>
        <source>Planting density</source>
        <translation>造林密度</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/names.py" line="41"/>
        <source>Depth</source>
        <translation>深度</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/names.py" line="42"/>
        <source>Design flood</source>
        <translation>设计洪水标准</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/names.py" line="43"/>
        <source>Design storm</source>
        <translation>设计暴雨标准</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/names.py" line="44"/>
        <source>Pit diameter</source>
        <translation>穴径</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/names.py" line="45"/>
        <source>Drainage</source>
        <translation>排水</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/names.py" line="46"/>
        <source>Fence</source>
        <translation>围栏</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/names.py" line="47"/>
        <source>Fertiliser</source>
        <translation>施肥</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/names.py" line="48"/>
        <source>Field road</source>
        <translation>田间道路</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/names.py" line="49"/>
        <source>Front ridge, back ditch</source>
        <translation>前埂后沟</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/names.py" line="50"/>
        <source>Grass seed</source>
        <translation>草籽用量</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/names.py" line="51"/>
        <source>Grass years</source>
        <translation>种草年数</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/names.py" line="52"/>
        <source>Height</source>
        <translation>高度</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/names.py" line="53"/>
        <source>Lining</source>
        <translation>衬砌</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/names.py" line="54"/>
        <source>Lip ridge height</source>
        <translation>田埂高度</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/names.py" line="55"/>
        <source>Long diameter</source>
        <translation>长径</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/names.py" line="56"/>
        <source>Sowing method</source>
        <translation>播种方式</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/names.py" line="57"/>
        <source>Mixture</source>
        <translation>混交方式</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/names.py" line="58"/>
        <source>Pattern</source>
        <translation>种植方式</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/names.py" line="59"/>
        <source>Planting pit</source>
        <translation>整地穴</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/names.py" line="60"/>
        <source>Pit spacing</source>
        <translation>坑距</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/names.py" line="61"/>
        <source>Planting</source>
        <translation>种植</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/names.py" line="62"/>
        <source>Ranger</source>
        <translation>管护人员</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/names.py" line="63"/>
        <source>Replanting</source>
        <translation>补植</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/names.py" line="64"/>
        <source>Replanting density</source>
        <translation>补植密度</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/names.py" line="65"/>
        <source>Residue cover</source>
        <translation>残茬覆盖度</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/names.py" line="66"/>
        <source>Reverse slope</source>
        <translation>反坡坡度</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/names.py" line="67"/>
        <source>Ridge direction</source>
        <translation>垄向</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/names.py" line="69"/>
        <source>Ridge height</source>
        <translation>埂高</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/names.py" line="70"/>
        <source>Ridge side slope (1:m)</source>
        <translation>埂坡（1:m）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/names.py" line="72"/>
        <source>Ridge spacing</source>
        <translation>垄距</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/names.py" line="73"/>
        <source>Ridge top width</source>
        <translation>埂顶宽</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/names.py" line="74"/>
        <source>Riser</source>
        <translation>田坎类型</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/names.py" line="75"/>
        <source>Riser angle</source>
        <translation>田坎坡度</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/names.py" line="76"/>
        <source>Grass on the riser</source>
        <translation>田坎种草</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/names.py" line="77"/>
        <source>Maximum riser height</source>
        <translation>最大田坎高度</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/names.py" line="78"/>
        <source>Riser repair</source>
        <translation>田坎修复</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/names.py" line="79"/>
        <source>Row spacing</source>
        <translation>行距</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/names.py" line="80"/>
        <source>Seed rate</source>
        <translation>播种量</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/names.py" line="81"/>
        <source>Short diameter</source>
        <translation>短径</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/names.py" line="82"/>
        <source>Signboards</source>
        <translation>标志牌</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/names.py" line="83"/>
        <source>Silting period</source>
        <translation>淤积年限</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/names.py" line="84"/>
        <source>Site preparation</source>
        <translation>整地方式</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/names.py" line="85"/>
        <source>Spacing</source>
        <translation>株行距</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/names.py" line="86"/>
        <source>Spacing rule</source>
        <translation>间距公式</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/names.py" line="87"/>
        <source>Species</source>
        <translation>树草种</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/names.py" line="88"/>
        <source>Step height</source>
        <translation>台阶高</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/names.py" line="89"/>
        <source>Step width</source>
        <translation>台阶宽</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/names.py" line="90"/>
        <source>Strip spacing</source>
        <translation>带间距</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/names.py" line="91"/>
        <source>Strip width</source>
        <translation>带宽</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/names.py" line="92"/>
        <source>Surface</source>
        <translation>路面</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/names.py" line="93"/>
        <source>Target vegetation cover</source>
        <translation>目标植被覆盖度</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/names.py" line="94"/>
        <source>Target canopy density</source>
        <translation>目标郁闭度</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/names.py" line="95"/>
        <source>Terraced beds</source>
        <translation>修筑梯台</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/names.py" line="96"/>
        <source>Tie spacing</source>
        <translation>竹节间距</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/names.py" line="97"/>
        <source>Tie width</source>
        <translation>竹节宽度</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/names.py" line="98"/>
        <source>Top width</source>
        <translation>上口宽</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/names.py" line="99"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/names.py" line="100"/>
        <source>Volume</source>
        <translation>容积</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/names.py" line="101"/>
        <source>Wall top width</source>
        <translation>墙顶宽</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/names.py" line="102"/>
        <source>Width</source>
        <translation>宽度</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/names.py" line="103"/>
        <source>Closure period</source>
        <translation>封育年限</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/names.py" line="108"/>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/names.py" line="109"/>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/names.py" line="110"/>
        <source>automatic (from the slope)</source>
        <translation>自动（按坡度）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/names.py" line="111"/>
        <source>earth</source>
        <translation>土坎</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/names.py" line="112"/>
        <source>dry stone</source>
        <translation>干砌石坎</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/names.py" line="113"/>
        <source>gravel</source>
        <translation>砂石</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/names.py" line="114"/>
        <source>masonry</source>
        <translation>浆砌石</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/names.py" line="115"/>
        <source>wire netting</source>
        <translation>铁丝网</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/names.py" line="116"/>
        <source>small</source>
        <translation>小型</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/names.py" line="117"/>
        <source>along the contour</source>
        <translation>沿等高线</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/names.py" line="118"/>
        <source>contour strips</source>
        <translation>等高带状</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/names.py" line="119"/>
        <source>by region</source>
        <translation>按区域</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/names.py" line="120"/>
        <source>earth or stone</source>
        <translation>土石</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/names.py" line="121"/>
        <source>ecological revetment</source>
        <translation>生态护岸</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/names.py" line="122"/>
        <source>masonry or stone</source>
        <translation>浆砌石或干砌石</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/names.py" line="123"/>
        <source>stone or eco-bags</source>
        <translation>石料或生态袋</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/names.py" line="124"/>
        <source>10-year</source>
        <translation>10 年一遇</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/names.py" line="125"/>
        <source>10-year 24-hour</source>
        <translation>10 年一遇 24 h</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/names.py" line="126"/>
        <source>10-year 3–6-hour</source>
        <translation>10 年一遇 3–6 h</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/names.py" line="127"/>
        <source>strip or broadcast sowing</source>
        <translation>条播或撒播</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/names.py" line="128"/>
        <source>trees, shrubs and grass</source>
        <translation>乔灌草混交</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/names.py" line="129"/>
        <source>trees and shrubs in rows</source>
        <translation>乔灌行间混交</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/names.py" line="130"/>
        <source>round pit 0.5 × 0.4 m</source>
        <translation>穴状 0.5 × 0.4 m</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/names.py" line="131"/>
        <source>large fruit-tree pit</source>
        <translation>大果树穴</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/names.py" line="132"/>
        <source>grass and shrubs</source>
        <translation>草灌</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/names.py" line="133"/>
        <source>broadleaf trees and shrubs</source>
        <translation>阔叶树和灌木</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/names.py" line="134"/>
        <source>as the level-terrace spacing</source>
        <translation>同水平梯田间距</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/names.py" line="135"/>
        <source>fish-scale pits</source>
        <translation>鱼鳞坑</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/names.py" line="136"/>
        <source>legume grass</source>
        <translation>豆科牧草</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/names.py" line="137"/>
        <source>local broadleaf trees</source>
        <translation>乡土阔叶树</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/names.py" line="138"/>
        <source>local broadleaf or economic trees</source>
        <translation>乡土阔叶树或经济林树种</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/names.py" line="139"/>
        <source>local fruit trees or oil tea</source>
        <translation>当地果树或油茶</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/names.py" line="140"/>
        <source>local grass and shrubs</source>
        <translation>乡土草灌</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/names.py" line="141"/>
        <source>local grass, shrubs and trees</source>
        <translation>乡土草灌乔</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/names.py" line="142"/>
        <source>local hedge shrubs or grass</source>
        <translation>当地绿篱灌木或草</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/names.py" line="143"/>
        <source>local shrubs</source>
        <translation>乡土灌木</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/names.py" line="151"/>
        <source>cropland</source>
        <translation>耕地</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/names.py" line="152"/>
        <source>garden land</source>
        <translation>园地</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/names.py" line="153"/>
        <source>forest land</source>
        <translation>林地</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/names.py" line="154"/>
        <source>grassland</source>
        <translation>草地</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/names.py" line="155"/>
        <source>commercial land</source>
        <translation>商服用地</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/names.py" line="156"/>
        <source>industrial, mining and storage land</source>
        <translation>工矿仓储用地</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/names.py" line="157"/>
        <source>residential land</source>
        <translation>住宅用地</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/names.py" line="158"/>
        <source>public administration and service land</source>
        <translation>公共管理与公共服务用地</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/names.py" line="159"/>
        <source>special land</source>
        <translation>特殊用地</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/names.py" line="160"/>
        <source>transport land</source>
        <translation>交通运输用地</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/names.py" line="161"/>
        <source>water and water-conservancy land</source>
        <translation>水域及水利设施用地</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/names.py" line="162"/>
        <source>other land</source>
        <translation>其他土地</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/names.py" line="167"/>
        <source>Engineering measures</source>
        <translation>工程措施</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/names.py" line="168"/>
        <source>Vegetative measures</source>
        <translation>林草措施</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/names.py" line="169"/>
        <source>Tillage measures</source>
        <translation>耕作措施</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/names.py" line="170"/>
        <source>Closure for restoration</source>
        <translation>封育治理</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/names.py" line="236"/>
        <source>confirmed</source>
        <translation>已核实</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/names.py" line="237"/>
        <source>partly confirmed</source>
        <translation>部分核实</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/names.py" line="238"/>
        <source>unverified</source>
        <translation>未核实</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/names.py" line="239"/>
        <source>derived</source>
        <translation>推算</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/names.py" line="240"/>
        <source>proposal</source>
        <translation>建议值</translation>
    </message>
</context>
<context>
    <name>SbPlannerProvider</name>
    <message>
        <location filename="../sbplanner_plugin/processing/provider.py" line="56"/>
        <source>SBPlanner</source>
        <translation>SBPlanner</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/provider.py" line="59"/>
        <source>SBPlanner — small-watershed soil and water conservation planning</source>
        <translation>SBPlanner — 小流域水土保持综合治理规划</translation>
    </message>
</context>
<context>
    <name>SbPlannerStages</name>
    <message>
        <location filename="../sbplanner_plugin/core/delineation.py" line="99"/>
        <source>snapping outlets</source>
        <translation>捕捉出口点</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/delineation.py" line="104"/>
        <source>catchments</source>
        <translation>划分集水区</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/division.py" line="393"/>
        <source>done</source>
        <translation>完成</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/division.py" line="306"/>
        <source>micro-watersheds</source>
        <translation>划分微流域</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/division.py" line="314"/>
        <source>aggregating</source>
        <translation>合并为小流域</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/division.py" line="330"/>
        <source>merging small units</source>
        <translation>合并面积过小的单元</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/division.py" line="358"/>
        <source>attributes</source>
        <translation>计算特征值</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/division.py" line="391"/>
        <source>channels</source>
        <translation>提取沟道</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/hydrology.py" line="161"/>
        <source>filling depressions</source>
        <translation>填洼</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/hydrology.py" line="170"/>
        <source>flow accumulation</source>
        <translation>汇流累积</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/gully.py" line="1002"/>
        <source>Following the stream lines on the DEM</source>
        <translation>正在将河网线与 DEM 水流路径匹配</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/gully.py" line="1029"/>
        <source>Siting check dams</source>
        <translation>正在布设谷坊</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/gully.py" line="1090"/>
        <source>Finding gully heads in cropland</source>
        <translation>正在查找耕地中的沟头</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/gully.py" line="1135"/>
        <source>Siting intercepting ditches</source>
        <translation>正在布设截水沟</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/quantities/layout.py" line="58"/>
        <source>Tracing terrace lines</source>
        <translation>正在追踪梯田田坎线</translation>
    </message>
</context>
<context>
    <name>SbPlannerStaleness</name>
    <message>
        <location filename="../sbplanner_plugin/core/staleness.py" line="28"/>
        <source>small-watershed division</source>
        <translation>小流域划分</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/staleness.py" line="29"/>
        <source>parcel analysis</source>
        <translation>图斑分析</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/staleness.py" line="30"/>
        <source>measure layout</source>
        <translation>措施布局</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/staleness.py" line="31"/>
        <source>quantities and investment</source>
        <translation>工程量与投资</translation>
    </message>
</context>
<context>
    <name>ScenarioBar</name>
    <message>
        <location filename="../sbplanner_plugin/gui/scenario_bar.py" line="42"/>
        <source>The scenario steps 3–5 work on: measures, quantities, investment, ranking and benefits are kept per scenario; watersheds and parcels (steps 1–2) are shared</source>
        <translation>第 3–5 步所用的方案：措施、工程量、投资、排序和效益按方案分别保存；流域和图斑（第 1–2 步）各方案共用</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/scenario_bar.py" line="48"/>
        <source>Copy…</source>
        <translation>复制…</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/scenario_bar.py" line="49"/>
        <source>Copy the current scenario (its measures and results) into a new one</source>
        <translation>将当前方案（含措施和成果）复制为新方案</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/scenario_bar.py" line="51"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/scenario_bar.py" line="52"/>
        <source>Delete the current scenario and its layers (not the baseline)</source>
        <translation>删除当前方案及其图层（现状方案不可删除）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/scenario_bar.py" line="61"/>
        <source>Scenario</source>
        <translation>方案</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/scenario_bar.py" line="128"/>
        <source>Copy scenario</source>
        <translation>复制方案</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/scenario_bar.py" line="128"/>
        <source>Name of the new scenario (e.g. Plan B):</source>
        <translation>新方案名称（如 方案二）：</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/scenario_bar.py" line="153"/>
        <source>Delete scenario</source>
        <translation>删除方案</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/scenario_bar.py" line="153"/>
        <source>Delete the scenario {0} with its measures, quantities and results? This cannot be undone.</source>
        <translation>删除方案 {0} 及其措施、工程量和成果？此操作不可撤销。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/scenario_bar.py" line="98"/>
        <source>Baseline</source>
        <translation>现状方案</translation>
    </message>
</context>
<context>
    <name>SlopeFarmlandPriority</name>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/slope_farmland_priority.py" line="67"/>
        <source>5 · Ranking and benefits</source>
        <translation>5 · 排序与效益</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/slope_farmland_priority.py" line="73"/>
        <source>Sloping farmland priority (坡改梯 / 坡耕地综合整治)</source>
        <translation>坡耕地治理优先序（坡改梯 / 坡耕地综合整治）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/slope_farmland_priority.py" line="76"/>
        <source>Scores every sloping-cropland parcel 0–100 for terracing (坡改梯) or 坡耕地综合整治, ranks the parcels within each small watershed and selects the terracing programme within an area budget.

Candidates: cropland other than paddy (GB/T 21010 01 but 0101) with a mean slope from 5° to below 25° (ranking_params.csv or the parameters), not beyond the limit by 三调 GDPDJB and not terraced already (GDLX = TT).

Indicators (resources/params/farmland_priority_indicators.csv, same machinery as the urgency ranking): slope, soil loss, soil depth (field, optional), distance to the nearest village, road and water (近村、近路、近水; optional layers, negative: nearer is higher) and the area of the contiguous block (集中连片: candidate parcels touching or within the block gap of each other). Min–max normalisation over all candidates, weights direct or AHP (CR &lt; 0.10), an indicator without data or constant is left out with its weight redistributed.

Selection: in score order, parcels of blocks of at least the minimum block size are selected while the selected area stays within the budget (0 = no budget: all of them); a parcel that would exceed the budget is passed over.

Output fields: priority_score, priority_rank (1 = first within its small watershed), block_id (1 = the largest block), block_area_ha, block_eligible, selected, missing_indicators, n_&lt;key&gt; and v_&lt;key&gt;.</source>
        <translation>为每个坡耕地图斑计算坡改梯或坡耕地综合整治的 0–100 优先得分，在各小流域内排序，并在面积规模内选定坡改梯实施图斑。

候选图斑：水田以外的耕地（GB/T 21010 01 类，0101 除外），平均坡度 5° 至 25° 以下（ranking_params.csv 或参数设定），按三调耕地坡度级别 GDPDJB 未超过限值，且尚未梯化（GDLX = TT）。

指标（resources/params/farmland_priority_indicators.csv，与紧迫程度排序相同的计算方法）：坡度、土壤侵蚀模数、土层厚度（字段，可选）、距最近村庄、道路和水源的距离（近村、近路、近水；可选图层，负向：越近越优先）以及所在连片地块的面积（集中连片：相互接触或间距不超过连片间距的候选图斑）。在全部候选图斑中按最小–最大值标准化，权重为直接权重或 AHP（CR &lt; 0.10），无数据或取值相同的指标不参与计算，其权重重新分配。

选定：按得分由高到低，连片面积不小于最小连片面积的图斑在累计面积不超过面积规模时入选（0 = 不限规模：全部入选）；会超出规模的图斑跳过。

输出字段：priority_score、priority_rank（在所在小流域内的名次，1 = 第一）、block_id（1 = 最大的连片地块）、block_area_ha、block_eligible、selected、missing_indicators、n_&lt;键&gt; 和 v_&lt;键&gt;。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/slope_farmland_priority.py" line="96"/>
        <source>Analysed parcels (step 2)</source>
        <translation>分析后的图斑（第 2 步）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/slope_farmland_priority.py" line="101"/>
        <source>Villages (近村; optional)</source>
        <translation>村庄（近村；可选）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/slope_farmland_priority.py" line="101"/>
        <source>Roads (近路; optional)</source>
        <translation>道路（近路；可选）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/slope_farmland_priority.py" line="101"/>
        <source>Water: rivers, ponds, reservoirs (近水; optional)</source>
        <translation>水源：河流、坑塘、水库（近水；可选）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/slope_farmland_priority.py" line="111"/>
        <source>Soil depth field (m; optional)</source>
        <translation>土层厚度字段（m；可选）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/slope_farmland_priority.py" line="120"/>
        <source>Indicator table (CSV; default farmland_priority_indicators.csv)</source>
        <translation>指标表（CSV；默认 farmland_priority_indicators.csv）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/slope_farmland_priority.py" line="128"/>
        <source>Extra indicators from parcel fields (field:+1:0.1;field2:-1:0.05)</source>
        <translation>由图斑字段追加的指标（字段:+1:0.1;字段2:-1:0.05）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/slope_farmland_priority.py" line="135"/>
        <source>AHP pairwise matrix (CSV; optional)</source>
        <translation>AHP 判断矩阵（CSV；可选）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/slope_farmland_priority.py" line="141"/>
        <source>Area budget of the terracing programme (hm²; 0 = no budget)</source>
        <translation>坡改梯实施面积规模（hm²；0 = 不限）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/slope_farmland_priority.py" line="141"/>
        <source>Minimum contiguous block (hm²; empty = ranking_params.csv)</source>
        <translation>最小连片面积（hm²；留空 = ranking_params.csv）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/slope_farmland_priority.py" line="141"/>
        <source>Block gap: parcels this close form one block (m; empty = ranking_params.csv)</source>
        <translation>连片间距：间距在此以内的图斑归为一个连片地块（m；留空 = ranking_params.csv）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/slope_farmland_priority.py" line="141"/>
        <source>Lowest slope of sloping cropland (°; empty = ranking_params.csv)</source>
        <translation>坡耕地最小坡度（°；留空 = ranking_params.csv）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/slope_farmland_priority.py" line="141"/>
        <source>Slope limit: from here 退耕, not 坡改梯 (°; empty = ranking_params.csv)</source>
        <translation>坡度上限：达到此坡度应退耕而非坡改梯（°；留空 = ranking_params.csv）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/slope_farmland_priority.py" line="154"/>
        <source>Sloping farmland priority</source>
        <translation>坡耕地治理优先序</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/slope_farmland_priority.py" line="159"/>
        <source>Candidate parcels</source>
        <translation>候选图斑数</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/slope_farmland_priority.py" line="159"/>
        <source>Contiguous blocks</source>
        <translation>连片地块数</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/slope_farmland_priority.py" line="159"/>
        <source>Parcels selected</source>
        <translation>入选图斑数</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/slope_farmland_priority.py" line="159"/>
        <source>Area selected (hm²)</source>
        <translation>入选面积（hm²）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/slope_farmland_priority.py" line="229"/>
        <source>Weights used: {0}.</source>
        <translation>采用的权重：{0}。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/slope_farmland_priority.py" line="230"/>
        <source>{0} candidate parcels ({1:.2f} hm²) in {2} contiguous blocks; {3} selected, {4:.2f} hm².</source>
        <translation>{0} 个候选图斑（{1:.2f} hm²），分属 {2} 个连片地块；入选 {3} 个，{4:.2f} hm²。</translation>
    </message>
</context>
<context>
    <name>Step</name>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/base.py" line="54"/>
        <source>(coming)</source>
        <translation>（即将推出）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/base.py" line="100"/>
        <source>This step will come in a later version of SBPlanner.</source>
        <translation>此步骤将在 SBPlanner 的后续版本中提供。</translation>
    </message>
</context>
<context>
    <name>SuggestGullyWorks</name>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/suggest_gully_works.py" line="114"/>
        <source>3 · Measures</source>
        <translation>3 · 措施配置</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/suggest_gully_works.py" line="120"/>
        <source>Suggest gully works: check dams, gully-head protection, intercepting ditches</source>
        <translation>沟道工程建议：谷坊、沟头防护、截水沟</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/suggest_gully_works.py" line="163"/>
        <source>DEM</source>
        <translation>数字高程模型 (DEM)</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/suggest_gully_works.py" line="164"/>
        <source>Streams of step 1 (with strahler; empty = derive from the DEM)</source>
        <translation>第 1 步的河网（含 strahler 字段；留空 = 由 DEM 提取）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/suggest_gully_works.py" line="172"/>
        <source>Stream threshold when deriving channels (km²)</source>
        <translation>由 DEM 提取沟道时的河网提取阈值（km²）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/suggest_gully_works.py" line="181"/>
        <source>Analysed parcels (with measures for intercepting ditches)</source>
        <translation>图斑分析结果（截水沟需已配置措施）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/suggest_gully_works.py" line="207"/>
        <source>Erosion type region</source>
        <translation>土壤侵蚀类型区</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/suggest_gully_works.py" line="207"/>
        <source>Southern red-soil hilly region</source>
        <translation>南方红壤丘陵区</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/suggest_gully_works.py" line="207"/>
        <source>Southwestern rocky mountain region</source>
        <translation>西南土石山区</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/suggest_gully_works.py" line="207"/>
        <source>Northwestern Loess Plateau</source>
        <translation>西北黄土高原区</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/suggest_gully_works.py" line="207"/>
        <source>Northeastern black-soil region</source>
        <translation>东北黑土区</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/suggest_gully_works.py" line="207"/>
        <source>Northern rocky mountain region</source>
        <translation>北方土石山区</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/suggest_gully_works.py" line="221"/>
        <source>Highest Strahler order for check dams</source>
        <translation>布设谷坊的最高 Strahler 级别</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/suggest_gully_works.py" line="221"/>
        <source>Minimum channel gradient for check dams (%)</source>
        <translation>布设谷坊的最小沟道比降（%）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/suggest_gully_works.py" line="221"/>
        <source>Effective check-dam height H (m)</source>
        <translation>谷坊有效高度 H（m）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/suggest_gully_works.py" line="253"/>
        <source>Check dams (谷坊)</source>
        <translation>谷坊</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/suggest_gully_works.py" line="253"/>
        <source>Gully-head protection (沟头防护)</source>
        <translation>沟头防护</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/suggest_gully_works.py" line="280"/>
        <source>Parameter table: {0}</source>
        <translation>参数表：{0}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/suggest_gully_works.py" line="285"/>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/suggest_gully_works.py" line="356"/>
        <source>{0} stream lines; {1:.0f} % of their cells lie on the DEM&apos;s flow paths.</source>
        <translation>{0} 条河网线；其中 {1:.0f} % 的像元位于 DEM 的水流路径上。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/suggest_gully_works.py" line="370"/>
        <source>Channels derived from the DEM (threshold {0:g} km²).</source>
        <translation>已由 DEM 提取沟道（阈值 {0:g} km²）。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/suggest_gully_works.py" line="380"/>
        <source>{0} reaches: {1} with check dams, {2} of higher order, {3} too flat (i &lt; {4:g} % or i ≤ i′), {5} too short.</source>
        <translation>共 {0} 个河段：{1} 个布设谷坊，{2} 个级别过高，{3} 个比降过缓（i &lt; {4:g} % 或 i ≤ i′），{5} 个过短。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/suggest_gully_works.py" line="415"/>
        <source>No parcels given: gully-head protection needs land use, so no gully heads are proposed.</source>
        <translation>未提供图斑：沟头防护需要地类信息，因此不提出沟头防护建议。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/suggest_gully_works.py" line="419"/>
        <source>{0} channel heads, {1} of them cut into cropland.</source>
        <translation>共 {0} 个沟头，其中 {1} 个溯源侵入耕地。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/suggest_gully_works.py" line="423"/>
        <source>The parcels have no measure_code field (run &apos;Assign measures&apos; first): no intercepting ditches proposed.</source>
        <translation>图斑没有 measure_code 字段（请先运行“为图斑配置措施”）：不提出截水沟建议。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/suggest_gully_works.py" line="430"/>
        <source>The parcels have no slope_mean_deg field (run &apos;Analyse parcels&apos; first): no intercepting ditches.</source>
        <translation>图斑没有 slope_mean_deg 字段（请先运行“图斑分析”）：不布设截水沟。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/suggest_gully_works.py" line="374"/>
        <source>The parcels have neither landuse_group nor a land-use code: no cropland is recognised.</source>
        <translation>图斑既没有 landuse_group 字段也没有地类编码：无法识别耕地。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/suggest_gully_works.py" line="378"/>
        <source>The parcel layer holds no polygons: it is ignored.</source>
        <translation>图斑图层中没有面要素：已忽略。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/suggest_gully_works.py" line="286"/>
        <source>stream lines</source>
        <translation>河网线</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/suggest_gully_works.py" line="286"/>
        <source>parcels</source>
        <translation>图斑</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/suggest_gully_works.py" line="123"/>
        <source>Proposes the linear and point works of a small watershed for the designer to accept, move or delete.

谷坊 (check dams): on channels of Strahler order up to the maximum whose bed gradient i (equal-area method over each reach, raw DEM) reaches the threshold. Dams are spaced by the 顶底相照 rule of GB/T 16453.3-2008 (谷坊): L = H / (i − i′), H the effective dam height and i′ the stable gradient of the deposit, taken from the deposit material (gully_deposit_gradient.csv: coarse sand with gravel 2 %, clay 1 %, clay loam 0.8 %, sand 0.5 %) unless a ratio i′/i is given; the first dam stands at the reach's lowest cell, then one every L metres upstream. Sites whose cell lies in a parcel of paddy (0101), construction land (05–10) or water (11) are screened out and counted. Larger control works (淤地坝, SL/T 804-2020; 拦沙坝) are not sited here.

沟头防护 (gully-head protection): at the surveyed gully heads when given (SL/T 447 D.0.7), else at channel heads (the top cell of 1st-order reaches) where a cropland parcel holds the head or the cell just upslope; design storage W = 10·K·R·F with F the catchment above the head.

截水沟 (intercepting ditches): along the upper edge of a terrace block (terrace measure from assign_measures) where hillslope flow enters it from untreated sloping cropland or waste land (GB 51018-2014 6.1.1); 蓄水型 or 排水型 by region (GB 51018-2014 11.1). Each ditch drains from its lower end by a 排水沟 down the flow path to the nearest channel (or at its own end when no channel is near) into a 沉沙池 (sediment-basin layer).

Channels: the surveyed gullies when given, else the step-1 stream layer (its Strahler orders and watershed codes are kept) or, without it, channels derived from the DEM with the stream threshold. Every default is in resources/params/gully_works.csv and gully_deposit_gradient.csv with its source and confidence (many are UNVERIFIED); a copy in &lt;QGIS profile&gt;/sbplanner/params overrides it.</source>
        <translation>为小流域提出线状和点状工程建议，供设计人员确认、移动或删除。

谷坊：布设在 Strahler 级别不超过上限、沟床比降 i（按河段面积包围法在原始 DEM 上计算）达到阈值的沟道上。谷坊间距按 GB/T 16453.3—2008（谷坊）的“顶底相照”原则确定：L = H / (i − i′)，H 为谷坊有效高度，i′ 为淤积物的稳定比降，按淤积物质取值（gully_deposit_gradient.csv：粗砂（含石砾）2 %，黏土 1 %，黏壤土 0.8 %，砂土 0.5 %），除非另行给定 i′/i 的比值；第一座谷坊位于河段最低像元处，向上游每隔 L 米布设一座。坝址像元位于水田（0101）、建设用地（05–10）或水域（11）图斑内的，予以剔除并计数。更大的沟道控制工程（淤地坝，SL/T 804—2020；拦沙坝）不在此布设。

沟头防护：给定实测沟头时布设在各实测沟头处（SL/T 447 表 D.0.7），否则布设在耕地图斑包含沟头像元或其紧邻上坡像元的沟头（1 级河段的最上游像元）处；设计蓄水量 W = 10·K·R·F，F 为沟头以上集水面积。

截水沟：布设在梯田地块（由“为图斑配置措施”配置的梯田措施）的上缘、坡面径流从未治理的坡耕地或荒地流入之处（GB 51018—2014 第 6.1.1 条）；按类型区取蓄水型或排水型（GB 51018—2014 第 11.1 节）。每条截水沟由其低端沿水流路径以排水沟接入最近的沟道（附近无沟道时在其自身末端排出），出口处设沉沙池（沉沙池图层）。

沟道：给定实测侵蚀沟时采用实测侵蚀沟，否则采用第 1 步的河网图层（保留其 Strahler 级别和流域编码），无河网时以河网提取阈值由 DEM 提取沟道。所有默认值均列于 resources/params/gully_works.csv 和 gully_deposit_gradient.csv 中，并注明来源和可信度（其中许多为 UNVERIFIED）；&lt;QGIS 配置目录&gt;/sbplanner/params 中的同名副本优先使用。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/suggest_gully_works.py" line="189"/>
        <source>Surveyed gullies (lines, SL/T 447 D.0.7; preferred over the streams)</source>
        <translation>实测侵蚀沟（线，SL/T 447 表 D.0.7；优先于河网）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/suggest_gully_works.py" line="189"/>
        <source>Surveyed gully heads (points, SL/T 447 D.0.7; preferred over DEM heads)</source>
        <translation>实测沟头（点，SL/T 447 表 D.0.7；优先于 DEM 沟头）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/suggest_gully_works.py" line="198"/>
        <source>Deposit material behind the check dams (gives i′)</source>
        <translation>谷坊淤积物质（确定 i′）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/suggest_gully_works.py" line="221"/>
        <source>Stable deposit gradient i′ as a fraction of i (empty = from the deposit material)</source>
        <translation>淤积稳定比降 i′ 占 i 的比例（留空 = 按淤积物质取值）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/suggest_gully_works.py" line="253"/>
        <source>Intercepting ditches (截水沟) and their drains (排水沟)</source>
        <translation>截水沟及其排水沟</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/suggest_gully_works.py" line="253"/>
        <source>Sediment basins (沉沙池) at the ditch outlets</source>
        <translation>截水沟出口的沉沙池</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/suggest_gully_works.py" line="286"/>
        <source>surveyed gullies</source>
        <translation>实测侵蚀沟</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/suggest_gully_works.py" line="286"/>
        <source>surveyed gully heads</source>
        <translation>实测沟头</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/suggest_gully_works.py" line="352"/>
        <source>Channels follow the surveyed gullies (the stream lines are not used for siting).</source>
        <translation>沟道采用实测侵蚀沟（河网线不用于布设）。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/suggest_gully_works.py" line="394"/>
        <source>{0} candidate check-dam sites; {1} screened out by the land use at the dam: {2} on paddy (水田), {3} on construction land (建设用地), {4} on water.</source>
        <translation>候选谷坊坝址 {0} 处；按坝址地类剔除 {1} 处：水田 {2} 处，建设用地 {3} 处，水域 {4} 处。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/suggest_gully_works.py" line="407"/>
        <source>No parcels given: check-dam sites are not screened by land use.</source>
        <translation>未提供图斑：谷坊坝址未按地类筛查。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/suggest_gully_works.py" line="409"/>
        <source>{0} surveyed gully heads get gully-head protection ({1} outside the DEM, left out).</source>
        <translation>{0} 个实测沟头布设沟头防护（{1} 个位于 DEM 范围之外，已略去）。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/suggest_gully_works.py" line="436"/>
        <source>{0} terraced parcels, {1} untreated sloping cropland / waste-land parcels (&gt; {2:g}°): {3} intercepting ditches, {4:.0f} m; {5} drains to a channel, {6:.0f} m; {7} sediment basins.</source>
        <translation>梯田图斑 {0} 个，未治理的坡耕地 / 荒地图斑（&gt; {2:g}°）{1} 个：截水沟 {3} 条，{4:.0f} m；接入沟道的排水沟 {5} 条，{6:.0f} m；沉沙池 {7} 座。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/suggest_gully_works.py" line="452"/>
        <source>i′ = {0:g}·i</source>
        <translation>i′ = {0:g}·i（按原沟床比降的比例）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/suggest_gully_works.py" line="454"/>
        <source>Deposit gradient: {0} — {1} [{2}]</source>
        <translation>淤积比降：{0} — {1} [{2}]</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/suggest_gully_works.py" line="455"/>
        <source>Proposed: {0} check dams (H = {1:g} m, {2}), {3} gully heads, {4} ditches, {5} sediment basins.</source>
        <translation>建议：谷坊 {0} 座（H = {1:g} m，{2}），沟头防护 {3} 处，截水沟 {4} 条，沉沙池 {5} 座。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/suggest_gully_works.py" line="362"/>
        <source>Only {0:.0f} % of the lines&apos; cells lie on the DEM&apos;s flow paths; the lines lie a median {1:.0f} m from the DEM&apos;s channels. Check dams are sited only where the two agree: do the lines belong to this DEM?</source>
        <translation>这些线的像元仅 {0:.0f}% 位于 DEM 的水流路径上；这些线与 DEM 河道的距离中位数为 {1:.0f} 米。谷坊仅布设在两者一致之处：这些线是否属于此 DEM？</translation>
    </message>
</context>
<context>
    <name>SummariseWatersheds</name>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/summarise_watersheds.py" line="64"/>
        <source>2 · Parcels and erosion</source>
        <translation>2 · 图斑与土壤侵蚀</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/summarise_watersheds.py" line="70"/>
        <source>Summarise small watersheds (SL/T 447 D.0.5, D.0.10, D.0.11, 水土保持率)</source>
        <translation>小流域汇总（SL/T 447 D.0.5、D.0.10、D.0.11，水土保持率）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/summarise_watersheds.py" line="98"/>
        <source>Analysed parcels</source>
        <translation>图斑分析结果</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/summarise_watersheds.py" line="127"/>
        <source>Slope classes of the land-use table</source>
        <translation>地类表的坡度分级</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/summarise_watersheds.py" line="127"/>
        <source>SL 190 surface-erosion classes</source>
        <translation>SL 190 面蚀坡度分级</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/summarise_watersheds.py" line="127"/>
        <source>SL/T 447 D.0.10 land slope composition</source>
        <translation>SL/T 447 表 D.0.10 土地坡度组成</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/summarise_watersheds.py" line="127"/>
        <source>SL/T 447 D.0.11 sloping-cropland slope composition</source>
        <translation>SL/T 447 表 D.0.11 坡耕地坡度组成</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/summarise_watersheds.py" line="127"/>
        <source>As analysed (the parcels&apos; own slope classes)</source>
        <translation>沿用图斑分析时的坡度分级</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/summarise_watersheds.py" line="141"/>
        <source>Plan GeoPackage (tables are written into it)</source>
        <translation>规划成果库 GeoPackage（汇总表写入其中）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/summarise_watersheds.py" line="147"/>
        <source>Land use by slope class</source>
        <translation>各坡度级土地利用</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/summarise_watersheds.py" line="148"/>
        <source>D.0.10 land slope composition</source>
        <translation>D.0.10 土地坡度组成</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/summarise_watersheds.py" line="149"/>
        <source>D.0.11 sloping-cropland slope composition</source>
        <translation>D.0.11 坡耕地坡度组成</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/summarise_watersheds.py" line="150"/>
        <source>D.0.5 soil-erosion status</source>
        <translation>D.0.5 水土流失现状</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/summarise_watersheds.py" line="151"/>
        <source>Indicators (水土保持率, 林草覆盖率)</source>
        <translation>指标（水土保持率、林草覆盖率）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/summarise_watersheds.py" line="207"/>
        <source>Land-use table uses the slope classes the parcels were analysed with.</source>
        <translation>地类表沿用图斑分析时的坡度分级。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/summarise_watersheds.py" line="211"/>
        <source>No output table was requested.</source>
        <translation>未指定任何输出表。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/summarise_watersheds.py" line="213"/>
        <source>Whole area: {0:.3f} km², eroded {1:.3f} km², 水土保持率 {2:.1f} %, 林草覆盖率 {3:.1f} %</source>
        <translation>全区：面积 {0:.3f} km²，水土流失面积 {1:.3f} km²，水土保持率 {2:.1f} %，林草覆盖率 {3:.1f} %</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/summarise_watersheds.py" line="73"/>
        <source>Tables per small watershed (and a row ALL for the whole area) from the output of 'Analyse parcels': land use × slope class (hm²), SL/T 447 D.0.10 land slope composition, D.0.11 sloping-cropland slope composition, D.0.5 soil-erosion status (area and % per intensity class, mean modulus, 沟壑密度) and the indicators 水土流失面积, 水土保持率 and 林草覆盖率.

Parcels crossing a watershed boundary are split by their DEM cells in each watershed (ws_pieces), so the land of every watershed adds up to its area.

Land whose land-use code is not recognised is its own line (未识别地类) and its own column (unmapped_area_km2); 水土保持率 = (assessed land − eroded area) / assessed land and the mean modulus are over the assessed land (recognised land use with a computed soil loss, assessed_area_km2). 林草覆盖率 = 林草 area / land of recognised use, 林草 by resources/params/forest_grass_cover.csv (乔木林地 with canopy closure ≥ 0.2, 灌木林地 and 草地 with cover ≥ 40 %, 园地 not counted; GB/T 15772, thresholds unverified).

沟壑密度 (gully_density_km_per_km2) is the length of the gully lines of 'Gully lines' inside each watershed ÷ its area; without that layer it stays empty. The DEM drainage density of step 1 (河网密度, channels at the stream threshold) is the separate column drainage_density_km_per_km2, with stream_threshold_km2.

When the parcels carry a village code (三调 ZLDWDM or QSDWDM, or the 'Village field'), every table is also written per village × small watershed with a row per village (ws_code ALL): vil_landuse_slope, vil_d010, vil_d011, vil_d05, vil_indicators. The full code is the village.

With a plan GeoPackage the tables are written into it (ws_landuse_slope, ws_d010, ws_d011, ws_d05, ws_indicators and the vil_ tables).</source>
        <translation>由“图斑分析”的输出按小流域生成汇总表（另有一行 ALL 为全区合计）：地类 × 坡度分级面积（hm²）、SL/T 447 D.0.10 土地坡度组成、D.0.11 坡耕地坡度组成、D.0.5 水土流失现状（各侵蚀强度的面积及占比、平均土壤侵蚀模数、沟壑密度），以及指标 水土流失面积、水土保持率 和 林草覆盖率。

跨越小流域边界的图斑按其在各小流域内的 DEM 像元拆分（ws_pieces），因此各小流域的土地面积之和等于其面积。

地类编码未能识别的土地单独列为一行（未识别地类）和一栏（unmapped_area_km2）；水土保持率 = （参评土地面积 − 水土流失面积）/ 参评土地面积，平均侵蚀模数同样按参评土地计算（参评土地 = 地类已识别且已算出土壤流失量的土地，assessed_area_km2）。林草覆盖率 = 林草面积 / 地类已识别的土地面积，林草按 resources/params/forest_grass_cover.csv 认定（乔木林地郁闭度 ≥ 0.2，灌木林地和草地覆盖度 ≥ 40 %，园地不计；依据 GB/T 15772，阈值未经核实）。

沟壑密度（gully_density_km_per_km2）= “侵蚀沟线”图层在各小流域内的沟线长度 ÷ 小流域面积；未提供该图层时留空。第 1 步的 DEM 河网密度（按河网提取阈值得到的沟道）另列为 drainage_density_km_per_km2，并附 stream_threshold_km2。

图斑带有村级代码（三调 ZLDWDM 或 QSDWDM，或“行政村字段”指定的字段）时，各表还按 行政村 × 小流域 输出，并为每个行政村增加一行合计（ws_code 为 ALL）：vil_landuse_slope、vil_d010、vil_d011、vil_d05、vil_indicators。以完整代码作为行政村。

指定规划成果库（GeoPackage）时，各表写入其中（ws_landuse_slope、ws_d010、ws_d011、ws_d05、ws_indicators 及 vil_ 各表）。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/summarise_watersheds.py" line="103"/>
        <source>Small watersheds (for drainage and gully density)</source>
        <translation>小流域（用于河网密度和沟壑密度）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/summarise_watersheds.py" line="111"/>
        <source>Gully lines (surveyed, for 沟壑密度)</source>
        <translation>侵蚀沟线（调查成果，用于沟壑密度）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/summarise_watersheds.py" line="119"/>
        <source>Village field (default: ZLDWDM or QSDWDM)</source>
        <translation>行政村字段（默认：ZLDWDM 或 QSDWDM）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/summarise_watersheds.py" line="152"/>
        <source>Land use by slope class per village</source>
        <translation>按行政村的地类 × 坡度分级</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/summarise_watersheds.py" line="153"/>
        <source>D.0.10 land slope composition per village</source>
        <translation>按行政村的 D.0.10 土地坡度组成</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/summarise_watersheds.py" line="154"/>
        <source>D.0.11 sloping-cropland slope composition per village</source>
        <translation>按行政村的 D.0.11 坡耕地坡度组成</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/summarise_watersheds.py" line="155"/>
        <source>D.0.5 soil-erosion status per village</source>
        <translation>按行政村的 D.0.5 水土流失现状</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/summarise_watersheds.py" line="156"/>
        <source>Indicators per village</source>
        <translation>按行政村的指标</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/summarise_watersheds.py" line="183"/>
        <source>Gully lines need the small watersheds to measure 沟壑密度.</source>
        <translation>计算沟壑密度时，侵蚀沟线需要同时提供小流域图层。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/summarise_watersheds.py" line="186"/>
        <source>The small watersheds must be in a projected CRS to measure 沟壑密度.</source>
        <translation>计算沟壑密度时，小流域图层须采用投影坐标系。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/summarise_watersheds.py" line="224"/>
        <source>Unrecognised land use: {0:.2f} hm² (its own line; not in 水土保持率 or the mean modulus).</source>
        <translation>未识别地类 {0:.2f} hm²（单独列一行；不计入水土保持率和平均侵蚀模数）。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/summarise_watersheds.py" line="237"/>
        <source>{0} parcels cross a watershed boundary and are split by their cells.</source>
        <translation>{0} 个图斑跨越小流域边界，已按其像元拆分到各小流域。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/summarise_watersheds.py" line="243"/>
        <source>No gully lines: 沟壑密度 is left empty (the DEM drainage density has its own column).</source>
        <translation>未提供侵蚀沟线：沟壑密度留空（DEM 河网密度另列一栏）。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/summarise_watersheds.py" line="247"/>
        <source>Village tables grouped by the full code of field {0}.</source>
        <translation>按行政村的汇总表按字段 {0} 的完整代码分组。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/summarise_watersheds.py" line="230"/>
        <source>{0} parcels have no soil loss (they lie off the DEM): they are not assessed land and never count as non-eroded in 水土保持率.</source>
        <translation>有 {0} 个图斑没有土壤流失量（位于 DEM 之外）：不作为评价土地，在水土保持率中绝不计为无侵蚀。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/summarise_watersheds.py" line="127"/>
        <source>Land-survey cropland slope grade GDPDJB</source>
        <translation>三调耕地坡度级别 GDPDJB</translation>
    </message>
</context>
<context>
    <name>TerraceChart</name>
    <message>
        <location filename="../sbplanner_plugin/gui/terrace_chart.py" line="66"/>
        <source>H = B·sinθ·sinα / sin(α − θ) and earthwork 1250·H m³/hm² (GB/T 16453.1-2008) for the chosen B and α; shaded: H above the riser limit (bench narrowed, or parcel unsuitable).</source>
        <translation>所选 B 和 α 下的 H = B·sinθ·sinα / sin(α − θ) 与土方 1250·H m³/hm²（GB/T 16453.1-2008）；阴影：H 超过田坎高度上限（田面减窄或图斑不适宜）。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/terrace_chart.py" line="178"/>
        <source>H (m)</source>
        <translation>田坎高 H (m)</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/terrace_chart.py" line="180"/>
        <source>earthwork (m³/hm²)</source>
        <translation>土方 (m³/hm²)</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/terrace_chart.py" line="183"/>
        <source>slope θ  ·  B {0:g} m, α {1:g}°  ·  riser limit {2:g} m</source>
        <translation>坡度 θ  ·  B {0:g} m，α {1:g}°  ·  田坎高上限 {2:g} m</translation>
    </message>
</context>
<context>
    <name>TerraceLayout</name>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/terrace_layout.py" line="77"/>
        <source>4 · Quantities and investment</source>
        <translation>4 · 工程量与投资</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/terrace_layout.py" line="83"/>
        <source>Terrace layout lines and staking (梯田定线放样)</source>
        <translation>梯田定线与放样</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/terrace_layout.py" line="86"/>
        <source>Inside every terraced parcel of Terrace quantities, the terrace edge lines along the DEM contours at the parcel's riser height H: levels z0 + k·H (k = 1, 2, …), z0 the parcel's lowest DEM elevation, traced by marching squares on the DEM cell centres and clipped to the parcel. Unsuitable parcels and parcels without a riser height get no lines.

大弯就势、小弯取直 (GB 51018-2014 6.1.2): bends tighter than the minimum radius R are straightened, the others rounded with arcs of radius R (drawn in chords of at most 5°, layout_params.csv). Guaranteed: no vertex turns more than one chord and the circle through any three consecutive vertices has a radius of at least R. A straightened line leaves the contour: max_offset_m (from the contour) and max_dz_m (DEM elevation off the level) say by how much. Lines shorter than the minimum length are dropped; closed contours smaller than a circle of radius R (small hill tops) too.

Each line runs with the slope rising on its left. Stakes every N m and at the end of each line: x, y, elevation_m (DEM, bilinear), level_elevation_m (the line's level), dz_m, chainage_m, name parcel-level-chainage (e.g. 12-3-40). CSV: easting, northing in the parcel layer's CRS (x east, y north) and lon, lat in WGS 84. GPX 1.1: waypoints in WGS 84, ele = the DEM elevation in the DEM's height datum (not ellipsoidal: check the receiver's setting).</source>
        <translation>在“梯田工程量”成果的每个梯田图斑内，按图斑的田坎高度 H 沿 DEM 等高线布设梯田田坎线：高程 z0 + k·H（k = 1, 2, …），z0 为图斑内最低的 DEM 高程；等高线以移动方格法（marching squares）在 DEM 栅格中心上追踪，并按图斑边界裁剪。不适宜图斑和无田坎高度的图斑不布线。

大弯就势、小弯取直（GB 51018-2014 第 6.1.2 条）：比最小转弯半径 R 更急的小弯取直，其余弯道以半径 R 的圆弧修圆（圆弧按每段弦转角不大于 5° 绘制，见 layout_params.csv）。保证：任一节点的转角不超过一段弦的转角，且任意三个相邻节点所定圆的半径不小于 R。取直后的线段会偏离等高线，偏离程度见 max_offset_m（距等高线的距离）和 max_dz_m（DEM 高程与设计高程之差）。短于最小线长的线段舍去；小于半径 R 圆的闭合等高线（小山顶）亦舍去。

每条线的走向使坡面上坡位于其左侧。沿线每 N m 及每条线终点设放样点：x、y、elevation_m（DEM 双线性插值高程）、level_elevation_m（该线的设计高程）、dz_m、chainage_m（桩号）、名称 图斑-台级-桩号（如 12-3-40）。CSV：easting、northing 为图斑图层坐标系坐标（x 向东、y 向北），lon、lat 为 WGS 84 经纬度。GPX 1.1：WGS 84 航点，ele 为 DEM 高程，采用 DEM 的高程基准（非椭球高：请检查接收机设置）。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/terrace_layout.py" line="105"/>
        <source>Terraced parcels (step 4: terrace_quantities)</source>
        <translation>梯田图斑（第 4 步：terrace_quantities）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/terrace_layout.py" line="112"/>
        <source>DEM</source>
        <translation>DEM</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/terrace_layout.py" line="114"/>
        <source>Minimum radius R of the terrace lines (m)</source>
        <translation>田坎线最小转弯半径 R（m）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/terrace_layout.py" line="114"/>
        <source>Stake spacing N along the lines (m)</source>
        <translation>沿线放样点间距 N（m）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/terrace_layout.py" line="114"/>
        <source>Minimum line length (m; shorter pieces are dropped)</source>
        <translation>最小线长（m；更短的线段舍去）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/terrace_layout.py" line="132"/>
        <source>Terrace lines</source>
        <translation>梯田田坎线</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/terrace_layout.py" line="132"/>
        <source>Staking points</source>
        <translation>放样点</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/terrace_layout.py" line="125"/>
        <source>Staking points as CSV</source>
        <translation>放样点 CSV 文件</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/terrace_layout.py" line="125"/>
        <source>Staking points as GPX (GNSS receivers)</source>
        <translation>放样点 GPX 文件（GNSS 接收机）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/terrace_layout.py" line="132"/>
        <source>Parcels laid out</source>
        <translation>已布线图斑数</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/terrace_layout.py" line="217"/>
        <source>{0} terrace lines ({1:.0f} m) and {2} staking points in {3} parcels.</source>
        <translation>{3} 个图斑内共布设 {0} 条梯田田坎线（{1:.0f} m）、{2} 个放样点。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/terrace_layout.py" line="223"/>
        <source>{0} unsuitable parcels get no terrace lines: {1}</source>
        <translation>{0} 个不适宜图斑未布设田坎线：{1}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/terrace_layout.py" line="223"/>
        <source>{0} parcels without a riser height get no terrace lines: {1}</source>
        <translation>{0} 个无田坎高度的图斑未布设田坎线：{1}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/terrace_layout.py" line="223"/>
        <source>{0} parcels have no terrace line longer than the minimum length: {1}</source>
        <translation>{0} 个图斑没有长于最小线长的田坎线：{1}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/terrace_layout.py" line="223"/>
        <source>{0} parcels are covered by the DEM only in part; their lines stop at the DEM&apos;s edge: {1}</source>
        <translation>{0} 个图斑仅部分被 DEM 覆盖，其田坎线止于 DEM 边缘：{1}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/terrace_layout.py" line="234"/>
        <source>{0} closed contours smaller than a circle of the minimum radius were dropped.</source>
        <translation>{0} 条小于最小转弯半径圆的闭合等高线已舍去。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/terrace_layout.py" line="240"/>
        <source>Straightening moved the lines off their level by up to {0:.2f} m (max_dz_m).</source>
        <translation>取直使田坎线偏离其设计高程最多 {0:.2f} m（max_dz_m）。</translation>
    </message>
</context>
<context>
    <name>TerraceQuantities</name>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/terrace_quantities.py" line="86"/>
        <source>4 · Quantities and investment</source>
        <translation>4 · 工程量与投资</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/terrace_quantities.py" line="92"/>
        <source>Terrace quantities (坡改梯: cross-section, suitability, earthwork)</source>
        <translation>梯田工程量（坡改梯：断面、适宜性、土方）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/terrace_quantities.py" line="95"/>
        <source>For every parcel whose primary measure is a terrace (水平梯田 土坎/石坎, 坡式梯田, 隔坡梯田), the level-terrace cross-section of GB/T 16453.1-2008 from the parcel's mean DEM slope θ: H = B·sinθ·sinα/sin(α−θ), B_m = H·cotθ, B_x = H/sinθ, B_n = H·cotα, riser share tanθ/tanα, cut = fill = B·H/8 per metre of bench, haul 2B/3.

B: the parameter, else the parcel's or catalogue's bench_width_m, else (auto) the slope band of terrace_bench_widths.csv. α: the parameter, else the catalogue's riser_angle_deg. Riser height limit: the parameter, else by riser material (earth 2.0 m, stone 2.5 m, GB 51018-2014 条文说明 6.1.4). When H exceeds the limit, B is reduced so that H fits (suitability = reduced); when that B is below the minimum workable width the parcel is unsuitable, with the reason and the alternative (坡式梯田, or 退耕还林还草 from 25°) — H is never clipped silently.

Fields: bench_width_m (B), riser_height_m (H), riser_angle_deg (α), riser_share, bench_length_m (bench = riser length in the parcel = horizontal area / B_m), earthwork_m3 (cut = fill, B·H/8 × bench length), earthwork_m3_per_ha (1250·H m³/hm², the standard's per-hectare figure, which takes 10 000/B m of bench per hm²; the parcel's own earthwork uses its bench length, so it is smaller by the riser share), masonry_m3 (stone risers: H × wall thickness × length), net_cropland_ha (area minus the risers, which become 田坎), labour_days (labour_norms.csv), suitability, suitability_reason, basis (the formula with the parcel's numbers). 坡式梯田: contour ridges at the level design's spacing, only the ridge earthwork counts. 隔坡梯田: the benched share only. Areas are horizontal (map) areas.

Previous quantities (optional): parcels whose geometry, measure, parameters and settings are unchanged keep their values; only the changed ones are recomputed.</source>
        <translation>对主措施为梯田（水平梯田 土坎/石坎、坡式梯田、隔坡梯田）的每个图斑，按图斑 DEM 平均坡度 θ 计算 GB/T 16453.1-2008 水平梯田断面：H = B·sinθ·sinα/sin(α−θ)，B_m = H·cotθ，B_x = H/sinθ，B_n = H·cotα，田坎占地率 tanθ/tanα，每米田面挖方 = 填方 = B·H/8，运距 2B/3。

B：取参数，否则取图斑或措施库的 bench_width_m，否则（auto）按 terrace_bench_widths.csv 的坡度分级。α：取参数，否则取措施库的 riser_angle_deg。田坎高度限值：取参数，否则按田坎材料（土坎 2.0 m，石坎 2.5 m，GB 51018-2014 条文说明 6.1.4）。H 超限时减小 B 使 H 满足限值（suitability = reduced）；若减小后的 B 小于最小可耕作宽度，则该图斑不适宜，并给出原因和替代措施（坡式梯田；25° 以上为退耕还林还草）——绝不静默截断 H。

字段：bench_width_m（B）、riser_height_m（H）、riser_angle_deg（α）、riser_share（田坎占地率）、bench_length_m（图斑内田面长度 = 田坎长度 = 水平面积 / B_m）、earthwork_m3（挖方 = 填方，B·H/8 × 田面长度）、earthwork_m3_per_ha（1250·H m³/hm²，标准的每公顷指标，按每公顷 10 000/B m 田面计；图斑自身土方按其实际田面长度计，故小于该指标，差值为田坎占地率）、masonry_m3（石坎：H × 墙厚 × 长度）、net_cropland_ha（扣除田坎后的净耕地，田坎计为田坎地类）、labour_days（labour_norms.csv）、suitability、suitability_reason、basis（带图斑数值的计算式）。坡式梯田：按水平梯田设计的间距布设等高埂，仅计埂的土方。隔坡梯田：仅计修平部分。面积均为水平（图上）面积。

上次工程量（可选）：几何、措施、参数和设置均未变化的图斑沿用原值，只重新计算有变化的图斑。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/terrace_quantities.py" line="119"/>
        <source>Parcels with measures (step 3: parcels_measures)</source>
        <translation>已配置措施的图斑（第 3 步：parcels_measures）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/terrace_quantities.py" line="126"/>
        <source>DEM</source>
        <translation>DEM</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/terrace_quantities.py" line="128"/>
        <source>Net bench width B (m; 0 = from the catalogue / slope table)</source>
        <translation>田面净宽 B（m；0 = 按措施库/坡度表）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/terrace_quantities.py" line="128"/>
        <source>Riser angle α (°; 0 = from the catalogue)</source>
        <translation>田坎侧坡 α（°；0 = 按措施库）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/terrace_quantities.py" line="128"/>
        <source>Riser height limit (m; 0 = by riser material: earth 2.0, stone 2.5)</source>
        <translation>田坎高度限值（m；0 = 按田坎材料：土坎 2.0，石坎 2.5）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/terrace_quantities.py" line="128"/>
        <source>Minimum workable bench width (m)</source>
        <translation>最小可耕作田面宽（m）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/terrace_quantities.py" line="136"/>
        <source>Village field (行政村; optional)</source>
        <translation>行政村字段（可选）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/terrace_quantities.py" line="136"/>
        <source>Implementation year field (optional; default year 1)</source>
        <translation>实施年度字段（可选；默认第 1 年）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/terrace_quantities.py" line="143"/>
        <source>Previous terrace quantities: unchanged parcels are kept (optional)</source>
        <translation>上次的梯田工程量：未变化的图斑沿用（可选）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/terrace_quantities.py" line="151"/>
        <source>Terraced parcels</source>
        <translation>梯田图斑</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/terrace_quantities.py" line="156"/>
        <source>Terrace quantity items</source>
        <translation>梯田工程量明细</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/terrace_quantities.py" line="161"/>
        <source>Suitable parcels</source>
        <translation>适宜图斑</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/terrace_quantities.py" line="161"/>
        <source>Parcels with a reduced bench width</source>
        <translation>减小田面宽的图斑</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/terrace_quantities.py" line="161"/>
        <source>Unsuitable parcels</source>
        <translation>不适宜图斑</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/terrace_quantities.py" line="161"/>
        <source>Earthwork (m³)</source>
        <translation>土方量（m³）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/terrace_quantities.py" line="297"/>
        <source>{0} unchanged parcels kept from the previous quantities, {1} recomputed.</source>
        <translation>{0} 个未变化的图斑沿用上次工程量，重新计算 {1} 个。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/terrace_quantities.py" line="302"/>
        <source>{0} terraced parcels: {1} suitable, {2} with a reduced bench width, {3} unsuitable.</source>
        <translation>梯田图斑 {0} 个：适宜 {1} 个，减小田面宽 {2} 个，不适宜 {3} 个。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/terrace_quantities.py" line="315"/>
        <source>{0} parcels are not suitable for level terraces: see suitability_reason.</source>
        <translation>{0} 个图斑不适宜修建水平梯田，见 suitability_reason。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/terrace_quantities.py" line="289"/>
        <source>No parcel of the layer has a terrace as its primary measure (水平梯田, 坡式梯田, 隔坡梯田): the terrace layers are written empty. Assign or edit the measures in step 3 to plan terraces.</source>
        <translation>图层中没有以梯田（水平梯田、坡式梯田、隔坡梯田）为主措施的图斑：梯田图层写为空。如需规划梯田，请在第 3 步配置或编辑措施。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/terrace_quantities.py" line="161"/>
        <source>Unchanged parcels kept from the previous quantities</source>
        <translation>沿用上次工程量的未变化图斑</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/terrace_quantities.py" line="161"/>
        <source>Parcels computed in this run</source>
        <translation>本次计算的图斑</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/terrace_quantities.py" line="307"/>
        <source>Earthwork {0:.0f} m³, dry masonry {1:.0f} m³, labour {2:.0f} man-days, net cropland {3:.2f} hm².</source>
        <translation>土方 {0:.0f} m³，干砌石 {1:.0f} m³，投工 {2:.0f} 工日，净耕地 {3:.2f} hm²。</translation>
    </message>
</context>
<context>
    <name>UrgencyRanking</name>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/urgency_ranking.py" line="114"/>
        <source>5 · Ranking and benefits</source>
        <translation>5 · 排序与效益</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/urgency_ranking.py" line="120"/>
        <source>Urgency ranking of small watersheds (治理紧迫程度)</source>
        <translation>小流域治理紧迫程度排序</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/urgency_ranking.py" line="124"/>
        <source>Scores every small watershed 0–100 by how urgently it needs treatment, ranks them (1 = most urgent) and classes them 极紧迫 / 紧迫 / 较紧迫 / 一般.

Indicators (resources/params/urgency_indicators.csv: key, field, direction +1/−1, weight, source, confidence; the user's edited copy or the 'Indicator table' replaces it): eroded share, ≥ 中度 share, mean modulus / tolerance, 坡耕地 share (cropland ≥ 5°), &gt; 25° cropland share, 沟壑密度 (gully lines; without them the DEM drainage density of step 1), 林草覆盖率 (negative), gap to the 水土保持率 target, population density (field: persons per unit; raster: persons/km²), protected objects (features touching the unit), all computed from the analysed parcels as 'Summarise small watersheds' does. Extra indicators from numeric fields of the watersheds: field:direction:weight;… (e.g. pop_2020:+1:0.05).

Each indicator is normalised min–max within the study area (reversed for negative ones); an indicator missing everywhere or constant over all units is left out and its weight redistributed (the log says so). Weights: the table's (normalised to sum 1, said so), or an AHP pairwise matrix (CSV: header key,&lt;keys…&gt;, one row per key, fractions like 1/3 allowed; reciprocal, no zeros): principal eigenvector, λmax, CI, CR = CI/RI (Saaty). A matrix with CR ≥ 0.10 is NOT used: the table's weights are, with a warning. Score = 100·Σwᵢx′ᵢ/Σwᵢ over the indicators the unit has. Classes: natural breaks (Jenks) or quartiles of the score; cropland beyond the prohibited-cultivation slope and a water-source area force 极紧迫 (urgency_flags) while the rank stays the score's. rank_stability: share of Monte Carlo draws (every weight ×U(0.8, 1.2), seeded) in which the rank stays within ±1.

Output fields: urgency_score, urgency_rank, urgency_class, urgency_class_en, urgency_class_id, urgency_flags, rank_stability, missing_indicators, n_&lt;key&gt; (normalised 0–1) and v_&lt;key&gt; (value) of every indicator. A single unit gets rank 1 and its values, but no score (nothing to compare with).</source>
        <translation>按治理需求的紧迫程度为每个小流域计算 0–100 的得分并排序（1 = 最紧迫），分为 极紧迫 / 紧迫 / 较紧迫 / 一般 四级。

指标（resources/params/urgency_indicators.csv：键、字段、方向 +1/−1、权重、来源、可信度；用户修改后的副本或“指标表”参数可替换它）：水土流失面积比例、中度及以上面积比例、平均侵蚀模数/容许土壤流失量、坡耕地比例（≥ 5° 的耕地）、&gt; 25° 坡耕地比例、沟壑密度（沟道线；无沟道线时以第 1 步的 DEM 河网密度代替）、林草覆盖率（负向）、与水土保持率目标的差距、人口密度（字段：单元人口数；栅格：人/km²）、保护对象（与单元相交的要素数），均按“汇总小流域”的方法由分析后的图斑计算。可由小流域的数值字段追加指标：字段:方向:权重;…（例如 pop_2020:+1:0.05）。

各指标在研究区内按最小–最大值标准化（负向指标取反）；全部缺值或在所有单元中取值相同的指标不参与计算，其权重按比例重新分配（日志中说明）。权重：采用指标表的权重（不等于 1 时归一化并说明），或采用 AHP 判断矩阵（CSV：表头 key,&lt;各键…&gt;，每键一行，可写分数如 1/3；须互反、不得为 0）：最大特征值对应的特征向量、λmax、CI、CR = CI/RI（Saaty）。CR ≥ 0.10 的矩阵不采用：改用指标表权重并给出警告。得分 = 100·Σwᵢx′ᵢ/Σwᵢ，按单元已有的指标计算。等级：按得分的自然断点（Jenks）或四分位数划分；耕地超过禁垦坡度或位于水源地的单元强制为极紧迫（urgency_flags），排名仍按得分。rank_stability：蒙特卡罗抽样（各权重 ×U(0.8, 1.2)，固定随机种子）中排名变化不超过 ±1 位的比例。

输出字段：urgency_score、urgency_rank、urgency_class、urgency_class_en、urgency_class_id、urgency_flags、rank_stability、missing_indicators，以及每个指标的 n_&lt;键&gt;（标准化值 0–1）和 v_&lt;键&gt;（原值）。只有一个单元时排第 1 位并写出其指标值，但没有得分（无可比较的对象）。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/urgency_ranking.py" line="162"/>
        <source>Small watersheds (with ws_code)</source>
        <translation>小流域（含 ws_code）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/urgency_ranking.py" line="197"/>
        <source>Analysed parcels (step 2)</source>
        <translation>分析后的图斑（第 2 步）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/urgency_ranking.py" line="200"/>
        <source>Indicator table (CSV; default urgency_indicators.csv)</source>
        <translation>指标表（CSV；默认 urgency_indicators.csv）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/urgency_ranking.py" line="208"/>
        <source>Extra indicators from watershed fields (field:+1:0.1;field2:-1:0.05)</source>
        <translation>由小流域字段追加的指标（字段:+1:0.1;字段2:-1:0.05）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/urgency_ranking.py" line="215"/>
        <source>AHP pairwise matrix (CSV; optional, replaces the table&apos;s weights)</source>
        <translation>AHP 判断矩阵（CSV；可选，替代指标表的权重）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/urgency_ranking.py" line="223"/>
        <source>Population field of the watersheds (persons)</source>
        <translation>小流域人口字段（人）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/urgency_ranking.py" line="232"/>
        <source>Population density raster (persons/km²)</source>
        <translation>人口密度栅格（人/km²）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/urgency_ranking.py" line="237"/>
        <source>Protected objects (villages, reservoirs, key river reaches …)</source>
        <translation>保护对象（村镇、水库、重要河段等）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/urgency_ranking.py" line="245"/>
        <source>Drinking-water source areas (饮用水水源保护区: 极紧迫)</source>
        <translation>饮用水水源保护区（定为极紧迫）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/urgency_ranking.py" line="269"/>
        <source>Gully lines (for 沟壑密度)</source>
        <translation>沟道线（用于沟壑密度）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/urgency_ranking.py" line="277"/>
        <source>Erosion type region (tolerance)</source>
        <translation>侵蚀类型区（容许土壤流失量）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/urgency_ranking.py" line="287"/>
        <source>Allowable soil loss (t/(km²·a), 0 = from the region)</source>
        <translation>容许土壤流失量（t/(km²·a)，0 = 按类型区）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/urgency_ranking.py" line="287"/>
        <source>水土保持率 target (%; empty = ranking_params.csv)</source>
        <translation>水土保持率目标（%；留空 = ranking_params.csv）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/urgency_ranking.py" line="287"/>
        <source>Prohibited-cultivation slope limit (°; 25 by the law)</source>
        <translation>禁垦坡度（°；法定 25°）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/urgency_ranking.py" line="287"/>
        <source>Monte Carlo draws for rank stability (0 = none)</source>
        <translation>排名稳定性蒙特卡罗抽样次数（0 = 不计算）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/urgency_ranking.py" line="287"/>
        <source>Random seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/urgency_ranking.py" line="319"/>
        <source>Urgency classes</source>
        <translation>紧迫程度分级</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/urgency_ranking.py" line="319"/>
        <source>Natural breaks (Jenks)</source>
        <translation>自然断点法（Jenks）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/urgency_ranking.py" line="319"/>
        <source>Quartiles</source>
        <translation>四分位数</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/urgency_ranking.py" line="327"/>
        <source>Small watersheds with urgency</source>
        <translation>含紧迫程度的小流域</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/urgency_ranking.py" line="334"/>
        <source>Urgency table</source>
        <translation>紧迫程度表</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/urgency_ranking.py" line="343"/>
        <source>Units ranked</source>
        <translation>参与排序的单元数</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/urgency_ranking.py" line="344"/>
        <source>AHP consistency ratio CR</source>
        <translation>AHP 一致性比率 CR</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/urgency_ranking.py" line="345"/>
        <source>Weights used</source>
        <translation>采用的权重</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/urgency_ranking.py" line="453"/>
        <source>Weights used: {0}.</source>
        <translation>采用的权重：{0}。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/urgency_ranking.py" line="457"/>
        <source>Class breaks of the score: {0}.</source>
        <translation>得分分级断点：{0}。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/urgency_ranking.py" line="464"/>
        <source>#{0} {1}: score {2}, {3}, rank stability {4}</source>
        <translation>第 {0} 位 {1}：得分 {2}，{3}，排名稳定性 {4}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/urgency_ranking.py" line="147"/>
        <source>Units: the small watersheds (default) or 行政村 (Rank: villages; the village polygons and their code or name field): the parcels are then split over the villages by area overlay and every indicator is computed per village the same way (population field of the villages; the output keeps the village fields, key village_code; in a plan the layers vil_urgency and vil_urgency_table).

重点防治区 (optional polygons with a kind field: 国家级 / 省级 / 市级 / 县级 重点预防区 or 重点治理区): the column key_area lists those overlapping each unit; the indicator key_area is the level of the highest 重点治理区 overlapping it (国家级 3, 省级 2, 市级 / 县级 1, none 0; weight 0 in the bundled table, PROPOSAL); key_area_hard_flag = 1 in ranking_params.csv makes a 重点治理区 force 极紧迫 (flag key_treatment_area).</source>
        <translation>排序单元：小流域（默认）或行政村（排序对象：行政村；需行政村面图层及其代码或名称字段）：此时图斑按面积叠加分割到各行政村，每个指标按同样方法逐村计算（人口取行政村图层的人口字段；输出保留行政村字段，键为 village_code；写入规划库时为图层 vil_urgency 和 vil_urgency_table）。

重点防治区（可选的面图层，带类型字段：国家级 / 省级 / 市级 / 县级 重点预防区或重点治理区）：key_area 列列出与各单元重叠的重点防治区；指标 key_area 为与单元重叠的最高级别重点治理区（国家级 3，省级 2，市级 / 县级 1，无 0；随附指标表中权重为 0，PROPOSAL）；ranking_params.csv 中 key_area_hard_flag = 1 时，重点治理区强制定为极紧迫（标记 key_treatment_area）。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/urgency_ranking.py" line="167"/>
        <source>Rank</source>
        <translation>排序对象</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/urgency_ranking.py" line="167"/>
        <source>Small watersheds</source>
        <translation>小流域</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/urgency_ranking.py" line="167"/>
        <source>Villages (行政村)</source>
        <translation>行政村</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/urgency_ranking.py" line="175"/>
        <source>Village polygons (行政村; to rank villages)</source>
        <translation>行政村面图层（按行政村排序时使用）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/urgency_ranking.py" line="180"/>
        <source>Village code or name field</source>
        <translation>行政村代码或名称字段</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/urgency_ranking.py" line="188"/>
        <source>Population field of the villages (persons)</source>
        <translation>行政村人口字段（人）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/urgency_ranking.py" line="253"/>
        <source>重点防治区 (重点预防区 / 重点治理区 polygons)</source>
        <translation>重点防治区（重点预防区 / 重点治理区 面图层）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/urgency_ranking.py" line="261"/>
        <source>重点防治区 kind field (e.g. 国家级重点治理区)</source>
        <translation>重点防治区类型字段（如 国家级重点治理区）</translation>
    </message>
</context>
<context>
    <name>WarmupTask</name>
    <message>
        <location filename="../sbplanner_plugin/gui/warmup.py" line="38"/>
        <source>SBPlanner: preparing the computation kernels</source>
        <translation>SBPlanner：准备计算内核</translation>
    </message>
</context>
<context>
    <name>WatershedsStep</name>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/watersheds_step.py" line="302"/>
        <source>Watersheds</source>
        <translation>流域</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/watersheds_step.py" line="100"/>
        <source>SBPlanner – 1 Watersheds</source>
        <translation>SBPlanner – 1 小流域划分</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/watersheds_step.py" line="115"/>
        <source>Click outlets on map</source>
        <translation>在地图上点选出口点</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/watersheds_step.py" line="117"/>
        <source>Left click adds an outlet; right click or Esc ends.</source>
        <translation>左键单击添加出口点；右键单击或按 Esc 结束。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/watersheds_step.py" line="118"/>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/watersheds_step.py" line="119"/>
        <source>Remove all clicked outlets</source>
        <translation>移除所有点选的出口点</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/watersheds_step.py" line="122"/>
        <source>Upstream area at which a channel starts</source>
        <translation>沟道起始处的上游汇水面积（集水面积阈值）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/watersheds_step.py" line="124"/>
        <source>auto (3 cells)</source>
        <translation>自动（3 个像元）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/watersheds_step.py" line="126"/>
        <source>Outlets move to the highest-accumulation cell within this distance</source>
        <translation>出口点将移动到此距离内汇流累积量最大的像元</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/watersheds_step.py" line="132"/>
        <source>DEM</source>
        <translation>DEM</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/watersheds_step.py" line="133"/>
        <source>Outlets</source>
        <translation>出口点</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/watersheds_step.py" line="135"/>
        <source>Stream threshold</source>
        <translation>河网提取阈值</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/watersheds_step.py" line="136"/>
        <source>Snap distance</source>
        <translation>捕捉距离</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/watersheds_step.py" line="138"/>
        <source>Delineate</source>
        <translation>划分流域</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/watersheds_step.py" line="138"/>
        <source>SBPlanner</source>
        <translation>SBPlanner</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/watersheds_step.py" line="139"/>
        <source>Outlet</source>
        <translation>出口点</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/watersheds_step.py" line="139"/>
        <source>x</source>
        <translation>原始 x</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/watersheds_step.py" line="139"/>
        <source>y</source>
        <translation>原始 y</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/watersheds_step.py" line="139"/>
        <source>Snapped x</source>
        <translation>捕捉后 x</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/watersheds_step.py" line="139"/>
        <source>Snapped y</source>
        <translation>捕捉后 y</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/watersheds_step.py" line="139"/>
        <source>Snap m</source>
        <translation>捕捉距离 m</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/watersheds_step.py" line="139"/>
        <source>Upstream km²</source>
        <translation>汇水面积 km²</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/watersheds_step.py" line="139"/>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/watersheds_step.py" line="172"/>
        <source>Delineate catchments of outlets</source>
        <translation>由出口点划分流域</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/watersheds_step.py" line="176"/>
        <source>Snapped outlets (select a row to show it on the map):</source>
        <translation>捕捉后出口点（选中一行可在地图上定位）：</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/watersheds_step.py" line="442"/>
        <source>SBPlanner outlets</source>
        <translation>SBPlanner 出口点</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/watersheds_step.py" line="267"/>
        <source>Choose a DEM raster layer.</source>
        <translation>请选择 DEM 栅格图层。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/watersheds_step.py" line="270"/>
        <source>Choose an outlet point layer or click outlets on the map.</source>
        <translation>请选择出口点图层，或在地图上点选出口点。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/watersheds_step.py" line="273"/>
        <source>The outlet layer has no points.</source>
        <translation>出口点图层中没有点要素。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/watersheds_step.py" line="306"/>
        <source>Streams</source>
        <translation>河网</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/watersheds_step.py" line="307"/>
        <source>Snapped outlets</source>
        <translation>捕捉后出口点</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/watersheds_step.py" line="320"/>
        <source>{0} watershed(s), total {1:.2f} km², saved in the plan.</source>
        <translation>{0} 个流域，总面积 {1:.2f} km²，已保存到规划成果库。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/watersheds_step.py" line="80"/>
        <source>Watersheds</source>
        <comment>workflow step title</comment>
        <translation>小流域划分</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/watersheds_step.py" line="84"/>
        <source>Delineates the catchment of each outlet from the DEM (D8 flow directions; channels start at the stream threshold), then divides it into small watersheds within an area range. Choose the DEM and the outlets (or click them on the map) and press Delineate.</source>
        <translation>根据 DEM 划定每个出口点的集水区（D8 流向，汇水面积达到河网提取阈值处起算河道），再按面积范围划分为小流域。选择 DEM 和出口点（或在地图上点选），然后点击“划分流域”。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/watersheds_step.py" line="93"/>
        <source>SL 653-2013 (small watershed division and coding): a small watershed is a closed natural catchment, normally not larger than 50 km².</source>
        <translation>SL 653-2013《小流域划分及编码规范》：小流域是闭合的自然集水区，面积一般不超过 50 km²。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/watersheds_step.py" line="139"/>
        <source>Check</source>
        <translation>核查</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/watersheds_step.py" line="159"/>
        <source>Move an outlet</source>
        <translation>移动出口点</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/watersheds_step.py" line="161"/>
        <source>Drag a snapped outlet on the map to where the outlet really is (e.g. the dam axis): it stays there, without snapping, and the catchments are delineated again. The outlets are then taken from the layer &apos;SBPlanner outlets&apos;; your own outlet layer is not changed. Right click or Esc ends.</source>
        <translation>在地图上把捕捉后的出口点拖到实际出口位置（如坝轴线处）：该点固定于此、不再捕捉，并重新划分集水区。此后出口点取自图层“SBPlanner 出口点”，您自己的出口点图层不会被修改。右键或 Esc 结束。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/watersheds_step.py" line="304"/>
        <source>Outlet snaps</source>
        <translation>出口点捕捉连线</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/watersheds_step.py" line="341"/>
        <source>placed by hand</source>
        <translation>手动定位</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/watersheds_step.py" line="343"/>
        <source>not moved</source>
        <translation>未移动</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/watersheds_step.py" line="344"/>
        <source>along its channel</source>
        <translation>沿本沟道</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/watersheds_step.py" line="345"/>
        <source>onto its channel</source>
        <translation>移至本沟道</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/watersheds_step.py" line="346"/>
        <source>not on a channel</source>
        <translation>不在沟道上</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/watersheds_step.py" line="347"/>
        <source>across a ridge</source>
        <translation>越过分水岭</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/watersheds_step.py" line="348"/>
        <source>another channel</source>
        <translation>其他沟道</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/watersheds_step.py" line="360"/>
        <source>{0} {1:.2f} km²: the outlet is not on a channel; the catchment is smaller than the stream threshold ({2:g} km²) — click nearer the stream.</source>
        <translation>{0} {1:.2f} km²：出口点不在沟道上，集水区小于河网提取阈值（{2:g} km²）——请在更靠近沟道处点击。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/watersheds_step.py" line="365"/>
        <source>{0}: the snap moved the outlet {1:.0f} m onto a channel the given point does not drain to (across a ridge) — check it on the map, drag it into place or lower the snap distance.</source>
        <translation>{0}：捕捉把出口点移动了 {1:.0f} m，移到了原始点并不汇入的沟道上（越过了分水岭）——请在地图上核查，将其拖到正确位置或减小捕捉距离。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/watersheds_step.py" line="371"/>
        <source>{0}: the snap moved the outlet {1:.0f} m past a confluence onto another channel — {2:.2f} km² instead of the {3:.2f} km² of the channel the given point drains to; check it is on the intended stream or drag it into place.</source>
        <translation>{0}：捕捉把出口点移动了 {1:.0f} m，越过汇流点移到了其他沟道——汇水面积 {2:.2f} km²，而原始点所汇入沟道为 {3:.2f} km²；请确认其位于目标沟道上，或将其拖到正确位置。</translation>
    </message>
</context>
</TS>
