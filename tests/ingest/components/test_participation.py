"""The ``participation`` component: who took part in or organised which event: persons listed or labelled under
it, agents after a cue ("dihadiri oleh", "organised by"), speakers at it, and those a one-event report introduces
with a post (rules ``participant-list``, ``participation-cue``, ``participation-speaker``,
``participation-single-event``)."""

from __future__ import annotations

import pytest

# (rule, text, language, [(agent, organiser)])
CASES = [
    ("participant-list", "Peserta Lokakarya Drainase Kota:\n- Rina Marlina, Staf Bappeda Kota Semarang\n- Budi Santosa",
     "id", [("person:rina-marlina", False), ("person:budi-santosa", False)]),
    ("participant-list", "Participants of the Coastal Forum:\n- Rina Marlina, Research Manager\n- Budi Santosa", "en",
     [("person:rina-marlina", False), ("person:budi-santosa", False)]),
    ("participant-list", "Lokakarya Drainase Kota\nNarasumber: Rina Marlina", "id", [("person:rina-marlina", False)]),
    ("participant-list", "Coastal Cities Workshop\nModerator: Rina Marlina", "en", [("person:rina-marlina", False)]),
    ("participation-cue", "Lokakarya Drainase Kota digelar pada 5 Mei 2022 dan dihadiri oleh Rina Marlina serta "
     "Bappeda Kota Semarang.", "id", [("person:rina-marlina", False), ("organisation:bappeda-kota-semarang", False)]),
    ("participation-cue", "Lokakarya Drainase Kota diselenggarakan oleh Yayasan Sungai Lestari pada 5 Mei 2022.", "id",
     [("organisation:yayasan-sungai-lestari", True)]),
    ("participation-cue", "The Coastal Forum was organised by Yayasan Sungai Lestari.", "en",
     [("organisation:yayasan-sungai-lestari", True)]),
    ("participation-cue", "The City Resilience Workshop was held in Medan on 5 May 2022. The workshop was attended by "
     "Budi Santosa.", "en", [("person:budi-santosa", False)]),
    ("participation-speaker", "Dalam Lokakarya Drainase Kota, Rina Marlina menjelaskan bahwa sumur resapan perlu "
     "diperbanyak.", "id", [("person:rina-marlina", False)]),
    ("participation-speaker", "The Coastal Forum was held on 5 May 2022. At the Coastal Forum, Rina Marlina said the "
     "dikes were ready.", "en", [("person:rina-marlina", False)]),
    ("participation-single-event", "Lokakarya Drainase Kota\nRina Marlina, Staf Bappeda Kota Semarang, ikut merancang "
     "denah.", "id", [("person:rina-marlina", False)]),
    ("participation-single-event", "Lokakarya Drainase Kota\nIbu Rina Marlina ikut merancang denah.", "id",
     [("person:rina-marlina", False)]),
    ("participation-single-event", "Coastal Cities Workshop\nRina Marlina, Research Manager at Yayasan Sungai Lestari, "
     "presented the flood maps.", "en", [("person:rina-marlina", False)]),
]


def participations(ex) -> list[tuple[str, str, bool, list[str]]]:
    return [(p.event, p.agent, p.organiser, [s.rule for s in p.spans]) for p in ex.participations]


@pytest.mark.parametrize(("rule", "text", "language", "agents"), CASES)
def test_participation_rule_links_agents_to_the_event(extract, rule, text, language, agents):
    assert participations(extract(text, language)) == [("event:0", agent, organiser, [rule])
                                                       for agent, organiser in agents]


@pytest.mark.parametrize(("rule", "text", "language", "agents"), CASES)
def test_participation_switched_off_rule_leaves_its_links_out(extract, rule, text, language, agents):
    # another rule may still link an agent (a listed person with a post in a one-event report): not by this rule
    ex = extract(text, language, disabled_rules=[rule])
    assert rule not in {s.rule for p in ex.participations for s in p.spans}
    assert {agent for agent, _ in agents} <= set(ex.entities)


@pytest.mark.parametrize(("rule", "text", "language", "left"), [
    ("participant-list", "Participants of the Coastal Forum:\n- Rina Marlina, Research Manager\n- Budi Santosa", "en",
     [("event:0", "person:rina-marlina", False, ["participation-single-event"])]),
    ("participation-cue", "The Coastal Forum was organised by Yayasan Sungai Lestari.", "en", []),
    ("participation-speaker", "Dalam Lokakarya Drainase Kota, Rina Marlina menjelaskan bahwa sumur resapan perlu "
     "diperbanyak.", "id", []),
    ("participation-single-event", "Lokakarya Drainase Kota\nIbu Rina Marlina ikut merancang denah.", "id", []),
])
def test_participation_switched_off_rule_leaves_exactly(extract, rule, text, language, left):
    assert participations(extract(text, language, disabled_rules=[rule])) == left
