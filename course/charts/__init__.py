"""Plotly figure builders: plain data in, a plotly figure as plain JSON out, plus the same
story in words.

Why plain JSON (``{"data": [...], "layout": {...}}``) rather than ``go.Figure``: plotly's
object model validates every property through hundreds of lazily imported classes, which
`make bench` measured at about a quarter of a second of every notebook's start. The browser
draws the same JSON either way; the tests load every figure into ``go.Figure``, so plotly
still checks each property name and value.

Each chart has a text summary beside it, so no one depends on seeing the chart, and
nothing relies on colour alone: traces also differ by marker symbol and line dash.
The palette is Okabe-Ito, which stays distinct for the common kinds of colour blindness.
Every figure the course shows uses ``CHART_CONFIG``, which removes plotly's "Share
chart" button: that button uploads the chart to an online service.

One module per tool family; ``base`` holds what they share.
"""
