"""Labelled code lists as data (platform/labels.py): each area's labels.toml gives dicts of lazy strings in the
file's order, read once; a malformed file fails at import; every label is extracted for translation with its
line and has its Dutch translation; `Feature.of` reads an area's permissions module and its labels."""
from __future__ import annotations

import io
import sys
import textwrap
import tomllib
from fnmatch import fnmatch
from pathlib import Path

import pytest
from flask_babel import LazyString, force_locale

from sleutelnet.platform import features, labels
from sleutelnet.platform.catalog import extract, read_fragments

ROOT = Path(__file__).resolve().parents[2]
FILES = sorted((ROOT / "sleutelnet").glob("**/labels.toml"))


def test_there_are_label_files_and_each_parses():
    assert len(FILES) >= 15
    for path in FILES:
        assert len(labels.load(path)) > 0, path


def test_a_table_is_a_dict_of_lazy_strings_in_the_files_order():
    from sleutelnet.blueprints.network import choices

    goals = labels.catalogues("sleutelnet.blueprints.network")["GOALS"]
    assert choices.GOALS is goals  # the module's name is the loaded table, read once per process
    assert labels.catalogues("sleutelnet.blueprints.network") is labels.catalogues("sleutelnet.blueprints.network")
    assert labels.catalogues("sleutelnet.blueprints.care", missing_ok=True) is labels.catalogues("sleutelnet.blueprints.care")
    assert list(goals) == ["awareness", "resilience", "de_escalation", "policy"]
    assert all(isinstance(v, LazyString) for v in goals.values())
    assert choices.label(goals, "policy") == "Contributing to effective policy"


def test_arrays_become_tuples_with_lazy_strings_and_numbers():
    from sleutelnet.blueprints.care import choices as care
    from sleutelnet.blueprints.disruptors import choices as disruptors

    days, text = care.CHECKINS["two_weeks"]
    assert days == 14 and isinstance(text, LazyString) and str(text) == "after two weeks"
    assert disruptors.risk_label("status") == "Taking part mainly for status"
    assert len(disruptors.RISKS["status"]) == 2


@pytest.mark.parametrize("text, complaint", [
    ('[GOALS]\nawareness = "Information', "GOALS"),                      # TOML syntax error (unclosed string)
    ('title = "not a table"\n', "must be a table"),                      # a top-level value
    ("[EMPTY]\n", "must be a table"),                                   # an empty catalogue
    ('[GOALS]\nawareness = true\n', "a label is a string"),
    ('[GOALS]\nawareness = [14, 91]\n', "a label is a string"),          # an array needs a label
    ('[GOALS]\nawareness = []\n', "a label is a string"),
    ('[GOALS.sub]\nawareness = "x"\n', "a label is a string"),           # nested tables
])
def test_a_malformed_file_is_refused(text, complaint):
    with pytest.raises(labels.LabelFileError) as raised:
        labels.parse(text, "area/labels.toml")
    assert "area/labels.toml" in str(raised.value)
    if complaint != "GOALS":
        assert complaint in str(raised.value)


def test_a_malformed_file_fails_when_the_area_is_imported(tmp_path, monkeypatch):
    package = tmp_path / "broken_labels_area"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "choices.py").write_text(textwrap.dedent('''
        from sleutelnet.platform.labels import catalogues

        (GOALS,) = catalogues(__package__).tables("GOALS")
    '''))
    (package / "labels.toml").write_text('[GOALS]\nawareness = "unclosed\n')
    monkeypatch.syspath_prepend(str(tmp_path))
    with pytest.raises(labels.LabelFileError, match="labels.toml"):
        __import__("broken_labels_area.choices")
    for name in [n for n in sys.modules if n.startswith("broken_labels_area")]:
        monkeypatch.delitem(sys.modules, name)


def test_a_missing_file_or_table_is_an_error_unless_allowed():
    with pytest.raises(FileNotFoundError):
        labels.catalogues("sleutelnet.blueprints.auth")
    assert len(labels.catalogues("sleutelnet.blueprints.auth", missing_ok=True)) == 0
    with pytest.raises(KeyError, match=r"no table \[NOPE\]"):
        labels.catalogues("sleutelnet.blueprints.network").tables("GOALS", "NOPE")


SAMPLE = '''# a comment with "quotes" is no label
[GOALS]  # the table
awareness = "Information and awareness"  # "not this one"
"1.1" = "§1.1 Purpose and \\"right\\" to exist"

[RISKS]
ties = [
    "Ties",
    "Description",
]
two_weeks = [14, "after two weeks"]
'''


def test_extract_yields_every_label_with_its_line_and_no_keys_or_comments():
    found = list(labels.extract(io.BytesIO(SAMPLE.encode()), {}, [], {}))
    assert [(line, message) for line, _, message, _ in found] == [
        (3, "Information and awareness"), (4, '§1.1 Purpose and "right" to exist'), (8, "Ties"),
        (9, "Description"), (11, "after two weeks")]


def test_extract_refuses_what_it_cannot_place_on_a_line():
    text = '[GOALS]\nawareness = """Information\nand awareness"""\n'
    assert tomllib.loads(text)  # valid TOML, but a multi-line string
    with pytest.raises(labels.LabelFileError, match="one-line basic strings"):
        list(labels.extract(io.BytesIO(text.encode()), {}, [], {}))


def test_every_label_of_every_file_is_extracted_there_and_translated_into_dutch():
    source = extract()
    dutch = read_fragments("nl")
    for path in FILES:
        relative = str(path.relative_to(ROOT / "sleutelnet"))
        for line, _, message, _ in labels.extract(io.BytesIO(path.read_bytes()), {}, [], {}):
            assert (relative, line) in source.get(message).locations, (relative, line, message)
            assert dutch.get(message), f"{relative}:{line} {message!r} has no Dutch translation"


def test_a_label_shows_in_the_readers_language(app):
    from sleutelnet.blueprints.network import choices

    with app.test_request_context():
        with force_locale("nl"):
            assert choices.label(choices.GOALS, "awareness") == "Voorlichting en bewustwording"
        with force_locale("en"):
            assert choices.label(choices.GOALS, "awareness") == "Information and awareness"


def test_the_label_files_are_package_data():
    patterns = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]["sleutelnet"]
    for path in FILES:
        relative = str(path.relative_to(ROOT / "sleutelnet"))
        assert any(fnmatch(relative, p) or fnmatch(relative, p.removeprefix("**/")) for p in patterns), relative


def test_feature_of_takes_name_permissions_and_labels_from_the_area():
    from sleutelnet.blueprints.care import permissions as perms

    feature = features.Feature.of("sleutelnet.blueprints.care", perms)
    assert feature.name == "care"
    assert feature.permissions == perms.ALL and feature.grants == perms.GRANTS
    assert str(feature.audit_actions["care.pair_ended"]) == "Buddy or mentor pair ended"
    assert list(feature.audit_kinds) == ["care"]
    bare = features.Feature.of("sleutelnet.blueprints.auth")
    assert (bare.name, bare.permissions, bare.grants, bare.audit_actions) == ("auth", (), {}, {})
