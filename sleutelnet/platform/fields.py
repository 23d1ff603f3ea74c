"""The field registry: every personal field of every table about a key person, declared once.

An area declares the columns of its tables about a person in its manifest (`Feature.fields`, usually a
tuple built in `<area>/fields.py`): label, kind, coded options, sensitivity, what erasure does with it and
whether import and export may carry it. Forms, the key-person page, the import mapping, the export
columns, the subject-access export and erasure read it from here; nothing else describes those fields.

Sensitivity decides who may see a field, and the policy knows ONE permission per level, used for
viewing, exporting and importing alike (`permission_for`):

- `ordinary`: administrative facts (codes, dates of the pipeline) — no extra right beyond the page's;
- `personal`: identifies or describes the person — `view_keypersons`;
- `confidential`: free-text notes and assessments, encrypted at rest — `view_confidential`;
- `special_category`: AVG art. 9, encrypted, only with recorded consent — `view_special_category`.

`visible_columns(model)` turns this into SQLAlchemy `load_only` options for the current user, so a
query never loads (or decrypts) what the user may not see.
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Any, Iterable

from .policy import Permission, can


class Sensitivity(str, Enum):
    ORDINARY = "ordinary"
    PERSONAL = "personal"
    CONFIDENTIAL = "confidential"
    SPECIAL_CATEGORY = "special_category"


# what erasure (AVG art. 17) does with the field: "anonymise" replaces it by a placeholder the area
# chooses (a name), "blank" empties it, "delete" removes the whole row, "keep" leaves it (ids, codes, dates)
ERASURE_ACTIONS = ("anonymise", "blank", "delete", "keep")

# kinds of fields (how a value is shown, parsed and validated)
KINDS = ("text", "longtext", "email", "phone", "choice", "multi", "bool", "date", "datetime", "reference",
         "number")

VIEW_PERSONAL = Permission("view_keypersons")
VIEW_CONFIDENTIAL = Permission("view_confidential")
VIEW_SPECIAL_CATEGORY = Permission("view_special_category")
# the policy for fields: one permission per sensitivity level (None: no right beyond the page's own)
PERMISSIONS: dict[Sensitivity, Permission | None] = {
    Sensitivity.ORDINARY: None,
    Sensitivity.PERSONAL: VIEW_PERSONAL,
    Sensitivity.CONFIDENTIAL: VIEW_CONFIDENTIAL,
    Sensitivity.SPECIAL_CATEGORY: VIEW_SPECIAL_CATEGORY,
}


def permission_for(sensitivity) -> Permission | None:
    """The one permission that lets a user view, export and import fields of this sensitivity."""
    return PERMISSIONS[Sensitivity(sensitivity)]


@dataclass(frozen=True)
class FieldSpec:
    """One column of a table about a key person."""
    model: type
    column: str  # the mapped attribute name
    label: Any  # lazy string (Dutch through the catalog)
    kind: str = "text"
    sensitivity: Sensitivity = Sensitivity.PERSONAL
    erasure: str = "blank"
    choices: dict | None = None  # code -> lazy label, for "choice" and "multi"
    importable: bool = False
    exportable: bool = False  # a column of the register's bulk export (the subject-access export has them all)
    consent: str | None = None  # the consent scope that makes the field lawful (special categories)

    def __post_init__(self):
        object.__setattr__(self, "sensitivity", Sensitivity(self.sensitivity))
        if self.erasure not in ERASURE_ACTIONS:
            raise ValueError(f"unknown erasure action {self.erasure!r}")
        if self.kind not in KINDS:
            raise ValueError(f"unknown kind {self.kind!r}")
        if self.sensitivity is Sensitivity.SPECIAL_CATEGORY and not self.consent:
            raise ValueError(f"{self.key}: a special category needs the consent scope that allows it")

    @property
    def table(self) -> str:
        return self.model.__tablename__

    @property
    def key(self) -> str:
        return f"{self.table}.{self.column}"

    @property
    def permission(self) -> Permission | None:
        return permission_for(self.sensitivity)

    @property
    def sensitive(self) -> bool:
        """Confidential or special category: never in lists, in bulk exports only on explicit request."""
        return self.sensitivity in (Sensitivity.CONFIDENTIAL, Sensitivity.SPECIAL_CATEGORY)


def field(model: type, column: str, label, kind: str = "text", sensitivity=Sensitivity.PERSONAL, **kwargs) -> FieldSpec:
    return FieldSpec(model, column, label, kind, Sensitivity(sensitivity), **kwargs)


def fact(model: type, column: str, label, kind: str = "date", **kwargs) -> FieldSpec:
    """An ordinary fact (a code, a date, a count) that says nothing about the person once the rest is gone:
    kept by erasure, so that counts and histories keep working."""
    return FieldSpec(model, column, label, kind, Sensitivity.ORDINARY, erasure="keep", **kwargs)


# --------------------------------------------------------------------------------------------------
# the registry, collected from the installed manifests
# --------------------------------------------------------------------------------------------------

_CACHE: tuple | None = None


def registry() -> dict[tuple[str, str], FieldSpec]:
    """(table, column) -> FieldSpec over every installed feature; a column declared twice is an error."""
    global _CACHE
    from . import features

    key = features.installed()
    if _CACHE is None or _CACHE[0] is not key:
        found: dict[tuple[str, str], FieldSpec] = {}
        for spec in features.collect("fields"):
            if (spec.table, spec.column) in found:
                raise ValueError(f"field {spec.key} is declared twice")
            found[(spec.table, spec.column)] = spec
        _CACHE = (key, found)
    return _CACHE[1]


def specs(model: type) -> list[FieldSpec]:
    """The declared fields of one model, in declaration order."""
    return [s for s in registry().values() if s.model is model or s.table == model.__tablename__]


def spec(model: type, column: str) -> FieldSpec | None:
    return registry().get((model.__tablename__, column))


def columns(model: type, *, sensitivity: Iterable = (), erasure: Iterable = ()) -> tuple[str, ...]:
    """Names of the model's declared columns, optionally only those of some sensitivities or erasure actions."""
    levels = {Sensitivity(s) for s in sensitivity}
    actions = set(erasure)
    return tuple(s.column for s in specs(model)
                 if (not levels or s.sensitivity in levels) and (not actions or s.erasure in actions))


# --------------------------------------------------------------------------------------------------
# who may see what
# --------------------------------------------------------------------------------------------------

def may_see(item) -> bool:
    """Whether the current user may view (and so export or import) a field or a sensitivity level."""
    permission = permission_for(item.sensitivity if isinstance(item, FieldSpec) else item)
    return permission is None or can(permission)


def visible(obj, column: str) -> bool:
    """In a template: whether the current user may see this column of this object (or model)."""
    model = obj if isinstance(obj, type) else type(obj)
    found = spec(model, column)
    return found is None or may_see(found)


def hidden_columns(model: type) -> tuple[str, ...]:
    """The model's declared columns the current user may not see."""
    return tuple(s.column for s in specs(model) if not may_see(s))


def visible_columns(model: type, *, sensitive: bool = True) -> list:
    """Loader options (`load_only`) for the model's columns the current user may see: every column that is
    not a declared field (ids, foreign keys, timestamps) plus the declared fields the user's role allows;
    `sensitive=False` (lists) leaves confidential and special-category fields out for everybody.
    A column left out is not loaded and raises on access, so no page shows it by accident."""
    from sqlalchemy import inspect
    from sqlalchemy.orm import load_only

    hidden = set(hidden_columns(model))
    if not sensitive:
        hidden |= {s.column for s in specs(model) if s.sensitive}
    attrs = [getattr(model, prop.key) for prop in inspect(model).column_attrs if prop.key not in hidden]
    return [load_only(*attrs, raiseload=True)]


# --------------------------------------------------------------------------------------------------
# consent: the consent register is the only record of it (provided by one area's manifest)
# --------------------------------------------------------------------------------------------------

def consent_register():
    """The installed consent register (`Feature.consent_register`), or None."""
    from . import features

    for feature in features.installed():
        if feature.consent_register is not None:
            return feature.consent_register
    return None


def consented(person_ids: Iterable[int], scope: str) -> dict:
    """{person_id: date given} for the persons with a current consent for `scope` (none without a register)."""
    register = consent_register()
    ids = [int(i) for i in person_ids if i is not None]
    return register.current(ids, scope) if register is not None and ids else {}


# Columns of a table about a person that are not declared as fields, and why. Any other column that is
# a foreign key (a reference: what it points at is declared where it lives) is technical too.
TECHNICAL = {
    "id": "the row's number",
    "tenant_id": "the municipality the row belongs to",
    "person_id": "the key person the row is about (the access log's has no foreign key on purpose)",
    "created_at": "bookkeeping: when the row was made",
    "updated_at": "bookkeeping: when the row last changed",
}
