"""The municipal association and one-stop centre fixtures, tested as data (no database)."""

import json
import re
from pathlib import Path

import phonenumbers
import pytest

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
PREFECTURES = {p["code"]: p for p in json.loads((FIXTURES / "prefectures.json").read_text())}
# Each directory holds one file per prefecture; the list key names what its records are.
SETS = {"municipal": "associations", "onestop": "consultation_centres"}
FILES = sorted(
    (path, key) for folder, key in SETS.items() for path in (FIXTURES / folder).glob("*.json")
)
EMAIL = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")
CODE = re.compile(r"^\d{6}$")
# A guessed value must never pass as a sourced one.
GUESS_WORDS = ("by analogy", "inferred", "inference", "assumed")
DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
PRECISION = {4: "year", 7: "month", 10: "day"}


def check_digit_is_valid(code: str) -> bool:
    """JIS X 0402: weights 6..2 on the first five digits; check = (11 - sum % 11) % 10."""
    total = sum(int(d) * w for d, w in zip(code[:5], (6, 5, 4, 3, 2), strict=True))
    return int(code[5]) == (11 - total % 11) % 10


def ids(item: tuple[Path, str]) -> str:
    return f"{item[0].parent.name}/{item[0].name}"


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from strings(v)


@pytest.mark.parametrize(
    ("code", "valid"),
    [("232114", True), ("221384", True), ("131016", True), ("092011", True), ("281000", True)]
    + [("232115", False), ("131010", False)],
)
def test_the_check_digit_rule_matches_known_codes(code, valid):
    # 豊田市, 浜松市中央区, 千代田区, 宇都宮市 (sum % 11 == 0), 神戸市 (sum % 11 == 1).
    assert check_digit_is_valid(code) is valid


def test_there_are_files_for_many_prefectures():
    prefectures = {load(path)["prefecture"] for path, key in FILES if key == "associations"}
    assert len(prefectures) >= 15


@pytest.mark.parametrize("item", FILES, ids=ids)
def test_a_file_is_named_after_its_prefecture(item):
    path, key = item
    data = load(path)
    prefecture = PREFECTURES[data["prefecture"]]
    assert path.name == f"{data['prefecture'][3:]}-{prefecture['slug']}.json"
    assert set(data) == {"prefecture", "sources", key}
    assert data[key], "a file without records should not exist"


@pytest.mark.parametrize("item", FILES, ids=ids)
def test_every_source_has_a_title_a_url_and_a_dated_or_unknown_date(item):
    path, _ = item
    sources = load(path)["sources"]
    keys = [s["key"] for s in sources]
    assert len(keys) == len(set(keys))
    for source in sources:
        assert source["title"].strip() and source["publisher"].strip(), source["key"]
        assert source["url"].startswith(("http://", "https://")), source["key"]
        date = source["published_on"]
        if date is None:
            assert source["date_precision"] == "unknown", source["key"]
        else:
            assert DATE.match(date), source["key"]
            assert source["date_precision"] == PRECISION[len(date)], source["key"]


@pytest.mark.parametrize("item", FILES, ids=ids)
def test_every_record_is_named_placed_and_sourced(item):
    path, key = item
    data = load(path)
    source_keys = {s["key"] for s in data["sources"]}
    used = set()
    for record in data[key]:
        label = record["name_ja"] or repr(record)
        assert record["name_ja"].strip(), label
        code = record["municipality_code"]
        assert CODE.match(code) and check_digit_is_valid(code), label
        assert code[:2] == data["prefecture"][3:], label
        assert record["source_keys"], label
        assert set(record["source_keys"]) <= source_keys, label
        used.update(record["source_keys"])
        assert record["as_of"] == "" or DATE.match(record["as_of"]), label
    assert used == source_keys, "a file names only the sources its records use"


@pytest.mark.parametrize("item", FILES, ids=ids)
def test_no_record_is_listed_twice(item):
    path, key = item
    pairs = [(r["name_ja"], r["municipality_code"]) for r in load(path)[key]]
    assert len(pairs) == len(set(pairs))


@pytest.mark.parametrize("item", FILES, ids=ids)
def test_phones_are_japanese_numbers_and_emails_are_addresses(item):
    path, key = item
    for record in load(path)[key]:
        for field in ("phone", "fax"):
            if record[field]:
                number = phonenumbers.parse(record[field], "JP")
                assert phonenumbers.is_valid_number(number), (record["name_ja"], record[field])
                assert number.country_code == 81, record[field]
        if record["email"]:
            assert EMAIL.match(record["email"]), (record["name_ja"], record["email"])
        if record["website"]:
            assert record["website"].startswith(("http://", "https://")), record["website"]


@pytest.mark.parametrize("item", FILES, ids=ids)
def test_no_value_is_a_guess(item):
    path, _ = item
    for text in strings(load(path)):
        lowered = text.lower()
        assert not any(word in lowered for word in GUESS_WORDS), text


@pytest.mark.parametrize("item", [i for i in FILES if i[1] == "associations"], ids=ids)
def test_size_categories_come_from_the_2002_typology(item):
    path, key = item
    for record in load(path)[key]:
        assert record["size_category"] in {"", "large", "medium", "small"}, record["name_ja"]
