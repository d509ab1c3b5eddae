"""The Nu HTML Checker (vnu.jar from the npm registry, run with Java) on every public
page type: zero errors."""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.test import Client

from .test_accessibility import PAGES

VNU = (
    Path(__file__).resolve().parents[2] / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
)


@pytest.fixture(scope="module")
def java() -> str:
    found = shutil.which("java")
    if not found or not VNU.exists():
        message = "the HTML checker needs Java and `npm ci` (node_modules/vnu-jar)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return found


# Easy Japanese too: its names carry ruby.
@pytest.mark.parametrize(
    "language", ["", "/ja", "/vi", "/ja-x-easy"], ids=["en", "ja", "vi", "ja-x-easy"]
)
def test_every_page_type_is_valid_html(java, directory, tmp_path, language):
    client = Client()
    files = []
    for name, path in PAGES.items():
        response = client.get(language + path)
        target = tmp_path / f"{name.replace(' ', '-')}.html"
        target.write_bytes(response.content)
        files.append(str(target))
    result = subprocess.run(
        [java, "-jar", str(VNU), "--format", "json", "--exit-zero-always", *files],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    messages = json.loads(result.stderr)["messages"]
    errors = [
        f"{Path(m.get('url', '')).name}:{m.get('lastLine')}: {m['message']}"
        for m in messages
        if m["type"] == "error"
    ]
    assert not errors, "\n".join(errors)
