"""Sources polled on a schedule: RSS/Atom feeds, XML sitemaps and single pages.

The flow (README, "Sources and the queue"):

1. ``polling.poll(source)`` fetches a source with a conditional GET
   (``fetching``), reads its links (``documents``: feedparser for feeds, lxml
   for sitemaps) and keeps the new ones: not imported yet, not given up on.
2. Each new link becomes a task (``quotes.tasks.import_link``) that a worker
   runs: ``polling.import_link()`` waits its turn for the host, checks
   robots.txt, fetches the page and stores it through
   ``quotes.importing.import_source`` (one transaction, advisory locks, the
   unique URL as the last word on duplicates).

Nothing here edits the importer: pages are cleaned by
``importing.sources_from_bytes`` and stored by ``importing.import_source``
like any URL given to ``import_articles``.
"""
