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
LANGUAGES = {"en": "", "ja": "/ja", "vi": "/vi", "ja-x-easy": "/ja-x-easy"}


@pytest.fixture(scope="module")
def checked() -> dict:
    """Language → the checker's errors on its pages, for the whole module."""
    return {}


@pytest.fixture
def html_errors(java, directory, tmp_path_factory, checked):
    """The checker's errors on every page type in `language`. The first test to ask
    checks every language's pages in one run of the checker: starting Java and the
    checker took most of each run (four runs took 8.6 s, one 3.8 s)."""

    def errors(language: str) -> list[str]:
        if not checked:
            folder = tmp_path_factory.mktemp("pages")
            files = {}
            for code, prefix in LANGUAGES.items():
                client = Client()  # no cookie carried from one language to the next
                for name, path in PAGES.items():
                    target = folder / f"{code}--{name.replace(' ', '-')}.html"
                    target.write_bytes(client.get(prefix + path).content)
                    files[target.name] = code
            result = subprocess.run(
                [java, "-jar", str(VNU), "--format", "json", "--exit-zero-always",
                 *(str(folder / name) for name in files)],
                capture_output=True, text=True, timeout=300,
            )  # fmt: skip
            found = {code: [] for code in LANGUAGES}
            for m in json.loads(result.stderr)["messages"]:
                if m["type"] == "error":
                    name = Path(m.get("url", "")).name
                    # An error of no page (the checker's own) counts against every language.
                    for code in [files[name]] if name in files else LANGUAGES:
                        found[code].append(f"{name}:{m.get('lastLine')}: {m['message']}")
            # Kept only once read whole: a checker that fails fails every language's test.
            checked.update(found)
        return checked[language]

    return errors


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_every_page_type_is_valid_html(html_errors, language):
    errors = html_errors(language)
    assert not errors, "\n".join(errors)
