"""The analysis core imports only the standard library and itself."""

import ast
import sys
from pathlib import Path

ANALYSIS = Path(__file__).resolve().parents[1] / "webapp" / "analysis"


def imported_modules(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            yield node.module


def test_analysis_imports_nothing_but_the_standard_library():
    files = sorted(ANALYSIS.rglob("*.py"))
    assert files
    offenders = [
        f"{path.name}: {module}"
        for path in files
        for module in imported_modules(path)
        if module.split(".")[0] not in sys.stdlib_module_names
    ]
    assert offenders == []
