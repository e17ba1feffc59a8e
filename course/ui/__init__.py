"""The course's widgets: thin ipywidgets and anywidget interfaces over the logic and charts.

One module per tool family, mirroring ``course/charts`` and the logic modules beside them:
``journal`` (module start and finish, progress, the journal manager), ``reflection`` (check-in,
reflection prompt, quiz), ``closeness`` (module 1), ``fear`` (2), ``patterns`` (3), ``flags`` (4),
``building`` (5), ``marble`` (6), ``review`` (7). ``base`` holds what they share and ``controls``
the accessible anywidget controls. Notebooks never import these directly: they call the
functions in ``course/__init__.py``, which load only the family they need.

Each widget is a box that shows itself when it is the last thing in a cell, and keeps its latest
outcome in ``.result`` so notebooks and tests can read it. Nothing here waits for input, so
nbgrader can execute any notebook that shows them. Learner-written text is always HTML-escaped
before it is shown.
"""
