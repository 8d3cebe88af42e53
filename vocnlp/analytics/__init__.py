"""Analytics: survey metrics with confidence intervals, drivers of NPS/CSI/churn and quotes.

Plain functions over DataFrames with the column names of :mod:`vocnlp.schema`.  scipy is
imported lazily (only when a statistic needs it), so importing this package stays light.
"""

from vocnlp.analytics.calldrivers import CALL_FLAGS, CallDriverOptions
from vocnlp.analytics.change import CHANGE_COLUMNS, churn_change, period_change
from vocnlp.analytics.drivers import (
    ALL_DRIVER_COLUMNS,
    DRIVER_COLUMNS,
    DRIVER_DETAIL_COLUMNS,
    driver_table,
)
from vocnlp.analytics.driverstats import Outcome, StatsOptions, driver_stats
from vocnlp.analytics.join import (
    COVERAGE_COLUMNS,
    LINK_COLUMNS,
    coverage_report,
    link_responses,
    with_context,
)
from vocnlp.analytics.metrics import (
    Estimate,
    churn_by_month,
    churn_rate,
    cli,
    csi,
    metrics_table,
    nps,
)
from vocnlp.analytics.quotes import CENTRAL_QUOTE_COLUMNS, QUOTE_COLUMNS, central_quotes, top_quotes
from vocnlp.analytics.stated import STATED_COLUMNS, stated_vs_derived

__all__ = [
    "ALL_DRIVER_COLUMNS",
    "CALL_FLAGS",
    "CENTRAL_QUOTE_COLUMNS",
    "CHANGE_COLUMNS",
    "COVERAGE_COLUMNS",
    "DRIVER_COLUMNS",
    "DRIVER_DETAIL_COLUMNS",
    "LINK_COLUMNS",
    "QUOTE_COLUMNS",
    "STATED_COLUMNS",
    "CallDriverOptions",
    "Estimate",
    "Outcome",
    "StatsOptions",
    "central_quotes",
    "churn_by_month",
    "churn_change",
    "churn_rate",
    "cli",
    "coverage_report",
    "csi",
    "driver_stats",
    "driver_table",
    "link_responses",
    "metrics_table",
    "nps",
    "period_change",
    "stated_vs_derived",
    "top_quotes",
    "with_context",
]
