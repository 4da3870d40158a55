"""Django admin for editors: review queue, corrections, merges and history.

Split by subject: statements.py (quotes, claims, review queue), people.py
(people, aliases, outlets), articles.py. The work itself lives in
``quotes.editing`` so commands and tests can do what admin does.
"""

from django.contrib import admin

from . import articles, people, reports, sources, statements  # noqa: F401  (registers the admins)

# Speakers in autocompletes (reassign, a statement's speaker) with their role,
# so that namesakes can be told apart.
admin.site.autocomplete_view = people.autocomplete_view

admin.site.site_header = "diplomacy editors"
admin.site.site_title = "diplomacy editors"
admin.site.index_title = "Corrections"
