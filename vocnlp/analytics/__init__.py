"""Analytics: survey metrics with confidence intervals, NPS drivers and quotes.

Plain functions over DataFrames with the column names of :mod:`vocnlp.schema`.
"""

from vocnlp.analytics.drivers import DRIVER_COLUMNS, driver_table
from vocnlp.analytics.metrics import (
    Estimate,
    churn_by_month,
    churn_rate,
    cli,
    csi,
    metrics_table,
    nps,
)
from vocnlp.analytics.quotes import QUOTE_COLUMNS, top_quotes

__all__ = [
    "DRIVER_COLUMNS",
    "QUOTE_COLUMNS",
    "Estimate",
    "churn_by_month",
    "churn_rate",
    "cli",
    "csi",
    "driver_table",
    "metrics_table",
    "nps",
    "top_quotes",
]
