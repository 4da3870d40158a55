"""Known people read from a Django fixture file, without Django.

The benchmark and the tests use it to give the extractor the officials of
``fixtures/people.json``, as the importer gives it the people in the database.
"""

from __future__ import annotations

import json
from pathlib import Path

from .types import KnownPerson


def people_from_fixture(path: str | Path) -> tuple[KnownPerson, ...]:
    """Return the ``quotes.person`` rows of a fixture with their aliases and roles.

    Raises ``ValueError`` when the file is not a fixture (a JSON list of rows).
    """
    rows = json.loads(Path(path).read_text(encoding="utf-8"))
    if not isinstance(rows, list) or not all(isinstance(row, dict) for row in rows):
        raise ValueError(f"{path}: not a Django fixture (a JSON list of rows)")
    people: dict[str, dict] = {}
    for row in rows:
        if row.get("model") == "quotes.person":
            fields = row["fields"]
            people[fields["slug"]] = {"name": fields["name"], "kind": fields.get("kind", "person"),
                                      "aliases": [], "roles": []}
    for row in rows:
        if row.get("model") == "quotes.personalias":
            fields = row["fields"]
            person = people.get(fields["person"][0])
            if person is not None:
                key = "roles" if fields.get("kind") == "role" else "aliases"
                person[key].append(fields["text"])
    return tuple(
        KnownPerson(p["name"], tuple(p["aliases"]), tuple(p["roles"]), p["kind"])
        for p in people.values()
    )
