<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1">
<context>
    <name>@default</name>
    <message>
        <location filename="../sbplanner_plugin/plugin.py" line="117"/>
        <source>SBPlanner panel</source>
        <translation>SBPlanner 面板</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/plugin.py" line="120"/>
        <source>Show or hide the SBPlanner small-watershed planning panel</source>
        <translation>显示或隐藏 SBPlanner 小流域治理规划面板</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/plugin.py" line="125"/>
        <source>Check Python packages…</source>
        <translation>检查 Python 依赖包…</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/plugin.py" line="180"/>
        <source>SBPlanner</source>
        <translation>SBPlanner</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/plugin.py" line="138"/>
        <source>The SBPlanner algorithms could not be loaded: {0}</source>
        <translation>无法加载 SBPlanner 算法：{0}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/plugin.py" line="162"/>
        <source>Some Python packages SBPlanner needs are missing: {0}. See Plugins ▸ SBPlanner ▸ Check Python packages.</source>
        <translation>SBPlanner 所需的部分 Python 依赖包缺失：{0}。请查看 插件 ▸ SBPlanner ▸ 检查 Python 依赖包。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/plugin.py" line="180"/>
        <source>Missing or incompatible Python packages: {0}. The SBPlanner algorithms are disabled.</source>
        <translation>缺失或版本不兼容的 Python 依赖包：{0}。SBPlanner 算法已停用。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/plugin.py" line="184"/>
        <source>Details</source>
        <translation>详细信息</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/plugin.py" line="194"/>
        <source>SBPlanner — Python packages</source>
        <translation>SBPlanner — Python 依赖包</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/plugin.py" line="196"/>
        <source>Some Python packages are missing or incompatible.</source>
        <translation>部分 Python 依赖包缺失或版本不兼容。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/plugin.py" line="196"/>
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
        <location filename="../sbplanner_plugin/gui/tasks.py" line="94"/>
        <source>Invalid parameters.</source>
        <translation>参数无效。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/tasks.py" line="142"/>
        <source>The results could not be loaded: {0}</source>
        <translation>无法加载计算结果：{0}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/tasks.py" line="151"/>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/tasks.py" line="165"/>
        <source>The algorithm {0} failed; see the Processing log for details.</source>
        <translation>算法 {0} 运行失败，详见处理工具日志。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/tasks.py" line="172"/>
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
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="184"/>
        <source>Land parcels</source>
        <translation>土地图斑</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="185"/>
        <source>DEM</source>
        <translation>数字高程模型 (DEM)</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="186"/>
        <source>Small watersheds (with ws_code)</source>
        <translation>小流域（含 ws_code 字段）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="191"/>
        <source>Land-use field (default: DLBM)</source>
        <translation>地类编码字段（默认 DLBM）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="199"/>
        <source>Land-use code mapping to GB/T 21010 (CSV)</source>
        <translation>地类编码与 GB/T 21010 对照表（CSV）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="215"/>
        <source>Slope classes</source>
        <translation>坡度分级</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="215"/>
        <source>SL 190 surface-erosion classes</source>
        <translation>SL 190 面蚀坡度分级</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="215"/>
        <source>SL/T 447 D.0.10 land slope composition</source>
        <translation>SL/T 447 表 D.0.10 土地坡度组成</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="215"/>
        <source>SL/T 447 D.0.11 sloping-cropland slope composition</source>
        <translation>SL/T 447 表 D.0.11 坡耕地坡度组成</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="215"/>
        <source>三调 cropland slope grade GDPDJB</source>
        <translation>三调耕地坡度级别 GDPDJB</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="215"/>
        <source>Custom breaks</source>
        <translation>自定义分级</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="229"/>
        <source>Custom slope breaks (degrees, e.g. 5,15,25)</source>
        <translation>自定义坡度分级界限（°，如 5,15,25）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="234"/>
        <source>R factor (MJ·mm/(hm²·h·a))</source>
        <translation>降雨侵蚀力因子 R（MJ·mm/(hm²·h·a)）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="243"/>
        <source>R factor raster</source>
        <translation>降雨侵蚀力因子 R 栅格</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="244"/>
        <source>K factor (t·hm²·h/(hm²·MJ·mm))</source>
        <translation>土壤可蚀性因子 K（t·hm²·h/(hm²·MJ·mm)）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="253"/>
        <source>K factor raster</source>
        <translation>土壤可蚀性因子 K 栅格</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="270"/>
        <source>Vegetation cover raster (0–1 or %)</source>
        <translation>植被覆盖度栅格（0–1 或 %）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="275"/>
        <source>Vegetation cover field (0–1 or %)</source>
        <translation>植被覆盖度字段（0–1 或 %）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="284"/>
        <source>Canopy closure field (0–1)</source>
        <translation>郁闭度字段（0–1）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="293"/>
        <source>Erosion type region</source>
        <translation>土壤侵蚀类型区</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="298"/>
        <source>Allowable soil loss (t/(km²·a), 0 = from the region)</source>
        <translation>容许土壤流失量（t/(km²·a)，0 = 按土壤侵蚀类型区取值）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="307"/>
        <source>Channel threshold for slope length (km²)</source>
        <translation>坡长计算的沟道集水面积阈值（km²）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="316"/>
        <source>Analysed parcels</source>
        <translation>图斑分析结果</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="321"/>
        <source>Soil loss raster (t/(km²·a))</source>
        <translation>土壤流失量栅格（t/(km²·a)）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="416"/>
        <source>Land-use field: {0}</source>
        <translation>地类编码字段：{0}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="470"/>
        <source>Allowable soil loss: {0:g} t/(km²·a)</source>
        <translation>容许土壤流失量：{0:g} t/(km²·a)</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="461"/>
        <source>{0} invalid parcel geometries were repaired.</source>
        <translation>已修复 {0} 个无效的图斑几何。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="463"/>
        <source>{0} parcels without a geometry were skipped.</source>
        <translation>已跳过 {0} 个没有几何的图斑。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="475"/>
        <source>Unmapped land-use code &apos;{0}&apos;: {1} parcels (no land-use class, no soil loss).</source>
        <translation>未能对照的地类编码“{0}”：{1} 个图斑（无地类归属，不计土壤流失量）。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="487"/>
        <source>{0} parcels smaller than a DEM cell take the cells they touch.</source>
        <translation>{0} 个图斑小于一个 DEM 像元，取其接触的像元计算。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="427"/>
        <source>Conditioning the DEM for slope lengths</source>
        <translation>正在为坡长计算预处理 DEM</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="430"/>
        <source>CSLE per cell and per parcel</source>
        <translation>逐像元、逐图斑计算 CSLE</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="489"/>
        <source>The {0} raster does not cover {1} parcels (no soil loss there).</source>
        <translation>{0} 栅格未覆盖 {1} 个图斑（这些图斑不计土壤流失量）。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="493"/>
        <source>{0} parcels lie wholly outside the DEM: they get no numbers.</source>
        <translation>{0} 个图斑完全位于 DEM 范围之外：不计算其指标。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="497"/>
        <source>{0} parcels lie partly outside the DEM: figures cover the part inside.</source>
        <translation>{0} 个图斑部分位于 DEM 范围之外：指标仅统计范围内部分。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="450"/>
        <source>{0} parcels, {1:.2f} hm², eroded area {2:.2f} hm²</source>
        <translation>{0} 个图斑，面积 {1:.2f} hm²，侵蚀面积 {2:.2f} hm²</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="455"/>
        <source>Parameter tables: {0}</source>
        <translation>参数表：{0}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="254"/>
        <source>K factor field of the parcels (or soil type code, with a soil K table)</source>
        <translation>图斑的土壤可蚀性因子 K 字段（或土壤类型编码，配合土壤 K 值表使用）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="262"/>
        <source>Soil K table (CSV: soil_code, k_factor)</source>
        <translation>土壤 K 值表（CSV：soil_code、k_factor）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="481"/>
        <source>Soil codes without K in the table: {0} (those parcels use the K number or raster).</source>
        <translation>K 值表中缺少以下土壤编码：{0}（这些图斑改用 K 数值或 K 栅格）。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="402"/>
        <source>small watersheds</source>
        <translation>小流域</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="466"/>
        <source>parcels</source>
        <translation>图斑</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="207"/>
        <source>Land-use code vintage</source>
        <translation>地类编码版本</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="207"/>
        <source>Automatic (detect)</source>
        <translation>自动（识别）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="207"/>
        <source>三调 / GB/T 21010-2017</source>
        <translation>三调 / GB/T 21010—2017</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="207"/>
        <source>二调 / GB/T 21010-2007</source>
        <translation>二调 / GB/T 21010—2007</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="326"/>
        <source>Land-use code vintage used</source>
        <translation>所用地类编码版本</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="159"/>
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
        <location filename="../sbplanner_plugin/processing/algorithms/analyse_parcels.py" line="159"/>
        <source>Code vintage: 二调 / GB/T 21010-2007 codes (011 水田, 101 铁路用地, 203 村庄 …) are read by their own table (landuse_gbt21010_2007.csv). 'Automatic' detects the vintage from the code forms and the 二调 / 三调 field names (GDPDJ, TKXS / GDPDJB, KCXS) and stops when they disagree; the log names the vintage, the evidence and the table used.</source>
        <translation>地类编码版本：二调 / GB/T 21010—2007 编码（011 水田、101 铁路用地、203 村庄 …）按其专用对照表（landuse_gbt21010_2007.csv）解读。“自动”根据编码形式和二调 / 三调字段名（GDPDJ、TKXS / GDPDJB、KCXS）判定版本，证据相互矛盾时停止运行；日志列出所用版本、判定依据和对照表。</translation>
    </message>
</context>
<context>
    <name>AssignMeasures</name>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/assign_measures.py" line="51"/>
        <source>3 · Measures</source>
        <translation>3 · 措施配置</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/assign_measures.py" line="57"/>
        <source>Assign measures to parcels (rule-based default layout)</source>
        <translation>为图斑配置措施（按规则生成默认措施布局）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/assign_measures.py" line="60"/>
        <source>Proposes a soil and water conservation measure for every parcel analysed in step 2 (措施配置): ordered first-match rules on land use, mean slope, erosion class, 三调 GDLX (TT = already terraced), soil depth, vegetation cover, canopy closure and the erosion-type region. Several measures may combine on one parcel (e.g. 水平梯田 + 地埂植物带); the first is the primary measure.

Slope bounds are lower-inclusive and upper-exclusive: a 15.0° parcel is in [15°, 25°).

Built in and not switchable off: the Soil and Water Conservation Law (《水土保持法》 第二十条, and the article on existing steep cropping) — cropland (except paddies) on 25° or more is retired to forest and grass (退耕还林还草) unless the exemption field flags it 退耕确有困难; a rule that would keep it cropped is overridden and named in the log. Terraced parcels (GDLX = TT) never get another terrace. Built-up land, water and paddies get no measure.

Output: the input fields plus measure_code, measure_name, measure_category, measure_codes, measure_names, rule_id, reason (why, in Chinese) and status = proposed. The catalogue (measures.csv) and the rules (assignment_rules.csv) are editable CSV tables under resources/params; copies in &lt;QGIS profile&gt;/sbplanner/params override them.</source>
        <translation>为第 2 步分析过的每个图斑提出水土保持措施（措施配置）：按顺序逐条匹配规则，取第一条满足的规则；规则条件包括地类、平均坡度、侵蚀强度、三调 GDLX（TT = 已是梯田）、土层厚度、植被覆盖度、郁闭度和土壤侵蚀类型区。一个图斑可组合多项措施（如 水平梯田 + 地埂植物带），第一项为主要措施。

坡度区间含下限、不含上限：坡度 15.0° 的图斑属于 [15°, 25°)。

内置且不可关闭：《水土保持法》第二十条及关于现有陡坡耕地的条款——25° 以上的耕地（水田除外）退耕还林还草，除非豁免字段标记为“退耕确有困难”；使其继续耕种的规则将被覆盖，并在日志中注明。已是梯田的图斑（GDLX = TT）不再配置梯田。建设用地、水域和水田不配置措施。

输出：输入字段，另加 measure_code（措施编码）、measure_name（措施名称）、measure_category（措施类别）、measure_codes、measure_names（组合措施）、rule_id（规则编号）、reason（配置理由，中文）以及 status = proposed（建议）。措施库（measures.csv）和配置规则（assignment_rules.csv）均为 resources/params 下可编辑的 CSV 表；&lt;QGIS 配置目录&gt;/sbplanner/params 中的同名副本优先使用。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/assign_measures.py" line="78"/>
        <source>Analysed parcels (from step 2)</source>
        <translation>图斑分析结果（第 2 步输出）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/assign_measures.py" line="83"/>
        <source>Assignment rules (CSV; default: the bundled rules)</source>
        <translation>措施配置规则（CSV；默认使用插件自带规则）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/assign_measures.py" line="91"/>
        <source>Erosion type region</source>
        <translation>土壤侵蚀类型区</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/assign_measures.py" line="91"/>
        <source>Southern red-soil hilly region</source>
        <translation>南方红壤丘陵区</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/assign_measures.py" line="91"/>
        <source>Southwestern rocky mountain region</source>
        <translation>西南土石山区</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/assign_measures.py" line="91"/>
        <source>Northwestern Loess Plateau</source>
        <translation>西北黄土高原区</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/assign_measures.py" line="91"/>
        <source>Northeastern black-soil region</source>
        <translation>东北黑土区</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/assign_measures.py" line="91"/>
        <source>Northern rocky mountain region</source>
        <translation>北方土石山区</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/assign_measures.py" line="105"/>
        <source>Soil depth field (m)</source>
        <translation>土层厚度字段（m）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/assign_measures.py" line="105"/>
        <source>Exemption field: retiring cropland is impracticable (退耕确有困难, true/1)</source>
        <translation>豁免字段：退耕确有困难（true/1）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/assign_measures.py" line="105"/>
        <source>Vegetation cover field (0–1 or %; default FVC)</source>
        <translation>植被覆盖度字段（0–1 或 %；默认 FVC）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/assign_measures.py" line="105"/>
        <source>Canopy closure field (0–1; default YBD)</source>
        <translation>郁闭度字段（0–1；默认 YBD）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/assign_measures.py" line="126"/>
        <source>Measure catalogue (CSV; default: the bundled catalogue)</source>
        <translation>措施库（CSV；默认使用插件自带措施库）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/assign_measures.py" line="134"/>
        <source>Parcels with measures</source>
        <translation>已配置措施的图斑</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/assign_measures.py" line="176"/>
        <source>Measure catalogue: {0} ({1} measures, sha1 {2})</source>
        <translation>措施库：{0}（{1} 项措施，sha1 {2}）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/assign_measures.py" line="181"/>
        <source>Assignment rules: {0} ({1} rules)</source>
        <translation>措施配置规则：{0}（{1} 条规则）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/assign_measures.py" line="165"/>
        <source>{0} from field {1}</source>
        <translation>{0} 取自字段 {1}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/assign_measures.py" line="210"/>
        <source>Proposed measures (area counted once, under the primary measure):</source>
        <translation>建议措施（面积只计一次，计入主要措施）：</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/assign_measures.py" line="212"/>
        <source>  {0} {1}: {2:.2f} hm², {3} parcels</source>
        <translation>  {0} {1}：{2:.2f} hm²，{3} 个图斑</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/assign_measures.py" line="218"/>
        <source>{0} parcels; {1:.2f} hm² with a measure, {2:.2f} hm² without.</source>
        <translation>共 {0} 个图斑；已配置措施 {1:.2f} hm²，未配置措施 {2:.2f} hm²。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/assign_measures.py" line="145"/>
        <source>parcels</source>
        <translation>图斑</translation>
    </message>
</context>
<context>
    <name>DelineateWatersheds</name>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/delineate_watersheds.py" line="68"/>
        <source>Delineate watersheds from outlets</source>
        <translation>由出口点划分流域</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/delineate_watersheds.py" line="71"/>
        <source>Delineates the full upstream catchment of every outlet point on a DEM.

The DEM is depression-filled (priority flood, Wang &amp; Liu 2006) and D8 flow directions and upstream areas are derived in the same pass (SBPlanner's own engine, tested against pyflwdir); the result is cached, so moving an outlet and running again takes about a second. Each outlet is snapped to the cell of largest upstream area within the snap distance (default 3 cells); the snapped outlets layer reports the original position and the distance moved, for review.

Channels are cells whose upstream area reaches the stream threshold; they give the main channel length and slope (equal-area method), the gully density and the Strahler order.

A DEM in a geographic CRS is reprojected to the CGCS2000 3° Gauss-Krüger zone (China) or UTM, and outputs are in that CRS. Outlets in another CRS are transformed.</source>
        <translation>在 DEM 上为每个出口点划分其完整的上游集水区。

DEM 先经填洼处理（优先洪泛法，Wang &amp; Liu 2006），并在同一遍计算中得到 D8 流向和汇流累积（上游汇水面积；SBPlanner 自有算法，以 pyflwdir 作为测试基准）；预处理结果会被缓存，因此移动出口点后重新运行只需约一秒。每个出口点捕捉到捕捉距离（默认 3 个像元）内汇水面积最大的像元；捕捉后出口点图层记录原始位置和移动距离，供核查。

上游汇水面积达到河网提取阈值的像元即为沟道；据此计算主沟道长度、主沟道比降（等面积法）、沟壑密度和 Strahler 分级。

地理坐标系下的 DEM 会重投影到 CGCS2000 3° 带高斯-克吕格投影（中国境内）或 UTM 投影，输出结果采用该坐标系。其他坐标系的出口点会自动转换。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/delineate_watersheds.py" line="86"/>
        <source>DEM</source>
        <translation>数字高程模型 (DEM)</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/delineate_watersheds.py" line="87"/>
        <source>Outlet points</source>
        <translation>出口点</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/delineate_watersheds.py" line="92"/>
        <source>Stream threshold (km²)</source>
        <translation>河网提取阈值（集水面积，km²）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/delineate_watersheds.py" line="100"/>
        <source>Outlet snap distance (m, 0 = 3 cells)</source>
        <translation>出口点捕捉距离（m，0 = 3 个像元）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/delineate_watersheds.py" line="108"/>
        <source>Watersheds</source>
        <translation>流域</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/delineate_watersheds.py" line="113"/>
        <source>Streams</source>
        <translation>河网</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/delineate_watersheds.py" line="118"/>
        <source>Snapped outlets</source>
        <translation>捕捉后出口点</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/delineate_watersheds.py" line="143"/>
        <source>DEM conditioning reused from the cache.</source>
        <translation>已从缓存复用 DEM 预处理结果（填洼、流向、汇流累积）。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/delineate_watersheds.py" line="148"/>
        <source>{0}: {1:.4f} km², outlet moved {2:.1f} m</source>
        <translation>{0}：汇水面积 {1:.4f} km²，出口点移动 {2:.1f} m</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/delineate_watersheds.py" line="131"/>
        <source>outlets</source>
        <translation>出口点</translation>
    </message>
</context>
<context>
    <name>DesignParamsForm</name>
    <message>
        <location filename="../sbplanner_plugin/gui/measure_picker.py" line="154"/>
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
        <location filename="../sbplanner_plugin/gui/steps/divide_panel.py" line="161"/>
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
        <location filename="../sbplanner_plugin/processing/algorithms/divide_small_watersheds.py" line="63"/>
        <source>Divide into small watersheds (SL 653)</source>
        <translation>划分小流域（SL 653）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/divide_small_watersheds.py" line="66"/>
        <source>Divides a DEM, or the part inside a boundary (a catchment, a county), into small watersheds of at most the maximum area (SL 653-2013: normally ≤ 50 km²).

Micro-watersheds of every channel reach are aggregated from upstream to downstream; when a unit would exceed the maximum area its largest tributaries become small watersheds of their own (headwater units) and the rest forms inter-basins (区间). Units smaller than the minimum area are merged into the downstream unit or the neighbour sharing the longest boundary. Units crossing an administrative boundary are split into sub-units (亚单元, code suffix -1, -2 …). Every unit records its downstream unit.

Codes are provisional (SW001 … numbered from the outlet upstream); when the boundary layer carries an official code field (ws_code, XLYDM, LYDM, code) it is kept as parent_code and prefixes the unit codes.</source>
        <translation>将整个 DEM 或划分范围（某一流域、某个县）内的部分划分为面积不超过上限的小流域（SL 653—2013：一般不大于 50 km²）。

各沟段的微小集水单元自上游向下游逐级合并；当单元面积将超过上限时，其最大的几条支流各自成为独立的小流域（源头小流域），其余部分构成区间小流域（区间）。面积小于下限的单元并入其下游单元或公共边界最长的相邻单元。跨越行政区界线的单元拆分为亚单元（编码后缀 -1、-2 …）。每个单元都记录其下游单元。

编码为临时编码（SW001 …，自出口向上游编号）；若划分范围图层带有正式编码字段（ws_code、XLYDM、LYDM、code），该编码保存为 parent_code，并作为各单元编码的前缀。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/divide_small_watersheds.py" line="81"/>
        <source>DEM</source>
        <translation>数字高程模型 (DEM)</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/divide_small_watersheds.py" line="82"/>
        <source>Boundary (catchment or county)</source>
        <translation>划分范围（流域或县界）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/divide_small_watersheds.py" line="90"/>
        <source>Administrative areas (split into sub-units)</source>
        <translation>行政区（跨界单元拆分为亚单元）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/divide_small_watersheds.py" line="98"/>
        <source>Administrative name/code field</source>
        <translation>行政区名称/代码字段</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/divide_small_watersheds.py" line="106"/>
        <source>Maximum small-watershed area (km²)</source>
        <translation>小流域面积上限（km²）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/divide_small_watersheds.py" line="115"/>
        <source>Minimum area; smaller residual units are merged (km²)</source>
        <translation>面积下限，更小的残余单元将被合并（km²）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/divide_small_watersheds.py" line="124"/>
        <source>Stream threshold (km²)</source>
        <translation>河网提取阈值（集水面积，km²）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/divide_small_watersheds.py" line="133"/>
        <source>Small watersheds</source>
        <translation>小流域</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/divide_small_watersheds.py" line="138"/>
        <source>Small-watershed streams</source>
        <translation>小流域河网</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/divide_small_watersheds.py" line="172"/>
        <source>{0} small watersheds, {1:.3f} km² in total</source>
        <translation>共 {0} 个小流域，总面积 {1:.3f} km²</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/divide_small_watersheds.py" line="147"/>
        <source>boundaries</source>
        <translation>划分范围</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/divide_small_watersheds.py" line="147"/>
        <source>administrative areas</source>
        <translation>行政区</translation>
    </message>
</context>
<context>
    <name>MeasureEditorPanel</name>
    <message>
        <location filename="../sbplanner_plugin/gui/measure_panel.py" line="63"/>
        <source>Select parcels here or on the map; rows marked ⚠ have validation problems.</source>
        <translation>在此处或地图上选择图斑；标有 ⚠ 的行存在校验问题。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/measure_panel.py" line="77"/>
        <source>Assign to selected parcels</source>
        <translation>配置到所选图斑</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/measure_panel.py" line="78"/>
        <source>Confirm selected</source>
        <translation>确认所选</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/measure_panel.py" line="79"/>
        <source>Mark the selected parcels&apos; measures as checked by the designer</source>
        <translation>将所选图斑的措施标记为已由设计人员核定</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/measure_panel.py" line="98"/>
        <source>Measure for the selection (check several to combine; first = primary):</source>
        <translation>所选图斑的措施（可勾选多项组合；第一项为主要措施）：</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/measure_panel.py" line="103"/>
        <source>Validation:</source>
        <translation>校验：</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/measure_panel.py" line="105"/>
        <source>Summary (area counted once, under the primary measure):</source>
        <translation>汇总（面积只计一次，计入主要措施）：</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/measure_panel.py" line="119"/>
        <source>Watershed</source>
        <translation>小流域</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/measure_panel.py" line="129"/>
        <source>Land use</source>
        <translation>地类</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/measure_panel.py" line="121"/>
        <source>Slope class</source>
        <translation>坡度分级</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/measure_panel.py" line="131"/>
        <source>Erosion</source>
        <translation>侵蚀强度</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/measure_panel.py" line="133"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/measure_panel.py" line="128"/>
        <source>Parcel</source>
        <translation>图斑</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/measure_panel.py" line="130"/>
        <source>Slope °</source>
        <translation>坡度 °</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/measure_panel.py" line="147"/>
        <source>Measure</source>
        <translation>措施</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/measure_panel.py" line="134"/>
        <source>Check</source>
        <translation>校验</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/measure_panel.py" line="140"/>
        <source>proposed</source>
        <translation>建议</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/measure_panel.py" line="141"/>
        <source>confirmed</source>
        <translation>已确认</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/measure_panel.py" line="142"/>
        <source>overridden</source>
        <translation>已调整</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/measure_panel.py" line="148"/>
        <source>Parcels</source>
        <translation>图斑</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/measure_panel.py" line="149"/>
        <source>Area hm²</source>
        <translation>面积 hm²</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/measure_panel.py" line="174"/>
        <source>The measure catalogue cannot be read: {0}</source>
        <translation>无法读取措施库：{0}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/measure_panel.py" line="184"/>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/measure_panel.py" line="185"/>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/measure_panel.py" line="209"/>
        <source>The edit was not saved: {0}</source>
        <translation>编辑未能保存：{0}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/measure_panel.py" line="217"/>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/measure_panel.py" line="219"/>
        <source>(empty)</source>
        <translation>（空）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/measure_panel.py" line="232"/>
        <source>{0} of {1} parcels shown</source>
        <translation>显示 {1} 个图斑中的 {0} 个</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/measure_panel.py" line="263"/>
        <source>Select parcels in the table or on the map.</source>
        <translation>请在表格或地图上选择图斑。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/measure_panel.py" line="311"/>
        <source>Parcel {0}: {1}</source>
        <translation>图斑 {0}：{1}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/measure_panel.py" line="275"/>
        <source>{0} parcel(s) selected; no validation problem.</source>
        <translation>已选择 {0} 个图斑；校验无问题。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/measure_panel.py" line="283"/>
        <source>no measure</source>
        <translation>无措施</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/measure_panel.py" line="284"/>
        <source>Assign {0} to {1} parcel(s)</source>
        <translation>为 {1} 个图斑配置 {0}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/measure_panel.py" line="291"/>
        <source>Confirm {0} parcel(s)</source>
        <translation>确认 {0} 个图斑</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/measure_panel.py" line="322"/>
        <source>{0} of {1} parcel(s) not confirmed yet.</source>
        <translation>{1} 个图斑中有 {0} 个尚未确认。</translation>
    </message>
</context>
<context>
    <name>MeasurePicker</name>
    <message>
        <location filename="../sbplanner_plugin/gui/measure_picker.py" line="47"/>
        <source>工程措施 engineering</source>
        <translation>工程措施</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/measure_picker.py" line="48"/>
        <source>林草措施 vegetative</source>
        <translation>林草措施</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/measure_picker.py" line="49"/>
        <source>耕作措施 tillage</source>
        <translation>耕作措施</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/measure_picker.py" line="50"/>
        <source>封育治理 closure</source>
        <translation>封育治理</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/measure_picker.py" line="83"/>
        <source>{0} ({1}); land use {2}; slope {3:g}–{4:g}°; D.0.15: {5}; {6}</source>
        <translation>{0}（{1}）；适用地类 {2}；坡度 {3:g}–{4:g}°；D.0.15：{5}；{6}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/measure_picker.py" line="130"/>
        <source>Measures: {0}</source>
        <translation>措施：{0}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/measure_picker.py" line="130"/>
        <source>none (无措施)</source>
        <translation>无措施</translation>
    </message>
</context>
<context>
    <name>MeasuresStep</name>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/measures_step.py" line="45"/>
        <source>Measures / 措施配置</source>
        <translation>措施配置</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/measures_step.py" line="48"/>
        <source>SBPlanner – 3 措施</source>
        <translation>SBPlanner – 3 措施配置</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/measures_step.py" line="59"/>
        <source>Parcels analysed in step 2</source>
        <translation>第 2 步分析过的图斑</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/measures_step.py" line="66"/>
        <source>Optional field flagging parcels where retiring cropland is impracticable (退耕确有困难)</source>
        <translation>可选：标记“退耕确有困难”图斑的字段</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/measures_step.py" line="71"/>
        <source>Optional field with the soil depth in metres</source>
        <translation>可选：土层厚度字段（m）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/measures_step.py" line="72"/>
        <source>Also site gully works (谷坊, 沟头防护, 截水沟)</source>
        <translation>同时布设沟道工程（谷坊、沟头防护、截水沟）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/measures_step.py" line="73"/>
        <source>Needs the DEM of step 1/2 and the plan&apos;s streams</source>
        <translation>需要第 1/2 步的 DEM 和成果库中的河网</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/measures_step.py" line="74"/>
        <source>Propose layout</source>
        <translation>生成措施布局</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/measures_step.py" line="74"/>
        <source>SBPlanner</source>
        <translation>SBPlanner</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/measures_step.py" line="76"/>
        <source>Parcels</source>
        <translation>图斑</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/measures_step.py" line="77"/>
        <source>Erosion region</source>
        <translation>侵蚀类型区</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/measures_step.py" line="78"/>
        <source>Exemption field</source>
        <translation>豁免字段</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/measures_step.py" line="79"/>
        <source>Soil depth field</source>
        <translation>土层厚度字段</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/measures_step.py" line="80"/>
        <source>Default layout</source>
        <translation>默认措施布局</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/measures_step.py" line="88"/>
        <source>Parcel editor</source>
        <translation>图斑措施编辑</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/measures_step.py" line="93"/>
        <source>Digitise</source>
        <translation>数字化</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/measures_step.py" line="94"/>
        <source>Move</source>
        <translation>移动</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/measures_step.py" line="101"/>
        <source>Works on the map</source>
        <translation>地图上的工程</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/measures_step.py" line="156"/>
        <source>Choose the analysed parcels (run step 2 first).</source>
        <translation>请选择图斑分析结果（先运行第 2 步）。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/measures_step.py" line="185"/>
        <source>Parcels with measures</source>
        <translation>已配置措施的图斑</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/measures_step.py" line="193"/>
        <source>the parcels with measures were not written into the plan</source>
        <translation>已配置措施的图斑未写入规划成果库</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/measures_step.py" line="195"/>
        <source>Measures proposed for {0} parcel(s).</source>
        <translation>已为 {0} 个图斑提出措施建议。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/measures_step.py" line="221"/>
        <source>Measures proposed; gully works need the DEM of step 1 or 2.</source>
        <translation>已提出措施建议；沟道工程需要第 1 或第 2 步的 DEM。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/measures_step.py" line="235"/>
        <source>Check dams (谷坊)</source>
        <translation>谷坊</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/measures_step.py" line="236"/>
        <source>Gully-head protection (沟头防护)</source>
        <translation>沟头防护</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/measures_step.py" line="237"/>
        <source>Intercepting ditches (截水沟)</source>
        <translation>截水沟</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/measures_step.py" line="243"/>
        <source>Measures proposed; {0} check dam(s), {1} gully head(s), {2} ditch(es) sited.</source>
        <translation>已提出措施建议；布设谷坊 {0} 座、沟头防护 {1} 处、截水沟 {2} 条。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/measures_step.py" line="304"/>
        <source>{0}: features {1} and {2} overlap (closer than {3:g} m).</source>
        <translation>{0}：要素 {1} 与 {2} 重叠（间距小于 {3:g} m）。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/measures_step.py" line="362"/>
        <source>Propose the layout with gully works first.</source>
        <translation>请先生成含沟道工程的措施布局。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/measures_step.py" line="336"/>
        <source>Add {0}</source>
        <translation>添加{0}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/measures_step.py" line="341"/>
        <source>Move {0}</source>
        <translation>移动{0}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/measures_step.py" line="97"/>
        <source>Accept</source>
        <translation>采纳</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/measures_step.py" line="98"/>
        <source>Mark the selected works of this layer confirmed</source>
        <translation>将此图层中所选工程标记为已确认</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/measures_step.py" line="99"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/measures_step.py" line="100"/>
        <source>Delete the selected works of this layer (undo restores them)</source>
        <translation>删除此图层中所选工程（可撤销恢复）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/measures_step.py" line="366"/>
        <source>Select works of the layer {0} on the map first (the Move tool selects the work it picks).</source>
        <translation>请先在地图上选择图层 {0} 中的工程（移动工具会选中其点选的工程）。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/measures_step.py" line="379"/>
        <source>Accept {0} work(s) of {1}</source>
        <translation>采纳 {1} 中的 {0} 处工程</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/measures_step.py" line="387"/>
        <source>Delete {0} work(s) of {1}</source>
        <translation>删除 {1} 中的 {0} 处工程</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/measures_step.py" line="268"/>
        <source>Other point works</source>
        <translation>其他点状工程</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/measures_step.py" line="268"/>
        <source>Other line works</source>
        <translation>其他线状工程</translation>
    </message>
</context>
<context>
    <name>ParcelsStep</name>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="75"/>
        <source>Parcels and erosion / 图斑分析</source>
        <translation>图斑分析</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="78"/>
        <source>SBPlanner – 2 图斑</source>
        <translation>SBPlanner – 2 图斑分析</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="96"/>
        <source>Field with the land-use code (三调 DLBM or another code list)</source>
        <translation>地类编码所在字段（三调 DLBM 或其他编码体系）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="99"/>
        <source>CSV table (*.csv)</source>
        <translation>CSV 表格 (*.csv)</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="100"/>
        <source>Land-use mapping table</source>
        <translation>地类编码对照表</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="101"/>
        <source>Optional CSV with columns code,gbt21010_code mapping another code list to GB/T 21010.</source>
        <translation>可选：含 code、gbt21010_code 两列的 CSV，用于将其他编码体系对照到 GB/T 21010。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="452"/>
        <source>Parcels</source>
        <translation>图斑</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="125"/>
        <source>DEM</source>
        <translation>DEM</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="126"/>
        <source>Land-use field</source>
        <translation>地类编码字段</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="127"/>
        <source>Code mapping</source>
        <translation>编码对照表</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="129"/>
        <source>Parcels and land use</source>
        <translation>图斑与地类</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="132"/>
        <source>Land-use codes found in the parcels:</source>
        <translation>图斑中出现的地类编码：</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="142"/>
        <source>e.g. 5,15,25 (degrees)</source>
        <translation>如 5,15,25（°）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="148"/>
        <source>Optional: small watersheds (with ws_code) for the summary tables</source>
        <translation>可选：用于分流域汇总表的小流域（含 ws_code 字段）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="150"/>
        <source>Slope classes</source>
        <translation>坡度分级</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="264"/>
        <source>Custom breaks</source>
        <translation>自定义分级</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="152"/>
        <source>Watersheds</source>
        <translation>小流域</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="155"/>
        <source>Erosion factors (CSLE)</source>
        <translation>土壤侵蚀因子（CSLE）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="157"/>
        <source>Rainfall erosivity R, MJ·mm/(hm²·h·a)</source>
        <translation>降雨侵蚀力因子 R，MJ·mm/(hm²·h·a)</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="158"/>
        <source>Optional raster of R (replaces the number)</source>
        <translation>可选：R 因子栅格（替代上面的数值）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="160"/>
        <source>Soil erodibility K, t·hm²·h/(hm²·MJ·mm)</source>
        <translation>土壤可蚀性因子 K，t·hm²·h/(hm²·MJ·mm)</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="161"/>
        <source>Optional raster of K (replaces the number)</source>
        <translation>可选：K 因子栅格（替代上面的数值）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="162"/>
        <source>Optional parcel field with K (replaces number and raster)</source>
        <translation>可选：图斑的 K 值字段（替代数值和栅格）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="163"/>
        <source>Optional vegetation cover raster (0–1 or %)</source>
        <translation>可选：植被覆盖度栅格（0–1 或 %）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="164"/>
        <source>Optional parcel field with vegetation cover (0–1 or %)</source>
        <translation>可选：图斑的植被覆盖度字段（0–1 或 %）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="165"/>
        <source>Optional parcel field with canopy closure (0–1)</source>
        <translation>可选：图斑的郁闭度字段（0–1）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="169"/>
        <source>Erosion type region; sets the tolerable soil loss (SL 190)</source>
        <translation>土壤侵蚀类型区，决定容许土壤流失量（SL 190）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="171"/>
        <source>from region</source>
        <translation>按类型区</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="173"/>
        <source>Tolerable soil loss; 0 = the value of the erosion region</source>
        <translation>容许土壤流失量；0 = 取土壤侵蚀类型区的值</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="175"/>
        <source>R</source>
        <translation>降雨侵蚀力 R</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="176"/>
        <source>R raster</source>
        <translation>R 栅格</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="177"/>
        <source>K</source>
        <translation>土壤可蚀性 K</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="178"/>
        <source>K raster</source>
        <translation>K 栅格</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="179"/>
        <source>K field</source>
        <translation>K 字段</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="180"/>
        <source>Cover raster</source>
        <translation>植被覆盖度栅格</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="181"/>
        <source>Cover field</source>
        <translation>植被覆盖度字段</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="182"/>
        <source>Canopy field</source>
        <translation>郁闭度字段</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="183"/>
        <source>Erosion region</source>
        <translation>侵蚀类型区</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="184"/>
        <source>Tolerance</source>
        <translation>容许流失量</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="187"/>
        <source>Analyse parcels</source>
        <translation>图斑分析</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="187"/>
        <source>SBPlanner</source>
        <translation>SBPlanner</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="188"/>
        <source>Erosion class</source>
        <translation>侵蚀强度</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="189"/>
        <source>Slope class</source>
        <translation>坡度分级</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="195"/>
        <source>Show parcels by</source>
        <translation>图斑显示依据</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="203"/>
        <source>Click a header to sort; Ctrl+C copies the selected rows.</source>
        <translation>单击表头可排序；Ctrl+C 复制所选行。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="205"/>
        <source>Analyse and summarise</source>
        <translation>分析与汇总</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="209"/>
        <source>Per watershed (水土流失现状, D.0.5 shares in %):</source>
        <translation>各小流域水土流失现状（D.0.5，各强度面积占比 %）：</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="238"/>
        <source>not set</source>
        <translation>未设置</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="264"/>
        <source>SL 190 面蚀 (5/8/15/25/35°)</source>
        <translation>SL 190 面蚀（5/8/15/25/35°）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="264"/>
        <source>SL/T 447 D.0.10 土地坡度组成 (5/15/25/35°)</source>
        <translation>SL/T 447 D.0.10 土地坡度组成（5/15/25/35°）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="264"/>
        <source>SL/T 447 D.0.11 坡耕地 (5/10/15/25°)</source>
        <translation>SL/T 447 D.0.11 坡耕地（5/10/15/25°）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="264"/>
        <source>三调 GDPDJB (2/6/15/25°)</source>
        <translation>三调 GDPDJB（2/6/15/25°）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="322"/>
        <source>Choose the land-use field.</source>
        <translation>请选择地类编码字段。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="322"/>
        <source>Choose a parcel layer.</source>
        <translation>请选择图斑图层。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="344"/>
        <source>The land-use table of SBPlanner is not available; reinstall the plugin.</source>
        <translation>SBPlanner 的地类表不可用，请重新安装插件。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="350"/>
        <source>Mapping not used: {0}</source>
        <translation>未使用编码对照表：{0}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="356"/>
        <source>First {0} of {1} parcels.</source>
        <translation>{1} 个图斑中的前 {0} 个。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="357"/>
        <source>{0} code(s) in {1} parcel(s).</source>
        <translation>{1} 个图斑中共 {0} 种编码。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="359"/>
        <source>{0} code(s) in {1} parcel(s) are not mapped to GB/T 21010: {2}</source>
        <translation>{1} 个图斑中有 {0} 种编码未对照到 GB/T 21010：{2}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="380"/>
        <source>Choose a parcel polygon layer.</source>
        <translation>请选择图斑面图层。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="383"/>
        <source>Choose a DEM raster layer.</source>
        <translation>请选择 DEM 栅格图层。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="388"/>
        <source>Enter the custom slope breaks in degrees, e.g. 5,15,25.</source>
        <translation>请输入自定义坡度分级界限（°），如 5,15,25。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="391"/>
        <source>Enter the rainfall erosivity R or choose an R raster.</source>
        <translation>请输入降雨侵蚀力因子 R，或选择 R 栅格。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="395"/>
        <source>Enter the soil erodibility K or choose a K raster or field.</source>
        <translation>请输入土壤可蚀性因子 K，或选择 K 栅格或 K 字段。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="460"/>
        <source>the parcels layer was not written into the plan</source>
        <translation>图斑图层未写入规划成果库</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="465"/>
        <source>{0} parcel(s) analysed; summarising per watershed…</source>
        <translation>已分析 {0} 个图斑；正在按小流域汇总…</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="487"/>
        <source>The watershed summary could not start: {0}</source>
        <translation>无法启动小流域汇总：{0}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="497"/>
        <source>Parcels analysed; no watershed summary was written.</source>
        <translation>图斑分析完成；未写入小流域汇总。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="501"/>
        <source>{0} parcel(s) analysed and {1} summary row(s) saved in the plan.</source>
        <translation>已分析 {0} 个图斑，{1} 行汇总结果已保存到规划成果库。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="524"/>
        <source>Indicators per watershed (水土保持率, 林草覆盖率)</source>
        <translation>各小流域指标（水土保持率、林草覆盖率）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="525"/>
        <source>D.0.5 soil-erosion status</source>
        <translation>D.0.5 水土流失现状</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="526"/>
        <source>D.0.10 land slope composition</source>
        <translation>D.0.10 土地坡度组成</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="527"/>
        <source>D.0.11 sloping-cropland slope composition</source>
        <translation>D.0.11 坡耕地坡度组成</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="528"/>
        <source>Land use by slope class</source>
        <translation>各坡度级土地利用</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="114"/>
        <source>二调 codes (GB/T 21010-2007: 101 铁路用地) and 三调 codes (2017: 0101 水田) share digits; 'Automatic' detects the vintage from the codes and the field names.</source>
        <translation>二调编码（GB/T 21010—2007：101 铁路用地）与三调编码（2017：0101 水田）数字相同而含义不同；“自动”根据编码和字段名判定版本。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="128"/>
        <source>Code vintage</source>
        <translation>编码版本</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="276"/>
        <source>Automatic (detect)</source>
        <translation>自动（识别）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="276"/>
        <source>三调 / GB/T 21010-2017</source>
        <translation>三调 / GB/T 21010—2017</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="276"/>
        <source>二调 / GB/T 21010-2007</source>
        <translation>二调 / GB/T 21010—2007</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_step.py" line="464"/>
        <source>Last run: {0}</source>
        <translation>上次运行：{0}</translation>
    </message>
</context>
<context>
    <name>ParcelsTables</name>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_tables.py" line="152"/>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_tables.py" line="152"/>
        <source>(empty)</source>
        <translation>（空）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_tables.py" line="153"/>
        <source>Parcels</source>
        <translation>图斑</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_tables.py" line="154"/>
        <source>GB/T 21010</source>
        <translation>GB/T 21010 编码</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_tables.py" line="155"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_tables.py" line="155"/>
        <source>unmapped</source>
        <translation>未对照</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_tables.py" line="156"/>
        <source>Group</source>
        <translation>地类组</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_tables.py" line="161"/>
        <source>Watershed</source>
        <translation>小流域</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_tables.py" line="162"/>
        <source>Land km²</source>
        <translation>土地面积 km²</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_tables.py" line="163"/>
        <source>Eroded km²</source>
        <translation>水土流失面积 km²</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_tables.py" line="164"/>
        <source>水土保持率 %</source>
        <translation>水土保持率 %</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_tables.py" line="165"/>
        <source>林草覆盖率 %</source>
        <translation>林草覆盖率 %</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/parcels_tables.py" line="166"/>
        <source>Mean t/(km²·a)</source>
        <translation>平均侵蚀模数 t/(km²·a)</translation>
    </message>
</context>
<context>
    <name>RoadmapStep</name>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/roadmap.py" line="16"/>
        <source>Quantities and investment</source>
        <translation>工程量与投资</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/roadmap.py" line="20"/>
        <source>Engineering quantities and investment estimate of the planned measures.</source>
        <translation>规划措施的工程量计算与投资估算。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/roadmap.py" line="31"/>
        <source>Ranking and benefits</source>
        <translation>排序与效益</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/roadmap.py" line="35"/>
        <source>Treatment urgency ranking of the small watersheds and expected benefits.</source>
        <translation>小流域治理紧迫性排序与预期效益分析。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/roadmap.py" line="46"/>
        <source>Tables and report</source>
        <translation>表格与报告</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/roadmap.py" line="50"/>
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
        <location filename="../sbplanner_plugin/processing/base.py" line="132"/>
        <source>1 · Small watersheds</source>
        <translation>1 · 小流域划分</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/base.py" line="142"/>
        <source>Not enough memory for this DEM; clip it to the area of interest or use a coarser resolution.</source>
        <translation>内存不足，无法处理此 DEM；请将其裁剪到研究区范围，或改用较低的分辨率。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/base.py" line="160"/>
        <source>The DEM is in a geographic CRS; it was reprojected for true areas and lengths:</source>
        <translation>DEM 采用地理坐标系，为得到真实的面积和长度已将其重投影：</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/base.py" line="167"/>
        <source>DEM: {0} × {1} cells of {2:g} m</source>
        <translation>DEM：{0} × {1} 个像元，像元大小 {2:g} m</translation>
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
    <name>SbPlannerDock</name>
    <message>
        <location filename="../sbplanner_plugin/gui/dock.py" line="50"/>
        <source>GeoPackage (*.gpkg)</source>
        <translation>GeoPackage (*.gpkg)</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/dock.py" line="51"/>
        <source>Plan GeoPackage</source>
        <translation>规划成果库 (GeoPackage)</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/dock.py" line="52"/>
        <source>All results of the plan are saved in this GeoPackage.</source>
        <translation>规划的全部成果都保存在此 GeoPackage 中。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/dock.py" line="54"/>
        <source>Plan</source>
        <translation>成果库</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/dock.py" line="139"/>
        <source>Choose the plan GeoPackage (top of the panel) where the results are saved.</source>
        <translation>请在面板顶部选择保存成果的规划成果库 (GeoPackage)。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/dock.py" line="141"/>
        <source>The folder of the plan GeoPackage does not exist: {0}</source>
        <translation>规划成果库 (GeoPackage) 所在的文件夹不存在：{0}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/dock.py" line="161"/>
        <source>SBPlanner is incomplete (plan store module missing); reinstall the plugin.</source>
        <translation>SBPlanner 安装不完整（缺少规划成果库模块），请重新安装插件。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/dock.py" line="164"/>
        <source>The plan GeoPackage cannot be opened or created: {0}</source>
        <translation>无法打开或创建规划成果库 (GeoPackage)：{0}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/dock.py" line="173"/>
        <source>SBPlanner</source>
        <translation>SBPlanner</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/dock.py" line="41"/>
        <source>SBPlanner / 小流域治理规划</source>
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
        <location filename="../sbplanner_plugin/core/errors.py" line="76"/>
        <source>The DEM holds no valid elevation (every cell is nodata).</source>
        <translation>DEM 中没有有效高程值（所有像元均为 NoData）。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/errors.py" line="81"/>
        <source>The DEM has only {rows} × {cols} cells; at least 3 × 3 valid cells are needed.</source>
        <translation>DEM 只有 {rows} × {cols} 个像元；至少需要 3 × 3 个有效像元。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/errors.py" line="98"/>
        <source>The outlet layer holds no points.</source>
        <translation>出口点图层中没有点要素。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/errors.py" line="103"/>
        <source>Outlet {outlet} at ({x:.1f}, {y:.1f}) lies outside the valid DEM area.</source>
        <translation>出口点 {outlet}（{x:.1f}, {y:.1f}）位于 DEM 有效范围之外。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/errors.py" line="110"/>
        <source>The boundary layer does not overlap the valid DEM area.</source>
        <translation>划分范围图层与 DEM 有效范围不重叠。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/errors.py" line="115"/>
        <source>Invalid value for {name}: {value} ({reason}).</source>
        <translation>{name} 的取值无效：{value}（{reason}）。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/errors.py" line="120"/>
        <source>Cancelled by the user.</source>
        <translation>已被用户取消。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/errors.py" line="125"/>
        <source>The DEM &apos;{path}&apos; cannot be read as a raster.</source>
        <translation>无法将 DEM“{path}”读取为栅格数据。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/params.py" line="24"/>
        <source>Parameter table {file}, line {line}, column &apos;{column}&apos;: {problem}</source>
        <translation>参数表 {file} 第 {line} 行“{column}”列：{problem}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/parcels.py" line="57"/>
        <source>The parcel layer has no land-use field (DLBM or similar); choose one in &apos;Land-use field&apos;.</source>
        <translation>图斑图层没有地类编码字段（DLBM 或类似字段）；请在“地类编码字段”中选择。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/parcels.py" line="64"/>
        <source>The parcel layer holds no polygons with a geometry.</source>
        <translation>图斑图层中没有带几何的面要素。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/parcels.py" line="69"/>
        <source>Give the {factor} factor as a number greater than 0 or as a raster.</source>
        <translation>请将 {factor} 因子设为大于 0 的数值或指定栅格。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/adapters/plan_store_common.py" line="68"/>
        <source>The plan {path} cannot be used: {reason}</source>
        <translation>规划成果库 {path} 无法使用：{reason}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/adapters/plan_store_common.py" line="73"/>
        <source>The plan {path} was saved by a newer SBPlanner (plan format {found}; this version reads up to {supported}). Update the plugin to open it; the plan was not changed.</source>
        <translation>规划成果库 {path} 由更新版本的 SBPlanner 保存（成果库格式版本 {found}；当前版本最高只能读取版本 {supported}）。请升级插件后再打开；该成果库未作任何改动。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/adapters/plan_store_common.py" line="81"/>
        <source>The file {path} is not a GeoPackage; choose another plan file or a new file name.</source>
        <translation>文件 {path} 不是 GeoPackage；请选择其他规划成果库文件或输入新的文件名。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/adapters/plan_store_common.py" line="88"/>
        <source>The edit of layer {layer} was not saved (nothing was changed): {reason}</source>
        <translation>图层 {layer} 的编辑未能保存（未作任何更改）：{reason}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/division.py" line="221"/>
        <source>need 0 ≤ minimum &lt; maximum</source>
        <translation>须满足 0 ≤ 最小值 &lt; 最大值</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/hydrology.py" line="266"/>
        <source>must be &gt; 0</source>
        <translation>必须 &gt; 0</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/gully.py" line="307"/>
        <source>must be ≥ 0 and &lt; 1</source>
        <translation>必须 ≥ 0 且 &lt; 1</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/hydrology.py" line="206"/>
        <source>not finite</source>
        <translation>不是有限数值</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/params.py" line="301"/>
        <source>ascending degrees between 0 and 90</source>
        <translation>须为 0 至 90 之间递增的度数</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/parcels.py" line="317"/>
        <source>numbers separated by commas</source>
        <translation>须为以逗号分隔的数字</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/gully.py" line="572"/>
        <source>No channel on the DEM: no cell drains {threshold_km2:g} km². Lower the stream threshold or use a larger DEM.</source>
        <translation>DEM 上没有沟道：没有任何像元的汇水面积达到 {threshold_km2:g} km²。请降低河网提取阈值，或使用范围更大的 DEM。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/gully.py" line="580"/>
        <source>None of the {count} stream lines follows a flow path of the DEM: do they belong to this DEM?</source>
        <translation>{count} 条河网线中没有一条沿 DEM 的水流路径分布：它们是否属于此 DEM？</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/gully.py" line="588"/>
        <source>The stream layer holds no lines.</source>
        <translation>河网图层中没有线要素。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/errors.py" line="132"/>
        <source>The parcel layer lacks the field &apos;{field}&apos;: run &apos;Analyse parcels&apos; first and use its output.</source>
        <translation>图斑图层缺少字段“{field}”：请先运行“图斑分析”，并使用其输出结果。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/params.py" line="148"/>
        <source>empty value</source>
        <translation>值为空</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/params.py" line="85"/>
        <source>missing column</source>
        <translation>缺少该列</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/params.py" line="91"/>
        <source>more cells than columns (quote commas)</source>
        <translation>单元格数多于列数（含逗号的值请加引号）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/adapters/param_files.py" line="82"/>
        <source>not UTF-8 text</source>
        <translation>不是 UTF-8 编码的文本</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/measures/catalogue.py" line="211"/>
        <source>need 0 ≤ slope_min_deg &lt; slope_max_deg ≤ 90</source>
        <translation>须满足 0 ≤ slope_min_deg &lt; slope_max_deg ≤ 90</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/measures/catalogue.py" line="219"/>
        <source>csle_factor is none: leave csle_ref and csle_value empty</source>
        <translation>csle_factor 为 none：csle_ref 和 csle_value 须留空</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/measures/rules.py" line="146"/>
        <source>must lie between 0 and 1</source>
        <translation>须介于 0 与 1 之间</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/measures/catalogue.py" line="290"/>
        <source>no measures</source>
        <translation>没有任何措施</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/measures/rules.py" line="100"/>
        <source>must exceed slope_min_deg</source>
        <translation>须大于 slope_min_deg</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/params.py" line="217"/>
        <source>need classes 0 to 5</source>
        <translation>须包含 0 至 5 级</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/errors.py" line="89"/>
        <source>The DEM has {rows} × {cols} cells; at most {cells} cells can be conditioned at once. Clip it to the area of interest or resample it to a coarser cell size.</source>
        <translation>DEM 有 {rows} × {cols} 个栅格，一次最多只能处理 {cells} 个栅格。请将其裁剪到研究区，或重采样为更粗的分辨率。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/adapters/plan_store_common.py" line="94"/>
        <source>no feature with id {fid}</source>
        <translation>不存在 ID 为 {fid} 的要素</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/adapters/plan_store_common.py" line="95"/>
        <source>unknown or read-only field {field}</source>
        <translation>字段 {field} 不存在或为只读</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/adapters/plan_store_common.py" line="96"/>
        <source>schema_version &apos;{text}&apos; is not a number</source>
        <translation>schema_version“{text}”不是数字</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/adapters/plan_store_gpkg.py" line="193"/>
        <source>file does not exist</source>
        <translation>文件不存在</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/adapters/plan_store_common.py" line="186"/>
        <source>the geometry is not valid WKB</source>
        <translation>该几何不是有效的 WKB</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/adapters/plan_store_common.py" line="209"/>
        <source>internal table</source>
        <translation>这是内部表，不可编辑</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/adapters/plan_store_common.py" line="212"/>
        <source>no such layer in the plan</source>
        <translation>规划成果库中没有该图层</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/adapters/plan_store_common.py" line="216"/>
        <source>the layer has no feature id column</source>
        <translation>该图层没有要素 ID 列</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/adapters/plan_store_common.py" line="267"/>
        <source>the layer has no geometry column</source>
        <translation>该图层没有几何列</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/adapters/plan_store_postgis.py" line="56"/>
        <source>a plan schema name is letters, digits and _ only</source>
        <translation>规划成果库的模式（schema）名只能包含字母、数字和下划线 _</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/adapters/plan_store_postgis.py" line="68"/>
        <source>no schema=&lt;name&gt; in the PostGIS plan location</source>
        <translation>PostGIS 规划成果库地址中缺少 schema=&lt;name&gt;</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/adapters/plan_store_postgis.py" line="94"/>
        <source>the Python driver psycopg2 is not installed</source>
        <translation>未安装 Python 数据库驱动 psycopg2</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/adapters/plan_store_postgis.py" line="214"/>
        <source>the plan schema does not exist</source>
        <translation>规划成果库的模式（schema）不存在</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/adapters/plan_store_postgis.py" line="220"/>
        <source>the plan must be opened (upgraded) first</source>
        <translation>须先打开（升级）该规划成果库</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/gully.py" line="51"/>
        <source>{key} must be ≥ {lo:g}</source>
        <translation>{key} 须 ≥ {lo:g}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/gully.py" line="52"/>
        <source>{key} must be &gt; {lo:g}</source>
        <translation>{key} 须 &gt; {lo:g}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/gully.py" line="53"/>
        <source>{key} must be ≥ {lo:g} and ≤ {hi:g}</source>
        <translation>{key} 须 ≥ {lo:g} 且 ≤ {hi:g}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/gully.py" line="54"/>
        <source>{key} must be &gt; {lo:g} and ≤ {hi:g}</source>
        <translation>{key} 须 &gt; {lo:g} 且 ≤ {hi:g}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/gully.py" line="104"/>
        <source>no row &apos;{key}&apos;</source>
        <translation>缺少“{key}”行</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/landuse.py" line="146"/>
        <source>{value:g} is outside 0–1 t·hm²·h/(hm²·MJ·mm)</source>
        <translation>{value:g} 超出 0–1 t·hm²·h/(hm²·MJ·mm) 的范围</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/measures/catalogue.py" line="49"/>
        <source>give either csle_ref or csle_value, not both (the value of &apos;{ref}&apos; lives in its factor table)</source>
        <translation>csle_ref 与 csle_value 只能填写其一，不能同时填写（“{ref}”的数值已在其因子表中）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/measures/catalogue.py" line="154"/>
        <source>&apos;{token}&apos; is not key=value</source>
        <translation>“{token}”不是 key=value 格式</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/measures/catalogue.py" line="196"/>
        <source>duplicate code &apos;{code}&apos;</source>
        <translation>编码“{code}”重复</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/measures/catalogue.py" line="235"/>
        <source>an {factor} measure needs csle_ref or csle_value</source>
        <translation>{factor} 因子措施须填写 csle_ref 或 csle_value</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/measures/catalogue.py" line="253"/>
        <source>&apos;{ref}&apos; is not a code of {table}</source>
        <translation>“{ref}”不是 {table} 中的编码</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/measures/catalogue.py" line="262"/>
        <source>&apos;{text}&apos; is not a D.0.15 column ({columns}) nor empty</source>
        <translation>“{text}”不是 D.0.15 表的栏目（{columns}），也不为空</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/measures/rules.py" line="88"/>
        <source>duplicate rule_id &apos;{rule_id}&apos;</source>
        <translation>rule_id“{rule_id}”重复</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/measures/rules.py" line="109"/>
        <source>&apos;{text}&apos; is not an SL 190 class ({classes})</source>
        <translation>“{text}”不是 SL 190 侵蚀强度级别（{classes}）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/measures/rules.py" line="124"/>
        <source>&apos;{text}&apos; is not TT, PD or any</source>
        <translation>“{text}”不是 TT、PD 或 any</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/measures/rules.py" line="137"/>
        <source>'{text}' is not a region id (0–4)</source>
        <translation>“{text}”不是土壤侵蚀类型区编号（0–4）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/measures/rules.py" line="155"/>
        <source>&apos;{code}&apos; is not a code of the measure catalogue</source>
        <translation>“{code}”不是措施库中的措施编码</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/measures/rules.py" line="164"/>
        <source>&apos;{code}&apos; is a {geometry} work, not a parcel measure</source>
        <translation>“{code}”是 {geometry}（线状/点状）工程，不是图斑措施</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/measures/rules.py" line="177"/>
        <source>unknown placeholder {{{name}}} (use {names})</source>
        <translation>未知的占位符 {{{name}}}（可用：{names}）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/measures/rules.py" line="188"/>
        <source>bad template: {error}</source>
        <translation>模板有误：{error}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/measures/assign.py" line="199"/>
        <source>the built-in 水土保持法 rule needs the measure '{code}'</source>
        <translation>内置的《水土保持法》规则需要措施“{code}”</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/params.py" line="28"/>
        <source>&apos;{text}&apos; is not a number</source>
        <translation>“{text}”不是数字</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/params.py" line="29"/>
        <source>&apos;{text}&apos; is not one of {choices}</source>
        <translation>“{text}”不是以下取值之一：{choices}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/params.py" line="139"/>
        <source>&apos;{text}&apos; is not finite</source>
        <translation>“{text}”不是有限数值</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/params.py" line="232"/>
        <source>&apos;{text}&apos; is neither a number nor &apos;tolerance&apos;</source>
        <translation>“{text}”既不是数字，也不是“tolerance”</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/params.py" line="248"/>
        <source>system {system}: class {cls} does not start where class {previous} ends</source>
        <translation>分级体系 {system}：第 {cls} 级的起点与第 {previous} 级的终点不衔接</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/params.py" line="275"/>
        <source>no row for {classes}</source>
        <translation>缺少以下类别的行：{classes}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/adapters/features.py" line="64"/>
        <source>points</source>
        <translation>点要素</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/adapters/features.py" line="65"/>
        <source>lines</source>
        <translation>线要素</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/adapters/features.py" line="66"/>
        <source>polygons</source>
        <translation>面要素</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/adapters/features.py" line="74"/>
        <source>The layer &apos;{layer}&apos; holds {found}; {expected} are needed here.</source>
        <translation>图层“{layer}”中是{found}，此处需要{expected}。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/division.py" line="324"/>
        <source>The administrative layer has no field &apos;{field}&apos;; choose one of its fields as the administrative name/code field.</source>
        <translation>行政区图层中没有字段“{field}”；请从该图层的字段中选择行政区名称/代码字段。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/landuse.py" line="47"/>
        <source>三调 / GB/T 21010-2017</source>
        <translation>三调 / GB/T 21010—2017</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/landuse.py" line="48"/>
        <source>二调 / GB/T 21010-2007</source>
        <translation>二调 / GB/T 21010—2007</translation>
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
        <location filename="../sbplanner_plugin/core/landuse.py" line="321"/>
        <source>codes of neither table {codes}</source>
        <translation>两版对照表均无的编码 {codes}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/landuse.py" line="86"/>
        <source>Only numbers hint at 二调 (GB/T 21010-2007) codes ({evidence}): map another code list (code mapping CSV) or choose the vintage.</source>
        <translation>仅凭数字推测为二调（GB/T 21010—2007）编码（{evidence}）：如为其他编码体系，请提供编码对照表 CSV，或选择编码版本。</translation>
    </message>
</context>
<context>
    <name>SbPlannerFeatures</name>
    <message>
        <location filename="../sbplanner_plugin/adapters/features.py" line="300"/>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/adapters/features.py" line="328"/>
        <source>features</source>
        <translation>要素</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/adapters/features.py" line="330"/>
        <source>{0} invalid geometries of the {1} were repaired.</source>
        <translation>{1}中有 {0} 个无效几何已修复。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/adapters/features.py" line="336"/>
        <source>{0} {1} without a geometry were skipped.</source>
        <translation>{0} 个无几何的{1}已跳过。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/adapters/features.py" line="342"/>
        <source>{0} {1} were skipped: their repaired geometry is not of the layer&apos;s type.</source>
        <translation>{0} 个{1}已跳过：修复后的几何类型与图层类型不符。</translation>
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
        <location filename="../sbplanner_plugin/core/measures/messages.py" line="19"/>
        <source>{measure} does not apply to land use {landuse} (it applies to groups {groups}).</source>
        <translation>{measure} 不适用于地类 {landuse}（仅适用于地类组 {groups}）。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/measures/messages.py" line="22"/>
        <source>Parcel slope {slope:.1f}° is outside the range of {measure} ({low:g}–{high:g}°).</source>
        <translation>图斑坡度 {slope:.1f}° 超出 {measure} 的适用坡度范围（{low:g}–{high:g}°）。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/measures/messages.py" line="25"/>
        <source>Cropland on {slope:.1f}° (≥ 25°) stays cropped: the Soil and Water Conservation Law (Art. 20) requires retiring it to forest and grass unless it is flagged 退耕确有困难.</source>
        <translation>坡度 {slope:.1f}°（≥ 25°）的耕地仍保留耕种：《水土保持法》第二十条要求退耕还林还草，除非已标记为“退耕确有困难”。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/measures/messages.py" line="29"/>
        <source>The parcel is already terraced (三调 GDLX = TT): {measure} would terrace it again.</source>
        <translation>该图斑已是梯田（三调 GDLX = TT）：{measure} 会重复修建梯田。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/measures/messages.py" line="32"/>
        <source>Rule {rule} would keep {count} cropland parcels on ≥ 25° cropped ({measures}); the Soil and Water Conservation Law rule retires them instead.</source>
        <translation>规则 {rule} 会使 {count} 个 ≥ 25° 的耕地图斑继续耕种（{measures}）；已按《水土保持法》改为退耕还林还草。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/measures/messages.py" line="36"/>
        <source>Rule {rule} would terrace {count} parcels that are already terraced (GDLX = TT); it was skipped for them.</source>
        <translation>规则 {rule} 会对 {count} 个已是梯田（GDLX = TT）的图斑重复修建梯田；这些图斑已跳过该规则。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/measures/messages.py" line="40"/>
        <source>{count} paddy parcels (水田) lie on ≥ 25°: the 25° rule is not applied to bunded paddies; check them.</source>
        <translation>{count} 个水田图斑位于 ≥ 25° 的坡地：25° 退耕规定不适用于有田埂的水田，请核查。</translation>
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
</context>
<context>
    <name>SbPlannerProvider</name>
    <message>
        <location filename="../sbplanner_plugin/processing/provider.py" line="34"/>
        <source>SBPlanner</source>
        <translation>SBPlanner</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/provider.py" line="37"/>
        <source>SBPlanner — small-watershed soil and water conservation planning</source>
        <translation>SBPlanner — 小流域水土保持综合治理规划</translation>
    </message>
</context>
<context>
    <name>SbPlannerStages</name>
    <message>
        <location filename="../sbplanner_plugin/core/delineation.py" line="93"/>
        <source>snapping outlets</source>
        <translation>捕捉出口点</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/delineation.py" line="98"/>
        <source>catchments</source>
        <translation>划分集水区</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/division.py" line="310"/>
        <source>done</source>
        <translation>完成</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/division.py" line="236"/>
        <source>micro-watersheds</source>
        <translation>划分微流域</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/division.py" line="247"/>
        <source>aggregating</source>
        <translation>合并为小流域</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/division.py" line="259"/>
        <source>merging small units</source>
        <translation>合并面积过小的单元</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/division.py" line="287"/>
        <source>attributes</source>
        <translation>计算特征值</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/division.py" line="308"/>
        <source>channels</source>
        <translation>提取沟道</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/hydrology.py" line="150"/>
        <source>filling depressions</source>
        <translation>填洼</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/hydrology.py" line="159"/>
        <source>flow accumulation</source>
        <translation>汇流累积</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/gully.py" line="766"/>
        <source>Following the stream lines on the DEM</source>
        <translation>正在将河网线与 DEM 水流路径匹配</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/gully.py" line="786"/>
        <source>Siting check dams</source>
        <translation>正在布设谷坊</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/gully.py" line="833"/>
        <source>Finding gully heads in cropland</source>
        <translation>正在查找耕地中的沟头</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/core/gully.py" line="869"/>
        <source>Siting intercepting ditches</source>
        <translation>正在布设截水沟</translation>
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
    <name>SuggestGullyWorks</name>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/suggest_gully_works.py" line="93"/>
        <source>3 · Measures</source>
        <translation>3 · 措施配置</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/suggest_gully_works.py" line="99"/>
        <source>Suggest gully works: check dams, gully-head protection, intercepting ditches</source>
        <translation>沟道工程建议：谷坊、沟头防护、截水沟</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/suggest_gully_works.py" line="102"/>
        <source>Proposes the linear and point works of a small watershed for the designer to accept, move or delete.

谷坊 (check dams): on channels of Strahler order up to the maximum whose bed gradient i (equal-area method over each reach, raw DEM) reaches the threshold. Dams are spaced by the 顶底相照 rule of GB/T 16453.3: L = H / (i − i′), H the effective dam height and i′ = ratio × i (not below the table's floor) the stable gradient of the deposit; the first dam stands at the reach's lowest cell, then one every L metres upstream.

沟头防护 (gully-head protection): at channel heads (the top cell of 1st-order reaches) where a cropland parcel holds the head or the cell just upslope; design storage W = 10·K·R·F with F the catchment above the head.

截水沟 (intercepting ditches): along the edge of a treated parcel (engineering or vegetative measure, from assign_measures) where hillslope flow enters it from an untreated parcel at least as steep as the table's threshold; 蓄水型 or 排水型 by region (GB 51018-2014 11.1).

Streams: the step-1 stream layer (its Strahler orders and watershed codes are kept) or, without it, channels derived from the DEM with the stream threshold. Every default is in resources/params/gully_works.csv with its source and confidence (many are UNVERIFIED); a copy in &lt;QGIS profile&gt;/sbplanner/params overrides it.</source>
        <translation>为小流域提出线状和点状工程的建议位置，供设计人员采纳、移动或删除。

谷坊：布设在 Strahler 分级不超过最大级别、且沟床比降 i（按河段用等面积法在原始 DEM 上计算）达到阈值的沟道上。谷坊间距按 GB/T 16453.3 的“顶底相照”原则确定：L = H / (i − i′)，H 为谷坊有效高度，i′ = 系数 × i（不低于参数表中的下限）为淤积后的稳定比降；第一座谷坊位于河段最低像元处，向上游每隔 L 米布设一座。

沟头防护：布设在沟头（一级河段的最上游像元）处，条件是沟头所在像元或其紧邻上坡像元位于耕地图斑内；设计蓄水量 W = 10·K·R·F，F 为沟头以上的集水面积。

截水沟：沿已治理图斑（由措施配置得到的工程措施或林草措施）的边缘布设，条件是坡面径流从坡度不小于参数表阈值的未治理图斑流入该图斑；按类型区采用蓄水型或排水型（GB 51018—2014 第 11.1 节）。

河网：采用第 1 步的河网图层（保留其 Strahler 分级和小流域编码），未提供时按河网提取阈值由 DEM 提取沟道。所有默认值都列在 resources/params/gully_works.csv 中，并注明来源和可信度（其中许多为 UNVERIFIED，未经核实）；&lt;QGIS 配置目录&gt;/sbplanner/params 中的副本优先使用。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/suggest_gully_works.py" line="130"/>
        <source>DEM</source>
        <translation>数字高程模型 (DEM)</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/suggest_gully_works.py" line="131"/>
        <source>Streams of step 1 (with strahler; empty = derive from the DEM)</source>
        <translation>第 1 步的河网（含 strahler 字段；留空 = 由 DEM 提取）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/suggest_gully_works.py" line="139"/>
        <source>Stream threshold when deriving channels (km²)</source>
        <translation>由 DEM 提取沟道时的河网提取阈值（km²）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/suggest_gully_works.py" line="148"/>
        <source>Analysed parcels (with measures for intercepting ditches)</source>
        <translation>图斑分析结果（截水沟需已配置措施）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/suggest_gully_works.py" line="156"/>
        <source>Erosion type region</source>
        <translation>土壤侵蚀类型区</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/suggest_gully_works.py" line="156"/>
        <source>Southern red-soil hilly region</source>
        <translation>南方红壤丘陵区</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/suggest_gully_works.py" line="156"/>
        <source>Southwestern rocky mountain region</source>
        <translation>西南土石山区</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/suggest_gully_works.py" line="156"/>
        <source>Northwestern Loess Plateau</source>
        <translation>西北黄土高原区</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/suggest_gully_works.py" line="156"/>
        <source>Northeastern black-soil region</source>
        <translation>东北黑土区</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/suggest_gully_works.py" line="156"/>
        <source>Northern rocky mountain region</source>
        <translation>北方土石山区</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/suggest_gully_works.py" line="170"/>
        <source>Highest Strahler order for check dams</source>
        <translation>布设谷坊的最高 Strahler 级别</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/suggest_gully_works.py" line="170"/>
        <source>Minimum channel gradient for check dams (%)</source>
        <translation>布设谷坊的最小沟道比降（%）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/suggest_gully_works.py" line="170"/>
        <source>Effective check-dam height H (m)</source>
        <translation>谷坊有效高度 H（m）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/suggest_gully_works.py" line="170"/>
        <source>Stable deposit gradient i′ as a fraction of i</source>
        <translation>淤积稳定比降 i′ 与 i 的比值</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/suggest_gully_works.py" line="202"/>
        <source>Check dams (谷坊)</source>
        <translation>谷坊</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/suggest_gully_works.py" line="202"/>
        <source>Gully-head protection (沟头防护)</source>
        <translation>沟头防护</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/suggest_gully_works.py" line="202"/>
        <source>Intercepting ditches (截水沟)</source>
        <translation>截水沟</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/suggest_gully_works.py" line="221"/>
        <source>Parameter table: {0}</source>
        <translation>参数表：{0}</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/suggest_gully_works.py" line="226"/>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/suggest_gully_works.py" line="271"/>
        <source>{0} stream lines; {1:.0f} % of their cells lie on the DEM&apos;s flow paths.</source>
        <translation>{0} 条河网线；其中 {1:.0f} % 的像元位于 DEM 的水流路径上。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/suggest_gully_works.py" line="277"/>
        <source>Channels derived from the DEM (threshold {0:g} km²).</source>
        <translation>已由 DEM 提取沟道（阈值 {0:g} km²）。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/suggest_gully_works.py" line="287"/>
        <source>{0} reaches: {1} with check dams, {2} of higher order, {3} too flat (i &lt; {4:g} % or i ≤ i′), {5} too short.</source>
        <translation>共 {0} 个河段：{1} 个布设谷坊，{2} 个级别过高，{3} 个比降过缓（i &lt; {4:g} % 或 i ≤ i′），{5} 个过短。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/suggest_gully_works.py" line="301"/>
        <source>No parcels given: gully-head protection needs land use, so no gully heads are proposed.</source>
        <translation>未提供图斑：沟头防护需要地类信息，因此不提出沟头防护建议。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/suggest_gully_works.py" line="305"/>
        <source>{0} channel heads, {1} of them cut into cropland.</source>
        <translation>共 {0} 个沟头，其中 {1} 个溯源侵入耕地。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/suggest_gully_works.py" line="309"/>
        <source>The parcels have no measure_code field (run &apos;Assign measures&apos; first): no intercepting ditches proposed.</source>
        <translation>图斑没有 measure_code 字段（请先运行“为图斑配置措施”）：不提出截水沟建议。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/suggest_gully_works.py" line="316"/>
        <source>The parcels have no slope_mean_deg field (run &apos;Analyse parcels&apos; first): no intercepting ditches.</source>
        <translation>图斑没有 slope_mean_deg 字段（请先运行“图斑分析”）：不布设截水沟。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/suggest_gully_works.py" line="322"/>
        <source>{0} treated parcels, {1} untreated parcels of ≥ {2:g}°: {3} intercepting ditches, {4:.0f} m.</source>
        <translation>已治理图斑 {0} 个，坡度 ≥ {2:g}° 的未治理图斑 {1} 个：截水沟 {3} 条，共 {4:.0f} m。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/suggest_gully_works.py" line="333"/>
        <source>Proposed: {0} check dams (H = {1:g} m, i′ = {2:g}·i), {3} gully heads, {4} ditches.</source>
        <translation>建议：谷坊 {0} 座（H = {1:g} m，i′ = {2:g}·i），沟头防护 {3} 处，截水沟 {4} 条。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/suggest_gully_works.py" line="281"/>
        <source>The parcels have neither landuse_group nor a land-use code: no cropland is recognised.</source>
        <translation>图斑既没有 landuse_group 字段也没有地类编码：无法识别耕地。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/suggest_gully_works.py" line="285"/>
        <source>The parcel layer holds no polygons: it is ignored.</source>
        <translation>图斑图层中没有面要素：已忽略。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/suggest_gully_works.py" line="227"/>
        <source>stream lines</source>
        <translation>河网线</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/suggest_gully_works.py" line="227"/>
        <source>parcels</source>
        <translation>图斑</translation>
    </message>
</context>
<context>
    <name>SummariseWatersheds</name>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/summarise_watersheds.py" line="56"/>
        <source>2 · Parcels and erosion</source>
        <translation>2 · 图斑与土壤侵蚀</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/summarise_watersheds.py" line="62"/>
        <source>Summarise small watersheds (SL/T 447 D.0.5, D.0.10, D.0.11, 水土保持率)</source>
        <translation>小流域汇总（SL/T 447 D.0.5、D.0.10、D.0.11，水土保持率）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/summarise_watersheds.py" line="65"/>
        <source>Tables per small watershed (and a row ALL for the whole area) from the output of 'Analyse parcels': land use × slope class (hm²), SL/T 447 D.0.10 land slope composition, D.0.11 sloping-cropland slope composition, D.0.5 soil-erosion status (area and % per intensity class, mean modulus, gully density from step 1) and the indicators 水土流失面积, 水土保持率 = (land area − eroded area) / land area and 林草覆盖率.

With a plan GeoPackage the tables are written into it (ws_landuse_slope, ws_d010, ws_d011, ws_d05, ws_indicators).</source>
        <translation>由“图斑分析”的输出按小流域生成汇总表（另有一行 ALL 为全区合计）：地类 × 坡度分级面积（hm²）、SL/T 447 D.0.10 土地坡度组成、D.0.11 坡耕地坡度组成、D.0.5 水土流失现状（各侵蚀强度的面积及占比、平均土壤侵蚀模数、第 1 步得到的沟壑密度），以及指标 水土流失面积、水土保持率 = （土地面积 − 水土流失面积）/ 土地面积 和 林草覆盖率。

指定规划成果库（GeoPackage）时，各表写入其中（ws_landuse_slope、ws_d010、ws_d011、ws_d05、ws_indicators）。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/summarise_watersheds.py" line="75"/>
        <source>Analysed parcels</source>
        <translation>图斑分析结果</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/summarise_watersheds.py" line="80"/>
        <source>Small watersheds (for gully density)</source>
        <translation>小流域（用于沟壑密度）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/summarise_watersheds.py" line="88"/>
        <source>Slope classes of the land-use table</source>
        <translation>地类表的坡度分级</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/summarise_watersheds.py" line="88"/>
        <source>SL 190 surface-erosion classes</source>
        <translation>SL 190 面蚀坡度分级</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/summarise_watersheds.py" line="88"/>
        <source>SL/T 447 D.0.10 land slope composition</source>
        <translation>SL/T 447 表 D.0.10 土地坡度组成</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/summarise_watersheds.py" line="88"/>
        <source>SL/T 447 D.0.11 sloping-cropland slope composition</source>
        <translation>SL/T 447 表 D.0.11 坡耕地坡度组成</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/summarise_watersheds.py" line="88"/>
        <source>三调 cropland slope grade GDPDJB</source>
        <translation>三调耕地坡度级别 GDPDJB</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/summarise_watersheds.py" line="88"/>
        <source>As analysed (the parcels&apos; own slope classes)</source>
        <translation>沿用图斑分析时的坡度分级</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/summarise_watersheds.py" line="102"/>
        <source>Plan GeoPackage (tables are written into it)</source>
        <translation>规划成果库 GeoPackage（汇总表写入其中）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/summarise_watersheds.py" line="108"/>
        <source>Land use by slope class</source>
        <translation>各坡度级土地利用</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/summarise_watersheds.py" line="109"/>
        <source>D.0.10 land slope composition</source>
        <translation>D.0.10 土地坡度组成</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/summarise_watersheds.py" line="110"/>
        <source>D.0.11 sloping-cropland slope composition</source>
        <translation>D.0.11 坡耕地坡度组成</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/summarise_watersheds.py" line="111"/>
        <source>D.0.5 soil-erosion status</source>
        <translation>D.0.5 水土流失现状</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/summarise_watersheds.py" line="112"/>
        <source>Indicators (水土保持率, 林草覆盖率)</source>
        <translation>指标（水土保持率、林草覆盖率）</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/summarise_watersheds.py" line="144"/>
        <source>Land-use table uses the slope classes the parcels were analysed with.</source>
        <translation>地类表沿用图斑分析时的坡度分级。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/summarise_watersheds.py" line="147"/>
        <source>No output table was requested.</source>
        <translation>未指定任何输出表。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/processing/algorithms/summarise_watersheds.py" line="149"/>
        <source>Whole area: {0:.3f} km², eroded {1:.3f} km², 水土保持率 {2:.1f} %, 林草覆盖率 {3:.1f} %</source>
        <translation>全区：面积 {0:.3f} km²，水土流失面积 {1:.3f} km²，水土保持率 {2:.1f} %，林草覆盖率 {3:.1f} %</translation>
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
        <location filename="../sbplanner_plugin/gui/steps/watersheds_step.py" line="236"/>
        <source>{0} outlet(s) moved more than {1:g} cells (highlighted): check them on the map.</source>
        <translation>{0} 个出口点的移动距离超过 {1:g} 个像元（已高亮显示）：请在地图上核查。</translation>
    </message>
    <message>
        <location filename="../sbplanner_plugin/gui/steps/watersheds_step.py" line="248"/>
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
