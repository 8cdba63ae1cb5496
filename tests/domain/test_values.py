"""Validation of entered values: field-named Vietnamese errors, never an exception."""

from datetime import date

import pytest

from api.domain import Value, validate_value


def fields(errors):
    return {error.field for error in errors}


def test_valid_ratio(catalog):
    value, errors = validate_value(
        catalog.indicator("GD-02"), {"numerator": 19, "denominator": "20", "note": " ok "}
    )
    assert errors == [] and value == Value(numerator=19, denominator=20, note="ok")


def test_nothing_entered_is_no_value_and_no_error(catalog):
    assert validate_value(catalog.indicator("GD-02"), {"numerator": None, "denominator": ""}) == (None, [])


@pytest.mark.parametrize(
    ("raw", "field", "message"),
    [
        ({"numerator": -1, "denominator": 5}, "numerator", "Tử số không được âm."),
        ({"numerator": 6, "denominator": 5}, "numerator", "Tử số không được lớn hơn mẫu số."),
        ({"numerator": 3}, "denominator", "Thiếu mẫu số."),
        ({"denominator": 3}, "numerator", "Thiếu tử số."),
        ({"numerator": 1.5, "denominator": 3}, "numerator", "Tử số phải là số nguyên."),
        ({"numerator": True, "denominator": 3}, "numerator", "Tử số phải là số nguyên."),
        ({"numerator": 1, "denominator": "ba"}, "denominator", "Mẫu số phải là số nguyên."),
    ],
)
def test_ratio_errors_name_the_field(catalog, raw, field, message):
    value, errors = validate_value(catalog.indicator("GD-02"), raw)
    assert value is None
    assert [(e.field, e.message) for e in errors] == [(field, message)]


def test_negative_count(catalog):
    value, errors = validate_value(catalog.indicator("KL-04"), {"count": -2})
    assert value is None and [(e.field, e.message) for e in errors] == [("count", "Số lần không được âm.")]


def test_field_of_another_measure_is_rejected(catalog):
    _, errors = validate_value(catalog.indicator("KL-04"), {"count": 0, "numerator": 3})
    assert fields(errors) == {"numerator"} and "KL-04" in errors[0].message


@pytest.mark.parametrize(("raw", "expected"), [(True, True), ("Có", True), ("không", False), ("0", False)])
def test_flag_words(catalog, raw, expected):
    assert validate_value(catalog.indicator("TT-07"), {"flag": raw})[0].flag is expected


def test_bad_flag(catalog):
    assert fields(validate_value(catalog.indicator("TT-07"), {"flag": "có lẽ"})[1]) == {"flag"}


@pytest.mark.parametrize("raw", ["2026-05-05", "05/05/2026", date(2026, 5, 5)])
def test_date_formats(catalog, raw):
    assert validate_value(catalog.indicator("SN-01"), {"date": raw})[0].date == date(2026, 5, 5)


def test_bad_date(catalog):
    _, errors = validate_value(catalog.indicator("SN-01"), {"date": "31/02/2026"})
    assert fields(errors) == {"date"}


def test_note_must_be_text(catalog):
    assert fields(validate_value(catalog.indicator("KL-04"), {"count": 0, "note": 5})[1]) == {"note"}
