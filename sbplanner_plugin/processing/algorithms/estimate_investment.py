"""``sbplanner:estimate_investment`` — the investment estimate of the step-4 quantity items (水总[2003]67号).

Reads the items tables, runs :func:`sbplanner_plugin.core.investment.estimate` and writes the priced items,
the estimate summary, and the tables per small watershed, per implementation year and per funding source.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsFeatureSink,
    QgsProcessing,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProcessingOutputBoolean,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFile,
    QgsProcessingParameterMultipleLayers,
    QgsWkbTypes,
)

from sbplanner_plugin.adapters.param_files import load_catalogue, load_investment_tables, table_path
from sbplanner_plugin.core import investment as core
from sbplanner_plugin.core.quantities.items import ITEM_COLUMNS
from sbplanner_plugin.processing.base import DOUBLE, INT, STRING, SbAlgorithm, _clean, make_fields, source_frame


def _spec(frame: pd.DataFrame) -> tuple:
    kinds = []
    for name, dtype in frame.dtypes.items():
        if pd.api.types.is_bool_dtype(dtype) or pd.api.types.is_integer_dtype(dtype):
            kinds.append((str(name), INT))
        elif pd.api.types.is_float_dtype(dtype):
            kinds.append((str(name), DOUBLE))
        else:
            kinds.append((str(name), STRING))
    return tuple(kinds)


class EstimateInvestment(SbAlgorithm):
    ITEMS = "ITEMS"
    UNIT_PRICES = "UNIT_PRICES"
    RATES = "RATES"
    INDEPENDENT_COSTS = "INDEPENDENT_COSTS"
    FUNDING = "FUNDING"
    PARAMS = "PARAMS"
    OUTPUT_ITEMS = "OUTPUT_ITEMS"
    OUTPUT_SUMMARY = "OUTPUT_SUMMARY"
    OUTPUT_BY_WATERSHED = "OUTPUT_BY_WATERSHED"
    OUTPUT_SCHEDULE = "OUTPUT_SCHEDULE"
    OUTPUT_FUNDING = "OUTPUT_FUNDING"
    TOTAL_YUAN = "TOTAL_YUAN"
    STATIC_TOTAL_YUAN = "STATIC_TOTAL_YUAN"
    COMPLETE = "COMPLETE"
    MISSING_PRICES = "MISSING_PRICES"
    plan_layers = (
        (OUTPUT_ITEMS, "investment_items"),
        (OUTPUT_SUMMARY, "investment_summary"),
        (OUTPUT_BY_WATERSHED, "investment_by_ws"),
        (OUTPUT_SCHEDULE, "investment_schedule"),
        (OUTPUT_FUNDING, "investment_funding"),
    )

    group_id = "quantities"

    def group(self) -> str:
        return self.tr("4 · Quantities and investment")

    def name(self) -> str:
        return "estimate_investment"

    def displayName(self) -> str:
        return self.tr("Estimate the investment (投资估算)")

    def shortHelpString(self) -> str:
        return self.tr(
            "Prices the quantity items of Terrace quantities and Measure quantities in the structure of "
            "水土保持工程概(估)算编制规定 (水总[2003]67号, 水土保持生态建设工程): "
            "第一部分 工程措施, 第二部分 林草措施, "
            "第三部分 封育治理措施 (the price row's part), 第四部分 独立费用 (rates of parts 1–3), 基本预备费 (rate of "
            "parts 1–4), 静态总投资, 价差预备费, 总投资.\n\n"
            "Each item: 基本直接费 = quantity × unit price; 其他直接费 = rate × 基本直接费; 直接费 = the two; 间接费 = "
            "rate × 直接费; 企业利润 = rate × (直接费 + 间接费); 税金 = rate × (直接费 + 间接费 + 利润). An all-in "
            "unit price (price_basis all_in) is taken as it is.\n\n"
            "Tables (editable CSV, resources/params; copies in <QGIS profile>/sbplanner/params override them): "
            "unit_prices.csv (measure_code, item, price_yuan, price_basis, part, D.0.18 row, source, year, region — "
            "the shipped prices are EXAMPLES), cost_rates.csv, independent_costs.csv, funding_shares.csv (D.0.19), "
            "investment_params.csv (contingency rates). The price table says which items of a measure carry cost; "
            "a measure without any price, or a price left blank, is reported per item and the total is marked "
            "incomplete (COMPLETE = false) — the other items are still priced.\n\n"
            "Independent costs and the contingency are allocated to the small watersheds and years pro rata to "
            "their parts 1–3."
        )

    def initAlgorithm(self, config=None) -> None:
        self.addParameter(
            QgsProcessingParameterMultipleLayers(
                self.ITEMS,
                self.tr("Quantity items (terrace_items, measure_items)"),
                QgsProcessing.SourceType.TypeVector,
            )
        )
        for key, label in (
            (self.UNIT_PRICES, self.tr("Unit prices (CSV; default: unit_prices.csv)")),
            (self.RATES, self.tr("Cost rates (CSV; default: cost_rates.csv)")),
            (self.INDEPENDENT_COSTS, self.tr("Independent costs (CSV; default: independent_costs.csv)")),
            (self.FUNDING, self.tr("Funding shares (CSV; default: funding_shares.csv)")),
            (self.PARAMS, self.tr("Contingency rates (CSV; default: investment_params.csv)")),
        ):
            self.addParameter(QgsProcessingParameterFile(key, label, extension="csv", optional=True))
        for key, label, optional in (
            (self.OUTPUT_ITEMS, self.tr("Priced items"), True),
            (self.OUTPUT_SUMMARY, self.tr("Investment estimate"), False),
            (self.OUTPUT_BY_WATERSHED, self.tr("Investment per small watershed"), True),
            (self.OUTPUT_SCHEDULE, self.tr("Investment per implementation year"), True),
            (self.OUTPUT_FUNDING, self.tr("Funding by source"), True),
        ):
            self.addParameter(
                QgsProcessingParameterFeatureSink(key, label, QgsProcessing.SourceType.TypeVector, optional=optional)
            )
        self.addOutput(QgsProcessingOutputNumber(self.TOTAL_YUAN, self.tr("Total investment (yuan)")))
        self.addOutput(QgsProcessingOutputNumber(self.STATIC_TOTAL_YUAN, self.tr("Static total investment (yuan)")))
        self.addOutput(QgsProcessingOutputBoolean(self.COMPLETE, self.tr("Every item priced")))
        self.addOutput(QgsProcessingOutputNumber(self.MISSING_PRICES, self.tr("Items without a unit price")))

    def compute(self, parameters: dict, context: QgsProcessingContext, feedback: QgsProcessingFeedback) -> dict:
        explicit = {
            k: self.parameterAsFile(parameters, key, context) or None
            for k, key in (("prices", self.UNIT_PRICES), ("rates", self.RATES), ("independent", self.INDEPENDENT_COSTS),
                           ("funding", self.FUNDING), ("params", self.PARAMS))
        }  # fmt: skip
        tables = load_investment_tables(explicit)
        catalogue = load_catalogue(table_path("measures.csv"))
        names = {code: (m.name_zh, m.name_en) for code, m in catalogue.items()}
        result = core.estimate(
            core.InvestmentInputs(items=self._items(parameters, context), tables=tables, measure_names=names)
        )
        outputs = {}
        for key, frame in (
            (self.OUTPUT_ITEMS, result.items),
            (self.OUTPUT_SUMMARY, result.summary),
            (self.OUTPUT_BY_WATERSHED, result.by_watershed),
            (self.OUTPUT_SCHEDULE, result.schedule),
            (self.OUTPUT_FUNDING, result.funding),
        ):
            if parameters.get(key) is not None:
                outputs[key] = self._write_table(parameters, key, context, frame)
        self._log(feedback, result, tables)
        return {
            **outputs,
            self.TOTAL_YUAN: result.total_yuan,
            self.STATIC_TOTAL_YUAN: result.static_total_yuan,
            self.COMPLETE: result.complete,
            self.MISSING_PRICES: int(result.missing["items"].sum()) if not result.missing.empty else 0,
        }

    def _items(self, parameters: dict, context: QgsProcessingContext) -> pd.DataFrame:
        frames = []
        for layer in self.parameterAsLayerList(parameters, self.ITEMS, context):
            names = layer.fields().names()
            missing = [c for c in ITEM_COLUMNS if c not in names]
            if missing:
                raise core.ItemsColumnsError(table=layer.name(), columns=", ".join(missing))
            frame = source_frame(layer, ITEM_COLUMNS)
            if len(frame):
                frames.append(frame)
        if not frames:
            raise core.NoItemsError()
        return pd.concat(frames, ignore_index=True)

    def _write_table(self, parameters: dict, key: str, context: QgsProcessingContext, frame: pd.DataFrame) -> str:
        spec = _spec(frame)
        fields = make_fields(spec)
        sink, dest = self.parameterAsSink(
            parameters, key, context, fields, QgsWkbTypes.Type.NoGeometry, QgsCoordinateReferenceSystem()
        )
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, key))
        for row in frame.itertuples(index=False):
            feature = QgsFeature(fields)
            feature.setAttributes([_clean(v.item() if isinstance(v, np.generic) else v) for v in row])
            sink.addFeature(feature, QgsFeatureSink.Flag.FastInsert)
        return dest

    def _log(self, feedback: QgsProcessingFeedback, result: core.InvestmentResult, tables) -> None:
        for name, path in tables.files.items():
            feedback.pushInfo(self.tr("Table {0}: {1}").format(name, path))
        for row in result.summary.itertuples(index=False):
            if row.level == 1 and np.isfinite(row.amount_yuan):
                feedback.pushInfo(f"  {row.name_zh}: {row.amount_wan:,.2f} 万元  {row.basis}")
        for row in result.missing.itertuples(index=False):
            feedback.pushWarning(
                self.tr("No unit price for {0} / {1}: {2:g} {3} in {4} items are not priced.").format(
                    row.measure_code, row.item, row.quantity, row.unit or "", row.items
                )
            )
        if not result.complete:
            feedback.pushWarning(self.tr("The estimate is INCOMPLETE: add the missing unit prices to unit_prices.csv."))
