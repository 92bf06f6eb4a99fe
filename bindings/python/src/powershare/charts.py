"""Charts as SVG text that Jupyter displays inline."""

from __future__ import annotations


class Svg(str):
    """An SVG drawing: a ``str`` holding the document, shown as a picture
    by Jupyter (``_repr_svg_``). Write it with :meth:`save`."""

    def _repr_svg_(self) -> str:
        return str(self)

    def save(self, path: str) -> None:
        """Writes the SVG to ``path``."""
        with open(path, "w", encoding="utf-8") as f:
            f.write(self)
