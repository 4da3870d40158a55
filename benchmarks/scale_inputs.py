"""The inputs of ``benchmarks/scale.py``, picked from the database with plain,
read-only SQL: many distinct speakers, words, phrases, statements, outlets,
articles and cursors, so that no figure is one warm query repeated.
"""

from __future__ import annotations

import html
import itertools
import random
import re
from collections import Counter
from dataclasses import dataclass, field

from django.db import DatabaseError
from scale_load import Client


@dataclass
class Inputs:
    counts: dict
    speakers: list[tuple[str, str, int]]  # slug, name, statements; most quoted first
    spread: list[tuple[str, str, int]]  # a random sample of the others
    words: dict[str, list[str]]  # frequent / mid / rare
    phrases: list[str]
    negations: list[str]
    permalinks: list[str]
    also_reported: int  # how many of them have "also reported" rows
    outlets: list[str]
    articles: list[int]
    deep_cursors: list[str]
    checks: list[dict] = field(default_factory=list)  # /check/ parameters, see _checks


    def search_words(self) -> list[str]:
        # Interleaved, so any prefix of the cycle mixes frequent, middling and rare.
        bands = [self.words[band] for band in ("frequent", "mid", "rare")]
        return [w for group in itertools.zip_longest(*bands) for w in group if w]


def pick_inputs(cursor, rng: random.Random) -> Inputs:
    """Read-only SQL over the app's tables; random choices repeatable for a given database."""
    cursor.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
    cursor.execute("SELECT setseed(0.42)")
    cursor.execute("""
        SELECT (SELECT count(*) FROM quotes_statement WHERE status <> 'rejected' AND NOT nested),
               (SELECT count(*) FROM quotes_person), (SELECT count(*) FROM quotes_outlet),
               (SELECT count(*) FROM quotes_article)""")
    statements, people, outlets, articles = cursor.fetchone()
    counts = {"statements": statements, "people": people, "outlets": outlets,
              "articles": articles}
    if not statements:
        raise SystemExit("No statements in the database: build it with `make scale-db`, "
                         "or set DATABASE_URL.")

    cursor.execute("""
        SELECT p.slug, p.name, c.n FROM (
            SELECT speaker_id, count(*) AS n FROM quotes_statement
            WHERE status <> 'rejected' AND speaker_id IS NOT NULL GROUP BY speaker_id
        ) c JOIN quotes_person p ON p.id = c.speaker_id ORDER BY c.n DESC, p.slug""")
    ranked = cursor.fetchall()
    speakers, rest = ranked[:20], ranked[20:]
    spread = rng.sample(rest, min(30, len(rest)))

    cursor.execute("SELECT text FROM quotes_statement WHERE status <> 'rejected' "
                   "ORDER BY random() LIMIT 5000")
    texts = [row[0] for row in cursor.fetchall()]
    words, phrases = _words_and_phrases(cursor, texts, rng)
    surnames = [name.split()[-1] for _, name, _ in speakers
                if name.split() and name.split()[-1].isalpha()]
    negations = [f"{word} -{surname}" for word, surname
                 in zip(words["frequent"], itertools.cycle(surnames or ["nobody"]))]

    # Statements reported again elsewhere (same speaker, same words) show an
    # "also reported" list: those from a random sample, then plain random ones.
    # Looking for them is bounded, since it is only a preference.
    cursor.execute("SET statement_timeout = '60s'")
    try:
        cursor.execute("""
            WITH sample AS (
                SELECT kind, statement_id, speaker_id, article_id, text FROM quotes_statement
                WHERE status <> 'rejected' AND speaker_id IS NOT NULL
                ORDER BY random() LIMIT 200)
            SELECT s.kind, s.statement_id FROM sample s WHERE EXISTS (
                SELECT 1 FROM quotes_statement t WHERE t.speaker_id = s.speaker_id
                AND t.text = s.text AND t.article_id <> s.article_id AND t.status <> 'rejected')
            LIMIT 40""")
        reported = [f"/{kind}/{pk}/" for kind, pk in cursor.fetchall()]
    except DatabaseError:
        reported = []
    cursor.execute("RESET statement_timeout")
    cursor.execute("SELECT kind, statement_id FROM quotes_statement WHERE status <> 'rejected' "
                   "ORDER BY random() LIMIT %s", [max(0, 60 - len(reported))])
    permalinks = reported + [f"/{kind}/{pk}/" for kind, pk in cursor.fetchall()]
    rng.shuffle(permalinks)

    cursor.execute("""
        SELECT o.slug FROM quotes_outlet o JOIN quotes_article a ON a.outlet_id = o.id
        GROUP BY o.id ORDER BY count(*) DESC, o.slug""")
    by_size = [row[0] for row in cursor.fetchall()]
    outlet_slugs = by_size[:5] + rng.sample(by_size[5:], min(15, len(by_size[5:])))

    cursor.execute("""
        SELECT a.id FROM quotes_article a
        WHERE EXISTS (SELECT 1 FROM quotes_quote q WHERE q.article_id = a.id)
           OR EXISTS (SELECT 1 FROM quotes_claim c WHERE c.article_id = a.id)
        ORDER BY random() LIMIT 50""")
    article_ids = [row[0] for row in cursor.fetchall()]
    cursor.execute("SELECT uid FROM quotes_statement WHERE status <> 'rejected' "
                   "ORDER BY random() LIMIT 30")
    deep = [row[0] for row in cursor.fetchall()]
    cursor.execute("""
        SELECT s.text, coalesce(p.name, '') FROM quotes_statement s
        LEFT JOIN quotes_person p ON p.id = s.speaker_id
        WHERE s.status <> 'rejected' ORDER BY random() LIMIT 40""")
    checks = _checks(cursor.fetchall(), words, rng)
    return Inputs(counts, speakers, spread, words, phrases, negations, permalinks,
                  len(reported), outlet_slugs, article_ids, deep, checks)


# Pasted texts no statement holds: invented here, never from an evaluation corpus.
ABSENT = [
    "The orchestra will tour the northern provinces once the bridge reopens in spring",
    "Our bakery has sold more rye bread this winter than in the previous ten years",
    "The goalkeeper said the referee had not seen the second handball at all",
    "Farmers expect the apple harvest to be late because of the long cold summer",
    "The museum plans to lend three medieval tapestries to a gallery abroad",
]


def _checks(rows, words: dict[str, list[str]], rng: random.Random) -> list[dict]:
    """What a journalist pastes into /check/: 40 statements of the archive, each
    as it is (in other quotation marks), with two words changed, cut short at
    both ends, or with its speaker named; and texts no statement holds."""
    filler = words["mid"] or ["indeed"]
    checks = []
    for i, (text, speaker) in enumerate(rows):
        tokens = text.split()
        form = i % 4
        if form == 0:
            checks.append({"text": f"«{text}»"})
        elif form == 1 and len(tokens) >= 6:
            changed = list(tokens)
            for at in rng.sample(range(len(tokens)), 2):
                changed[at] = rng.choice(filler)
            checks.append({"text": " ".join(changed)})
        elif form == 2 and len(tokens) >= 12:
            cut = len(tokens) // 4
            checks.append({"text": "“" + " ".join(tokens[cut:-cut]) + "”"})
        else:
            checks.append({"text": text, "speaker": speaker} if speaker else {"text": text})
    checks += [{"text": text} for text in ABSENT]
    rng.shuffle(checks)
    return checks


TOKEN = re.compile(r"[A-Za-z]+(?:'[a-z]+)?")


def _words_and_phrases(cursor, texts: list[str], rng: random.Random):
    """Words in three bands of document frequency, and two-word phrases that occur.

    Stop words (which PostgreSQL's english configuration drops, so a search for
    them finds nothing) are left out.
    """
    documents = [[t.lower() for t in TOKEN.findall(text)] for text in texts]
    vocabulary = sorted({t for doc in documents for t in doc})
    cursor.execute("SELECT w FROM unnest(%s::text[]) AS w "
                   "WHERE numnode(plainto_tsquery('english', w)) = 0", [vocabulary])
    stop = {row[0] for row in cursor.fetchall()}
    df = Counter(t for doc in documents for t in set(doc) if len(t) >= 4 and t not in stop
                 and "'" not in t)
    ranked = [w for w, _ in df.most_common()]
    common = [w for w in ranked if df[w] >= 3]
    middle = common[len(common) // 3: 2 * len(common) // 3] or common
    rare = [w for w in ranked if df[w] == 2] or ranked[-20:]
    words = {
        "frequent": ranked[:15],
        "mid": rng.sample(middle, min(15, len(middle))),
        "rare": rng.sample(rare, min(15, len(rare))),
    }
    bigrams = Counter(
        pair for doc in documents for pair in {
            (a, b) for a, b in itertools.pairwise(doc)
            if a not in stop and b not in stop and len(a) > 2 and len(b) > 2
        }
    )
    frequent = [f"{a} {b}" for (a, b), n in bigrams.most_common(200) if n >= 2]
    phrases = frequent[:10] + rng.sample(frequent[10:], min(10, len(frequent[10:])))
    return words, phrases


def next_links(port: int, start: str, pages: int) -> list[str]:
    """Follow the "Older statements" link (``rel="next"``) from ``start``, ``pages`` times."""
    client, links, path = Client(port), [], start
    for _ in range(pages):
        result = client.get(path, keep=True)
        match = re.search(rb'<a rel="next" href="([^"]+)"', result.body)
        if result.status != 200 or not match:
            break
        path = start.split("?")[0] + html.unescape(match.group(1).decode())
        links.append(path)
    client.close()
    return links
