"""The PLOVER/CAMEO tables load, are complete and agree with each other."""

import pytest

from dotterel.ontology import load_ontology

PLOVER_TYPES = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
                "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE",
                "COERCE", "ASSAULT"}


@pytest.fixture(scope="module")
def onto():
    return load_ontology()


def test_sixteen_types_with_quad_classes(onto):
    assert set(onto.types) == PLOVER_TYPES
    quads = {t: onto.quad_class(t) for t in PLOVER_TYPES}
    assert {t for t, q in quads.items() if q == 1} == {"AGREE", "CONSULT", "SUPPORT", "CONCEDE"}
    assert {t for t, q in quads.items() if q == 2} == {"COOPERATE", "AID", "RETREAT"}


def test_accuse_score_sign_is_fixed(onto):
    assert onto.score("ACCUSE") == -3.0


def test_mode_scores_refine_type_scores(onto):
    with_scores = [(t, m) for t, pt in onto.types.items() for m, s in pt.modes.items() if s]
    assert with_scores
    t, m = with_scores[0]
    assert onto.score(t, m) == onto.types[t].modes[m]
    assert onto.score(t, "no-such-mode") == onto.types[t].score


def test_every_cameo_code_maps_and_every_type_has_a_code(onto):
    assert len(onto.cameo) > 300
    for code in onto.cameo.values():
        assert code.plover_type in PLOVER_TYPES
        assert code.root == code.code[:2]
        assert -10 <= code.goldstein <= 10
        assert code.quad_class == (1 if code.root <= "05" else 2 if code.root <= "08"
                                   else 3 if code.root <= "13" else 4)
    for t in PLOVER_TYPES:
        assert onto.cameo_codes_for(t), t


def test_auxiliary_modes(onto):
    assert set(onto.aux_modes) == {"historical", "future", "hypothetical", "negation"}
