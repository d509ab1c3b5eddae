"""The visual system: the Digital Agency's design tokens, generated into tokens.css from
the pinned npm package, and a site.css that takes every colour from them."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[1]
CSS = ROOT / "static" / "css"
PACKAGE = ROOT / "node_modules" / "@digital-go-jp" / "design-tokens"


def declared(css: str) -> set[str]:
    return set(re.findall(r"(--[a-z0-9-]+)\s*:", css))


def declaration_blocks(css: str) -> list[str]:
    """The text between braces (selectors left out), comments removed."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    return re.findall(r"\{([^{}]*)\}", css)


def test_regenerating_the_tokens_gives_the_committed_file():
    if not (PACKAGE / "package.json").exists():
        message = "the design tokens package is not installed: run `npm ci`"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    result = subprocess.run(
        [sys.executable, str(ROOT / "bin" / "tokens"), "--check"], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


def test_the_tokens_name_their_package_and_version():
    header = (CSS / "tokens.css").read_text().splitlines()[0]
    assert re.search(r"@digital-go-jp/design-tokens \d+\.\d+\.\d+", header)


def test_every_variable_site_css_uses_is_defined():
    site = (CSS / "site.css").read_text()
    known = declared((CSS / "tokens.css").read_text()) | declared(site)
    used = set(re.findall(r"var\((--[a-z0-9-]+)", site))
    assert used, "site.css uses no tokens"
    assert not used - known


def test_site_css_takes_its_colours_from_the_tokens():
    """No colour is typed in by hand: a hex value or rgb() in a declaration would bypass
    the Digital Agency's palette (and its checked contrasts)."""
    typed = [
        block.strip()
        for block in declaration_blocks((CSS / "site.css").read_text())
        if re.search(r"#[0-9a-fA-F]{3,8}\b|\brgba?\(|\bhsla?\(", block)
    ]
    assert not typed


@pytest.mark.django_db
def test_pages_load_the_tokens_before_the_site_stylesheet(client):
    html = client.get(reverse("associations:home")).content.decode()
    tokens, site = html.find("css/tokens"), html.find("css/site")
    assert -1 < tokens < site
