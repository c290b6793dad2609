"""The pipeline itself: a subset of components runs alone; an unknown name or a component listed before what it
needs is refused, in one line, before any work."""

from __future__ import annotations

from pathlib import Path

import pytest

from jejaring.errors import InputError
from jejaring.ingest.pipeline import DEFAULT_PIPELINE
from jejaring.ingest.registry import COMPONENTS, check_pipeline, rule_ids

TEXT = "Dinas Perikanan Kota Kendari menggelar Lokakarya Drainase Kota di Semarang pada 5 Mei 2022."


def kinds(ex) -> list[tuple[str, str]]:
    return [(e.kind, e.name) for e in ex.entities.values()]


@pytest.mark.parametrize(("pipeline", "expected"), [
    (["places", "entities"], [("place", "Kota Kendari"), ("place", "Kota Semarang")]),
    (["organisations", "entities"], [("organisation", "Dinas Perikanan Kota Kendari")]),
    (["places", "lessons", "events", "programmes", "organisations", "settle", "entities"],
     [("organisation", "Dinas Perikanan Kota Kendari"), ("place", "Kota Semarang")]),
    (None, [("organisation", "Dinas Perikanan Kota Kendari"), ("place", "Kota Semarang"),
            ("organisation", "Pemerintah Kota Kendari"), ("event", "Lokakarya Drainase Kota")]),
])
def test_pipeline_runs_the_components_it_lists(extract, pipeline, expected):
    assert kinds(extract(TEXT, pipeline=pipeline)) == expected


def test_pipeline_empty_finds_nothing(extract):
    ex = extract(TEXT, pipeline=[])
    assert (ex.entities, ex.memberships, ex.participations, ex.statements) == ({}, [], [], [])


@pytest.mark.parametrize(("pipeline", "message"), [
    (["places", "nope"], f"no extraction component is named 'nope'; known: {', '.join(sorted(COMPONENTS))}"),
    (["events"], "the component 'events' needs places, which no earlier component sets"),
    (["places", "persons"], "the component 'persons' needs blocked, posts, which no earlier component sets"),
    (["places", "event-groups", "events"],
     "the component 'event-groups' needs event_mentions, settled, which no earlier component sets"),
])
def test_pipeline_refuses_an_unknown_or_misordered_component_in_one_line(extract, pipeline, message):
    with pytest.raises(InputError) as raised:
        extract(TEXT, pipeline=pipeline)
    assert str(raised.value) == message
    assert "\n" not in str(raised.value)


def test_pipeline_default_order_is_valid_and_runs_every_component():
    assert [c.name for c in check_pipeline(DEFAULT_PIPELINE)] == list(DEFAULT_PIPELINE)
    assert set(DEFAULT_PIPELINE) == set(COMPONENTS)


def test_pipeline_every_rule_belongs_to_a_default_component():
    assert set(rule_ids().values()) <= set(DEFAULT_PIPELINE)


@pytest.mark.parametrize("name", DEFAULT_PIPELINE)
def test_pipeline_every_component_has_a_test_module(name):
    assert (Path(__file__).parent / f"test_{name.replace('-', '_')}.py").is_file()
