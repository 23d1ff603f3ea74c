"""Adding a feature area = one new folder + one line in the registry (issue 6, item 1).

The test writes a small area ("notes") into a temporary folder that is part of `sleutelnet.blueprints`,
adds its manifest to the registry list — the one line — and builds an app: the routes are mounted under
the tenant space, its permission is granted and appears in the permissions table, its labelled codes and
audit sentences come from its labels.toml, its navigation entry
and its link on the key-person page show for the roles that hold the permission, and the route walker
finds its URL-argument factory. No platform file, template or test of another area is touched."""
from __future__ import annotations

import sys
import textwrap

import pytest

FILES = {
    "__init__.py": '"""A tiny area written by tests/platform/test_new_area.py."""\n',
    "permissions.py": '''
        from ...platform.policy import Permission, Role

        VIEW_NOTES = Permission("view_notes")
        ALL = (VIEW_NOTES,)
        GRANTS = {Role.COORDINATOR: {VIEW_NOTES}}
    ''',
    "routes.py": '''
        from flask import Blueprint

        from ...platform.policy import requires
        from . import permissions as perms

        bp = Blueprint("notes", __name__, url_prefix="/notities", template_folder="templates")


        @bp.get("/")
        @requires(perms.VIEW_NOTES)
        def index():
            return "NOTES-INDEX"


        @bp.get("/<int:note_id>")
        @requires(perms.VIEW_NOTES)
        def show(note_id):
            from flask import abort

            abort(404)
    ''',
    "walker.py": '''
        ARG_FACTORIES = {"note_id": lambda world: 1}
    ''',
    "manifest.py": '''
        from flask_babel import lazy_gettext as _l

        from ...platform.features import Feature, NavItem, Panel
        from . import permissions as perms, routes, walker

        FEATURE = Feature.of(__package__, perms,
            tenant_blueprints=(routes.bp,),
            nav=(NavItem("tenant.notes.index", _l("Notes"), perms.VIEW_NOTES, "execution", 90),),
            person_actions=(Panel("notes/_person_action.html", perms.VIEW_NOTES, 90, lambda p: {"person": p}),),
            arg_factories=walker.ARG_FACTORIES,
        )
    ''',
    "labels.toml": '''
        # the area's labelled code lists: stored code = English label, in display order
        [KINDS]
        call = "Phone call"
        visit = "Visit"

        [audit_actions]
        "notes.written" = "Note written"
    ''',
    "choices.py": '''
        from ...platform.labels import catalogues

        (KINDS,) = catalogues(__package__).tables("KINDS")
    ''',
    "templates/notes/_person_action.html": '<a class="utrecht-link" href="#">NOTES-LINK</a>\n',
}


@pytest.fixture()
def notes_area(tmp_path, monkeypatch):
    import sleutelnet.blueprints as blueprints
    from sleutelnet.blueprints import registry
    from sleutelnet.platform import features

    folder = tmp_path / "notes"
    for name, text in FILES.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip())
    monkeypatch.setattr(blueprints, "__path__", list(blueprints.__path__) + [str(tmp_path)])
    original = features.installed()
    from sleutelnet.blueprints.notes.manifest import FEATURE

    monkeypatch.setattr(registry, "FEATURES", registry.FEATURES + [FEATURE])  # the one line
    yield FEATURE
    features.install(original)
    for module in [m for m in sys.modules if m.startswith("sleutelnet.blueprints.notes")]:
        del sys.modules[module]


def test_a_new_area_is_one_folder_and_one_registry_line(app, notes_area, world, tmp_path):
    from sleutelnet.platform.app import create_app
    from sleutelnet.platform.permissions_doc import render
    from sleutelnet.platform.policy import Permission, Role, grants_for
    from sleutelnet.platform.walker import all_factories

    from ..conftest import Browser, PASSWORD

    new_app = create_app(dict(app.config, TESTING=True))  # the same database, the extended registry
    rules = {r.endpoint: r.rule for r in new_app.url_map.iter_rules()}
    assert rules["tenant.notes.index"] == "/g/<tenant_slug>/notities/"
    assert Permission.VIEW_NOTES in grants_for(Role.COORDINATOR)
    assert Permission.VIEW_NOTES not in grants_for(Role.OFFICIAL)
    assert "| notes | `view_notes` | ✓ |" in render()
    assert "note_id" in all_factories()
    from sleutelnet.blueprints.notes import choices
    from sleutelnet.platform.audit_labels import action_label

    assert [(code, str(text)) for code, text in choices.KINDS.items()] == [("call", "Phone call"), ("visit", "Visit")]
    with new_app.app_context():
        assert action_label("notes.written") == "Note written"  # the audit log reads the area's labels

    def browser(key):
        b = Browser(new_app.test_client())
        b.login(world.users[key].email, PASSWORD)
        return b

    coordinator, official = browser("coordinator_a"), browser("official_a")
    url = f"/g/{world.slugs['a']}/notities/"
    assert coordinator.get(url).get_data(as_text=True) == "NOTES-INDEX"
    assert official.get(url).status_code == 403
    home = coordinator.get(f"/g/{world.slugs['a']}/").get_data(as_text=True)
    assert url in home  # the navigation entry
    assert url not in official.get(f"/g/{world.slugs['a']}/").get_data(as_text=True)
