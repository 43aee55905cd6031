"""Patterns compiled on first use (lazyre.py): same answers, and nothing else changes."""

from __future__ import annotations

import re

import pytest

from monrecap.lazyre import LazyPattern, costly, deferred_compiles

URL = "([a-z\xa1-\uffff0-9]+)\\.fr"


def test_costly_patterns_wait_and_answer_as_compiled_ones() -> None:
    with deferred_compiles():
        lazy = re.compile(URL, re.I)
        cheap = re.compile(r"\d+")
    assert isinstance(lazy, LazyPattern) and lazy._compiled is None
    assert isinstance(cheap, re.Pattern)
    assert lazy.match("Mission-Locale.FR") is None
    assert lazy.match("MONRÉCAP.FR").group(1) == "MONRÉCAP"
    assert lazy.compiled() is re.compile(URL, re.I)  # the one re caches
    assert lazy.flags == re.compile(URL, re.I).flags


def test_re_compile_is_restored_after_the_block_even_on_error() -> None:
    real = re.compile
    with pytest.raises(ValueError), deferred_compiles():
        with deferred_compiles():  # nested: the outer block restores
            pass
        assert re.compile is not real
        raise ValueError
    assert re.compile is real
    assert isinstance(re.compile(URL), re.Pattern)


def test_only_patterns_over_the_top_of_the_bmp_are_costly() -> None:
    assert costly("[\u2e80-\uffff]") and costly("[\U00010000-\U0010ffff]")
    assert not costly("[a-zàâçéèêëîïôûùüÿœæ]+") and not costly(b"[\xff]")


def test_a_deferred_pattern_copies_and_pickles_as_the_compiled_one() -> None:
    import copy
    import pickle

    with deferred_compiles():
        lazy = re.compile(URL, re.I)
    for twin in (copy.copy(lazy), copy.deepcopy(lazy), pickle.loads(pickle.dumps(lazy))):
        assert isinstance(twin, re.Pattern)
        assert twin.match("MONRÉCAP.FR").group(1) == "MONRÉCAP"
