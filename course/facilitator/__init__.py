"""Facilitators' tools: cohort grading, the nbgrader plugins, the cohort report and launch links.

Nothing here is on a learner's path: the learner's notebooks never import this package
(the cohort report and the facilitator guide are the only notebooks that do).

- ``cohort``: ``python -m course.facilitator autograde ASSIGNMENT --workers N``
- ``grading``: the nbgrader preprocessors named in ``nbgrader_config.py``
- ``report`` and ``report_view``, ``charts``: the cohort report notebook
- ``links``: browser-edition, Binder and nbgitpuller launch links (``python -m course.facilitator links``)
- ``forget``: delete one learner's data everywhere (``python -m course.facilitator forget ID``)
- ``answers``, ``sandbox``, ``runner``, ``lock``: grading that never runs learner code
"""
