"""Every example of docs/python.md runs, with the output it shows
(doctest, from the repository root so that its paths resolve)."""

import doctest
import os

from conftest import ROOT


def test_docs_python_md():
    here = os.getcwd()
    os.chdir(ROOT)
    try:
        result = doctest.testfile(str(ROOT / "docs" / "python.md"), module_relative=False,
                                  optionflags=doctest.NORMALIZE_WHITESPACE
                                  | doctest.ELLIPSIS)
    finally:
        os.chdir(here)
    assert result.attempted > 10
    assert result.failed == 0


def test_docstring_examples():
    import powershare
    import powershare.counting
    import powershare.legislature
    here = os.getcwd()
    os.chdir(ROOT)
    try:
        attempted = 0
        for module in (powershare, powershare.legislature, powershare.counting):
            result = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE)
            assert result.failed == 0
            attempted += result.attempted
    finally:
        os.chdir(here)
    assert attempted >= 3
