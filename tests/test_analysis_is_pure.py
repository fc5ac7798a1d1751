"""The analysis core imports only the standard library and itself."""

import ast
import sys
from pathlib import Path

ANALYSIS = Path(__file__).resolve().parents[1] / "webapp" / "analysis"
PACKAGE = ("webapp", "analysis")


def imported_modules(path):
    """Absolute names of everything ``path`` imports; relative imports are resolved
    against the file's own package, so "from ..extensions import db" is caught."""
    package = PACKAGE + path.relative_to(ANALYSIS).parent.parts
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level == 0:
                yield node.module
            else:
                base = package[: len(package) - (node.level - 1)] if node.level > 1 else package
                yield ".".join((*base, *(node.module.split(".") if node.module else ())))


def offenders():
    files = sorted(ANALYSIS.rglob("*.py"))
    assert files
    return [
        f"{path.name}: {module}"
        for path in files
        for module in imported_modules(path)
        if module.split(".")[0] not in sys.stdlib_module_names
        and not module.startswith("webapp.analysis")
    ]


def test_analysis_imports_nothing_but_the_standard_library():
    assert offenders() == []


def test_a_relative_import_out_of_the_core_is_caught(tmp_path, monkeypatch):
    # The rule must see through "..": a view of the web layer from inside the core.
    core = tmp_path / "analysis"
    core.mkdir()
    (core / "sneaky.py").write_text("from ..extensions import db\nfrom . import text\n", encoding="utf-8")
    monkeypatch.setattr(sys.modules[__name__], "ANALYSIS", core)
    assert offenders() == ["sneaky.py: webapp.extensions"]
