"""The trigger lexicon: breadth, validity, and loud failures for bad user files."""

from pathlib import Path

import pytest

from dotterel.errors import DataFileError
from dotterel.lexicon import load_lexicon
from dotterel.ontology import load_ontology


@pytest.fixture(scope="module")
def lexicon():
    return load_lexicon()


def test_lexicon_is_broad(lexicon):
    entries = lexicon.all()
    assert len(entries) >= 800
    onto = load_ontology()
    assert {t.type for t in entries} == set(onto.types)
    modes = {(t.type, t.mode) for t in entries if t.mode}
    for name, ptype in onto.types.items():
        for mode in ptype.modes:
            assert (name, mode) in modes, f"{name}:{mode} has no trigger"


def test_keys_unique_and_cameo_known(lexicon):
    entries = lexicon.all()
    assert len({t.key for t in entries}) == len(entries)
    onto = load_ontology()
    assert all(t.cameo in onto.cameo for t in entries)


def test_light_verbs_and_event_nouns_present(lexicon):
    hold = {o for t in lexicon.verbs["hold"] for o in t.objects}
    assert "talk" in hold
    assert any(t.type == "CONSULT" for t in lexicon.nouns["visit"])
    assert any(t.type == "SANCTION" for t in lexicon.nouns["sanction"])


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("type: AGREE\nentries:\n  - {lemma: pledge, cameo: '9999'}\n", "unknown CAMEO"),
        ("type: AGREE\nentries:\n  - {lemma: pledge}\n", "cameo"),
        ("type: AGREE\nentries:\n  - {lemma: pledge, cameo: '030', mode: visit}\n",
         "not a mode of AGREE"),
        ("type: NOPE\nentries: []\n", "unknown PLOVER type"),
        ("type: AGREE\nentries:\n  - {lemma: pledge, cameo: '030', colour: red}\n", "colour"),
        ("type: AGREE\nentries: [\n", "not valid YAML"),
        ("type: AGREE\ntype: PROTEST\nentries: []\n", "duplicate key 'type'"),
    ],
)
def test_bad_user_lexicon_fails_with_file_and_reason(tmp_path: Path, body: str, message: str):
    path = tmp_path / "mine.yaml"
    path.write_text(body)
    load_lexicon.cache_clear()
    try:
        with pytest.raises(DataFileError, match=message) as info:
            load_lexicon((str(path),))
        assert str(path) in str(info.value)
    finally:
        load_lexicon.cache_clear()


def test_user_lexicon_entry_is_layered(tmp_path: Path):
    path = tmp_path / "mine.yaml"
    path.write_text("type: PROTEST\nentries:\n  - {lemma: flashmob, pos: noun, cameo: '141'}\n")
    load_lexicon.cache_clear()
    try:
        lex = load_lexicon((str(path),))
        assert lex.nouns["flashmob"][0].type == "PROTEST"
    finally:
        load_lexicon.cache_clear()


@pytest.mark.parametrize(("old", "new", "message"), [
    ('obligation: [REQUEST, "", "100"]', 'obligation: [REQUEST, "100"]', "obligation"),
    ("crowd_sector: CVL\n", "crowd_sector: CVL\nbogus_cue: [x]\n", "bogus_cue"),
    ("crowd_sector: CVL\n", "", "crowd_sector"),
])
def test_bad_cues_file_names_the_cue(tmp_path: Path, old: str, new: str, message: str):
    from dotterel.datafiles import data_path
    from dotterel.lexicon import _cues
    text = data_path("lexicon", "_cues.yaml").read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "_cues.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(DataFileError, match=message) as info:
        _cues(path)
    assert str(path) in str(info.value)
