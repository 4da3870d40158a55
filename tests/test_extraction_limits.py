"""The extractor on hostile text (issue 11): time grows linearly with the text,
and a deadline stops it with a one-line reason; the model multiplies on one
BLAS thread (issue 10). Pure Python: no database.

The bounds are ten times what these inputs take on a loaded 2-CPU machine;
before the fix each took minutes (16 KB of nested marks: 181 s).
"""

from __future__ import annotations

import time

import pytest

from quotes.extraction import ExtractionTimeout, extract
from quotes.extraction.chunks import MAX_CHUNK, _chunks


def repeat(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


HOSTILE = {
    "nested marks": "“" * 8000 + "”" * 8000,
    "quotation marks among words": repeat('He said "a ', 40_000),
    "a hyphenated run (markup rule)": repeat("x-", 40_000),
    "a run of full stops": "." * 100_000,
    "one word of 100,000 letters": "a" * 100_000,
    "reporting verbs without end": repeat("said that ", 40_000),
    "pronouns without end": repeat("He said he ", 40_000),
    "half-open tags": repeat("<a ", 40_000),
}


@pytest.mark.parametrize("text", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_text_extracts_in_bounded_time(text):
    extract("Warm-up: “Yes,” he said.")  # the model loads once, not inside the bound
    started = time.perf_counter()
    extract(text)
    assert time.perf_counter() - started < 10


def test_a_one_line_article_is_cut_into_bounded_chunks_and_still_read():
    sentence = "“We will talk about the bridge,” Anna Berg said on Tuesday. "
    text = sentence * 400  # 24 KB on one line
    chunks = _chunks(text)
    assert max(chunk.end - chunk.start for chunk in chunks) <= MAX_CHUNK
    statements = extract(text)
    quotes = [s for s in statements if s.kind == "quote"]
    assert len(quotes) == 400
    assert all(text[s.start : s.end] == s.text for s in statements)
    assert {s.speaker for s in quotes} == {"Anna Berg"}


def test_a_sentence_longer_than_a_chunk_keeps_its_offsets():
    text = "“" + "word " * 1000 + "” Berg said. “The bridge will open,” she added."
    statements = extract(text)
    assert any(s.text == "The bridge will open," for s in statements)
    assert all(text[s.start : s.end] == s.text for s in statements)


def test_a_list_of_many_quotations_in_one_sentence_is_not_read_as_speech():
    text = "Banners read " + ", ".join(f"“slogan {n}”" for n in range(40)) + ", Berg said."
    assert extract(text) == []


def test_extraction_past_its_deadline_stops_with_a_one_line_reason():
    # Distinct lines: a line repeated word for word is page furniture, never read.
    text = "".join(f"“We will talk about {n},” Anna Berg said.\n\n" for n in range(3000))
    with pytest.raises(ExtractionTimeout) as raised:
        extract(text, seconds=0.2)
    assert "\n" not in str(raised.value)
    assert str(raised.value).startswith("extraction took longer than 0.2 s")


def test_a_deadline_that_is_not_reached_changes_nothing():
    text = "“We will talk,” Anna Berg said on Tuesday. She said the bridge would open."
    assert extract(text, seconds=60) == extract(text)


def test_the_model_multiplies_on_one_blas_thread():
    # A second OpenBLAS thread spins for a core on a shared machine: PolNeAR dev
    # ran three times slower with two (docs/extraction.md, "Speed").
    from threadpoolctl import threadpool_info

    from quotes.extraction.nlp import BLAS_THREADS, load

    load()
    blas = [lib for lib in threadpool_info() if lib["user_api"] == "blas"]
    assert blas and all(lib["num_threads"] == BLAS_THREADS == 1 for lib in blas)
