"""Plotly figures of the report, embedded so the page works with no network.

plotly is imported lazily (the ``report`` extra); :class:`Embedder` writes plotly.js into
the first figure only and reuses it for the rest of the page.  Plotly JSON-encodes trace
data with ``<`` as ``\\u003c``, so labels taken from the data cannot break out of the
figure's ``<script>``.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from vocnlp.errors import MissingExtraError

NEGATIVE = "#c0392b"
POSITIVE = "#27864a"
NEUTRAL = "#9aa5b1"
LOW_SUPPORT = "#c8ccd0"
LINE = "#1f5fa8"
BAND = "rgba(31, 95, 168, 0.18)"
_CONFIG = {"displaylogo": False, "responsive": True}


def _go() -> Any:
    try:
        import plotly.graph_objects as go
    except ImportError as exc:
        raise MissingExtraError("plotly", "report") from exc
    return go


class Embedder:
    """Turns figures into HTML fragments; plotly.js goes into the first one only."""

    def __init__(self) -> None:
        self.figures = 0

    def html(self, fig: Any) -> str:
        out = fig.to_html(
            full_html=False,
            include_plotlyjs=self.figures == 0,
            config=_CONFIG,
            default_width="100%",
        )
        self.figures += 1
        return str(out)


def _layout(fig: Any, title: str, height: int) -> None:
    fig.update_layout(
        title={"text": title, "x": 0.0, "font": {"size": 15}},
        template="plotly_white",
        height=height,
        margin={"l": 10, "r": 20, "t": 45, "b": 40},
        showlegend=False,
        font={"family": "system-ui, sans-serif", "size": 12},
    )


def nps_trend(trend: pd.DataFrame, period: str) -> Any:
    """NPS per period: line with markers, 95% CI band, n in the hover."""
    go = _go()
    x = trend["period"].astype(str).tolist()
    fig = go.Figure()
    fig.add_trace(
        go.Scatter(x=x, y=trend["ci_high"], mode="lines", line={"width": 0}, hoverinfo="skip")
    )
    fig.add_trace(
        go.Scatter(
            x=x,
            y=trend["ci_low"],
            mode="lines",
            line={"width": 0},
            fill="tonexty",
            fillcolor=BAND,
            hoverinfo="skip",
        )
    )
    fig.add_trace(
        go.Scatter(
            x=x,
            y=trend["value"],
            mode="lines+markers",
            line={"color": LINE, "width": 2},
            customdata=trend[["ci_low", "ci_high", "n"]].to_numpy(),
            hovertemplate=(
                "%{x}<br>NPS %{y:+.1f}<br>95% CI %{customdata[0]:+.1f} to "
                "%{customdata[1]:+.1f}<br>n = %{customdata[2]:,}<extra></extra>"
            ),
        )
    )
    _layout(fig, f"NPS by {period} (band: 95% CI)", 340)
    fig.update_yaxes(title="NPS", zeroline=True, zerolinecolor="#888")
    fig.update_xaxes(type="category")
    return fig


def drivers(frame: pd.DataFrame, min_support: int) -> Any:
    """Impact per topic, most harmful on top, with bootstrap CI error bars."""
    go = _go()
    data = frame.sort_values(["low_support", "impact"], kind="stable")
    low = data["low_support"].astype(bool).to_numpy()
    impact = data["impact"].astype(float)
    colors = [
        LOW_SUPPORT if lo else (NEGATIVE if v < 0 else POSITIVE)
        for lo, v in zip(low, impact, strict=True)
    ]
    labels = [
        f"{topic} (low support)" if lo else str(topic)
        for topic, lo in zip(data["topic"], low, strict=True)
    ]
    fig = go.Figure(
        go.Bar(
            x=impact,
            y=labels,
            orientation="h",
            marker={"color": colors},
            error_x={
                "type": "data",
                "symmetric": False,
                "array": (data["impact_ci_high"] - impact).clip(lower=0),
                "arrayminus": (impact - data["impact_ci_low"]).clip(lower=0),
                "color": "#444",
                "thickness": 1.2,
            },
            customdata=data[["impact_ci_low", "impact_ci_high", "mentions"]].to_numpy(),
            hovertemplate=(
                "%{y}<br>impact %{x:+.1f} NPS points<br>95% CI %{customdata[0]:+.1f} "
                "to %{customdata[1]:+.1f}<br>mentions %{customdata[2]}<extra></extra>"
            ),
        )
    )
    _layout(
        fig,
        f"Impact on NPS (points); grey: fewer than {min_support} mentions",
        max(220, 60 + 32 * len(data)),
    )
    fig.update_yaxes(autorange="reversed", automargin=True)
    fig.update_xaxes(title="NPS points", zeroline=True, zerolinecolor="#555", zerolinewidth=1.5)
    return fig


def sentiment(by_source: pd.DataFrame) -> Any:
    """Stacked shares of negative / neutral / positive feedback per source."""
    go = _go()
    fig = go.Figure()
    for label, color in (("negative", NEGATIVE), ("neutral", NEUTRAL), ("positive", POSITIVE)):
        fig.add_trace(
            go.Bar(
                y=by_source["source"],
                x=100 * by_source[label],
                name=label,
                orientation="h",
                marker={"color": color},
                customdata=by_source[["labelled"]].to_numpy(),
                hovertemplate=(
                    f"%{{y}}: %{{x:.1f}}% {label}<br>n = %{{customdata[0]:,}}<extra></extra>"
                ),
            )
        )
    _layout(
        fig,
        "Sentiment by source (% of feedback with a sentiment label)",
        max(180, 90 + 36 * len(by_source)),
    )
    fig.update_layout(
        barmode="stack",
        showlegend=True,
        legend={"orientation": "h", "y": -0.25, "x": 0, "traceorder": "normal"},
    )
    fig.update_xaxes(range=[0, 100], ticksuffix="%")
    fig.update_yaxes(automargin=True)
    return fig
