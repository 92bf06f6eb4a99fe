"""Errors: a Python exception per library code, with file, line and
column, and the built-in classes a Python user expects."""

import pytest

import powershare as ps


def test_parse_error_position():
    text = '{"format": "powershare-legislature/1",\n "total_seats": x}'
    with pytest.raises(ps.ParseError) as err:
        ps.Legislature(text, name="bad.json")
    e = err.value
    assert (e.file, e.line, e.column, e.code) == ("bad.json", 2, 17, -4)
    assert str(e).startswith("bad.json:2:17: ")
    assert isinstance(e, ValueError) and isinstance(e, ps.Error)


def test_data_error_position():
    text = ('{"format": "powershare-legislature/1", "total_seats": 10,\n'
            ' "parties": [{"id": "a", "seats": -3}]}')
    with pytest.raises(ps.DataError) as err:
        ps.Legislature(text, name="neg.json")
    assert (err.value.line, err.value.file) == (2, "neg.json")
    assert err.value.column > 0


def test_missing_file_is_an_os_error(tmp_path):
    with pytest.raises(OSError) as err:
        ps.Legislature(tmp_path / "none.json")
    assert isinstance(err.value, ps.FileError)
    assert err.value.code == -3


def test_too_large():
    # 70 players of distinct large weights: beyond the exact programs' limits
    weights = [2 ** 40 + 7 * i for i in range(70)]
    with pytest.raises(ps.TooLargeError):
        ps.power(weights, sum(weights) // 2 + 1, index="deegan_packel")


def test_wrong_types():
    with pytest.raises(TypeError):
        ps.power(["a", "b"], 1)
    with pytest.raises(TypeError):
        ps.Legislature(42)
