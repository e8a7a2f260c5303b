"""nbgrader for the students' servers on the hub: install as /etc/jupyter/nbgrader_config.py.

The exchange is where instructors release assignments and students submit
them (created once, world-writable with the sticky bit: `mkdir -p
/srv/nbgrader/exchange && chmod 1777 /srv/nbgrader/exchange`). The course id
must match the instructors' course/nbgrader_config.py.
"""

import os

c = get_config()  # type: ignore[name-defined]  # noqa: F821 - provided by traitlets when nbgrader loads this file

c.CourseDirectory.course_id = os.environ.get("HALAB_COURSE_ID", "halab")
c.Exchange.root = os.environ.get("HALAB_EXCHANGE", "/srv/nbgrader/exchange")
