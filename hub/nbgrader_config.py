"""nbgrader settings for every user on a hub: install as /etc/jupyter/nbgrader_config.py.

It names the course and the shared exchange folder, so learners' Assignments tab can
fetch exercises, hand them in and fetch feedback. The facilitator grades in their own copy
of the course repository, whose nbgrader_config.py adds the course's preprocessors.
Create the exchange once:  mkdir -p /srv/nbgrader/exchange && chmod 777 /srv/nbgrader/exchange
"""

c = get_config()  # provided by traitlets when nbgrader loads this file

c.CourseDirectory.course_id = "closer"
c.Exchange.root = "/srv/nbgrader/exchange"
