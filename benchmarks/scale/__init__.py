"""An archive-scale database, to measure the pages at a newsroom's size (issue 9).

The modules follow the data: ``vocabulary`` (words and sentence shapes),
``cast`` (speakers and outlets), ``archive`` (articles and their statements,
as rows) and ``loading`` (COPY into PostgreSQL). ``benchmarks/scale_db.py``
is the command.
"""

from .loading import Refused, Summary, build

__all__ = ["Refused", "Summary", "build"]
