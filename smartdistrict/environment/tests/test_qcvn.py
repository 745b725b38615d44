"""QCVN 08:2023/BTNMT: class boundaries of Table 2 and the health limits of Table 1."""

import pytest

from smartdistrict.core.errors import InvalidInput
from smartdistrict.environment.indices import qcvn08_classify, qcvn08_health_check


@pytest.mark.parametrize(("parameter", "value", "klass"), [
    # upper bounds: ≤ A, ≤ B, ≤ C, else D
    ("BOD5", 0, "A"), ("BOD5", 4, "A"), ("BOD5", 4.01, "B"), ("BOD5", 6, "B"),
    ("BOD5", 10, "C"), ("BOD5", 10.01, "D"),
    ("COD", 10, "A"), ("COD", 15, "B"), ("COD", 20, "C"), ("COD", 20.5, "D"),
    ("T-P", 0.1, "A"), ("T-P", 0.3, "B"), ("T-P", 0.5, "C"), ("T-P", 0.51, "D"),
    ("T-N", 0.6, "A"), ("T-N", 1.5, "B"), ("T-N", 2.0, "C"), ("T-N", 2.1, "D"),
    ("Coliform", 1000, "A"), ("Coliform", 5000, "B"), ("Coliform", 7500, "C"),
    ("Coliform", 7501, "D"),
    # pH two-sided: A 6.5–8.5, B (and C) 6.0–8.5, else D
    ("pH", 6.5, "A"), ("pH", 8.5, "A"), ("pH", 6.49, "B"), ("pH", 6.0, "B"),
    ("pH", 5.99, "D"), ("pH", 8.51, "D"),
    # DO lower bound: ≥ 6 A, ≥ 5 B, ≥ 4 C, else D
    ("DO", 6.0, "A"), ("DO", 5.99, "B"), ("DO", 5.0, "B"), ("DO", 4.0, "C"),
    ("DO", 3.99, "D"),
])
def test_class_boundaries(parameter, value, klass):
    assert qcvn08_classify(parameter, value).klass == klass


def test_result_says_the_bound_met_and_what_is_unconfirmed():
    bod = qcvn08_classify("BOD5", 5)
    assert (bod.klass, bod.rank, bod.limit.text(), bod.unit) == ("B", 2, "≤ 6", "mg/L")
    assert bod.confirmed and not bod.beyond_class_d
    assert qcvn08_classify("pH", 7).as_dict()["limit"] == "6.5–8.5"
    assert qcvn08_classify("DO", 6.2).limit.text() == "≥ 6"
    # DO class D: its printed bound "≥ 2.0" is unconfirmed; below it the reading is still D
    low = qcvn08_classify("DO", 3.0)
    assert (low.klass, low.confirmed, low.beyond_class_d) == ("D", False, False)
    lowest = qcvn08_classify("DO", 1.5)
    assert (lowest.klass, lowest.beyond_class_d) == ("D", True)
    # TOC cells come from one public translation only
    assert qcvn08_classify("TOC", 3).confirmed is False


def test_parameters_without_a_class_and_bad_values():
    assert qcvn08_classify("As", 0.5) is None
    with pytest.raises(InvalidInput) as caught:
        qcvn08_classify("BOD5", -1)
    assert caught.value.field == "BOD5"
    with pytest.raises(InvalidInput):
        qcvn08_classify("pH", float("nan"))


@pytest.mark.parametrize(("parameter", "value", "exceeds"), [
    ("As", 0.01, False), ("As", 0.011, True), ("N-NH4", 0.3, False), ("N-NH4", 0.31, True),
    ("Hg", 0.002, True), ("Aldrin", 0.1, False), ("BHC", 0.03, True), ("Fe", 0.4, False),
])
def test_health_limits(parameter, value, exceeds):
    check = qcvn08_health_check(parameter, value)
    assert check.exceeds is exceeds


def test_health_limit_rows():
    assert qcvn08_health_check("Cr", 0.06).limit.limit == 0.05
    assert qcvn08_health_check("Oil & grease", 1).limit.row == 25
    assert qcvn08_health_check("BOD5", 1) is None
