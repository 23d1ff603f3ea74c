"""Feature manifests: how a feature area tells the platform what it adds.

Each package under `sleutelnet/blueprints/` declares one `FEATURE = Feature(...)` in its `manifest.py`;
`blueprints/registry.py` lists them with plain imports. The app factory installs that list once
(`install(...)`), and the platform reads from it: blueprints and models at start-up, the navigation,
role grants (policy), scheduled jobs (cron), demo seeders, personal-data sections (subject access and
erasure), the field registry with its sensitivity levels (`platform.fields`), the consent register,
panels on the key-person page, cards on the
home page, reminder kinds (reminder sweep), national indicators, and the route walker's URL factories.
The platform never imports a feature area; the areas import the platform.

Callables in a manifest are referenced directly (no dotted strings) and are only called after start-up,
so a manifest can point at functions of its own area without import cycles: import lazily inside them.
"""
from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

from .labels import catalogues
from .tenancy import current_tenant_id

# Navigation groups follow the guide's phases, plus administration and the platform/national layer.
NAV_GROUPS = ("overview", "setup", "build", "execution", "admin", "national", "platform")


@dataclass(frozen=True)
class NavItem:
    endpoint: str
    label: Any  # a lazy string
    permission: Any = None  # Permission or None (= every logged-in user)
    group: str = "overview"
    order: int = 100
    scope: str = "tenant"  # "tenant" (under /g/<slug>/) or "platform"

    def __post_init__(self):
        if self.group not in NAV_GROUPS:
            raise ValueError(f"unknown navigation group {self.group!r}")


@dataclass(frozen=True)
class ScheduledJob:
    """A periodic job for RQ's cron scheduler: `interval` seconds or a `cron` string (UTC)."""
    func: Callable
    queue: str
    name: str
    interval: int | None = None
    cron: str | None = None
    timeout: int | None = None


@dataclass(frozen=True)
class Panel:
    """A section a feature contributes to another area's page (the key-person page, the home page).

    `context(obj)` returns the template variables, or None to leave the panel out."""
    template: str
    permission: Any = None
    order: int = 100
    context: Callable[..., dict | None] | None = None


@dataclass(frozen=True)
class Due:
    """One reminder that is due: the dispatch table's unique key is
    (tenant, kind, subject_type, subject_id, reference_date, offset_days)."""
    kind: str
    subject_type: str
    subject_id: int
    reference_date: Any  # date
    offset_days: int
    user_ids: tuple[int, ...] = ()  # users of the tenant to notify (in-app and/or e-mail by preference)
    emails: tuple[str, ...] = ()  # external addresses (e.g. key persons' RSVP invitations), mail only
    url: str = ""  # link to the subject: notifications carry a link, never confidential content
    title: Any = ""  # a short, non-confidential line, e.g. "Meeting on 3 March" (lazy string or str)
    payload: dict = field(default_factory=dict)  # extra, non-confidential data for the mail template


@dataclass(frozen=True)
class ReminderKind:
    """A kind of reminder a feature produces. `find_due(tenant_id, today)` runs inside that tenant's
    context and yields `Due` objects; the dispatch inserts a row per Due before anything is sent."""
    code: str
    label: Any
    find_due: Callable[[int, Any], Iterable[Due]]
    mail_template: str | None = None  # optional mail body (Jinja, gets `due`, `url`); default: generic


@dataclass(frozen=True)
class Indicator:
    """A national benchmark indicator computed per tenant inside its own context (see the ESS area).

    `compute(tenant_id, start, end)` (dates of the quarter, end exclusive) returns a dict
    {"value": float | None, "n_persons": int} for the municipality as a whole (n_persons = key persons
    that contributed, used by disclosure control), or None when the municipality has no data."""
    code: str
    label: Any
    compute: Callable[[int, Any, Any], dict | None]
    opt_in_default: bool = True
    unit: str = ""


_indicator_memo: contextvars.ContextVar[dict | None] = contextvars.ContextVar("indicator_memo", default=None)


@contextlib.contextmanager
def indicator_run():
    """One indicator job (one tenant, one or more quarters): a fact that several indicators or quarters
    need is read once (`once`). Only around computations that do not change what they read (the job
    writes indicator values only); nested blocks share the outer memo."""
    if _indicator_memo.get() is not None:
        yield
        return
    token = _indicator_memo.set({})
    try:
        yield
    finally:
        _indicator_memo.reset(token)


def once(key: tuple[Hashable, ...], compute: Callable[[], Any]) -> Any:
    """`compute()`, or its earlier result for the same key (and tenant) inside the current `indicator_run`;
    outside one it simply computes. The key names everything the result depends on (the date included)."""
    memo = _indicator_memo.get()
    if memo is None:
        return compute()
    key = (current_tenant_id(), *key)
    if key not in memo:
        memo[key] = compute()
    return memo[key]


@dataclass(frozen=True)
class PersonalData:
    """A table of this area holding data about a key person: a section of the subject-access export
    (AVG art. 15) and a step of erasure (art. 17), read by the privacy area.

    Rows are those whose `person_column` is the person's id, or those `where(model, person_id)` selects.
    `erasure`: "anonymise" empties the fields the field registry (`platform.fields`) declares with erasure
    "blank" or "anonymise", except `keep`; "delete" removes the rows;
    "keep" leaves them (evidence, ids only). `order` places the section in the export."""
    key: str
    title: Any  # a lazy string
    model: type
    person_column: str = "person_id"
    where: Callable | None = None
    order_by: tuple = ()
    erasure: str = "anonymise"
    keep: frozenset = frozenset()
    order: int = 100  # (labels and coded values of the columns: the field registry, `platform.fields`)

    def __post_init__(self):
        if self.erasure not in ("anonymise", "delete", "keep"):
            raise ValueError(f"unknown erasure rule {self.erasure!r}")


@dataclass(frozen=True)
class Feature:
    name: str
    blueprints: tuple = ()  # mounted at the root
    tenant_blueprints: tuple = ()  # nested under /g/<tenant_slug>/
    nav: tuple[NavItem, ...] = ()
    # the area's permissions module (`Feature.of(__package__, perms)`): its `ALL` are the
    # Permission objects the area declares, its `GRANTS` (Role -> set of Permission, tenant or platform role)
    # who holds them; read into `permissions` and `grants`
    access: Any = None
    permissions: tuple = field(init=False, default=())
    grants: dict = field(init=False, default_factory=dict)
    jobs: tuple[ScheduledJob, ...] = ()
    queues: tuple[str, ...] = ()
    person_panels: tuple[Panel, ...] = ()  # on the key-person detail page; context(person)
    person_actions: tuple[Panel, ...] = ()  # links in the action bar of the key-person page; context(person)
    # callable(person_id) -> why the key person may no longer be changed (a lazy string), or None; the
    # register then shows the person read-only and refuses its change routes (e.g. after erasure)
    person_locks: tuple[Callable[[int], Any], ...] = ()
    home_cards: tuple[Panel, ...] = ()  # on the tenant home page; context(tenant)
    reminder_kinds: tuple[ReminderKind, ...] = ()
    indicators: tuple[Indicator, ...] = ()
    demo_seeders: tuple[Callable[[], Any], ...] = ()
    arg_factories: dict = field(default_factory=dict)  # URL arg name -> factory(world) (route walker)
    # for nested URLs (the browser walk reads the parent id from the child's row):
    # child arg -> (table, column holding the parent's id, parent arg)
    arg_parents: dict = field(default_factory=dict)
    # facts for engagement health (§3.3): callable(person_ids, today) -> {person_id: {fact: value}}, run
    # in the tenant's context; facts: "last_contact_on" (date), "meetings_missed_in_row" (int),
    # "open_actions" (int), "roles_this_quarter" (set of "chair"/"host"/"buddy"), "last_attended_on" (date)
    engagement_sources: tuple = ()
    # tables of this area about a key person: sections of the subject-access export and erasure steps
    personal_data: tuple[PersonalData, ...] = ()
    # the columns of those tables, each declared once (`platform.fields.FieldSpec`): label, kind, choices,
    # sensitivity, erasure, import/export; a test fails on a column about a person that is not declared
    fields: tuple = ()
    # the consent register (one area provides it): an object with `current(person_ids, scope)` ->
    # {person_id: given_on}, `give(person, scope, given_on, actor_id)`, `withdraw(person, scope, actor_id)`
    consent_register: Any = None
    # tables that hang off a table about a person but hold nothing about that person: table -> why
    # (the inventory test walks references transitively and accepts only these, with their reason)
    not_about_persons: dict = field(default_factory=dict)
    # the area's labelled code lists (its labels.toml, read by `Feature.of`; platform/labels.py);
    # the readable audit log reads three of its tables: `audit_actions` (action code -> sentence),
    # `audit_kinds` (code prefix -> kind of event) and `audit_objects` (object type -> name)
    labels: Mapping = field(default_factory=dict)
    # system texts this area stores as words (in one language): regex of the whole stored value -> lazy
    # msgid, named groups as its parameters; shown in the reader's language (platform/stored_texts.py)
    stored_texts: dict = field(default_factory=dict)
    doc: str = ""

    @classmethod
    def of(cls, package: str, access: Any = None, **fields) -> "Feature":
        """The feature of an area package, `Feature.of(__package__, perms, ...)`: named after its folder, with
        its permissions module (`access`) and the catalogues of its labels.toml when it has one."""
        return cls(name=package.rpartition(".")[2], access=access, labels=catalogues(package, missing_ok=True),
                   **fields)

    def __post_init__(self):
        if self.access is not None:
            object.__setattr__(self, "permissions", tuple(self.access.ALL))
            object.__setattr__(self, "grants", dict(self.access.GRANTS))

    @property
    def audit_actions(self) -> dict:
        return self.labels.get("audit_actions", {})

    @property
    def audit_kinds(self) -> dict:
        return self.labels.get("audit_kinds", {})

    @property
    def audit_objects(self) -> dict:
        return self.labels.get("audit_objects", {})


_installed: tuple[Feature, ...] = ()


def install(features: Iterable[Feature]) -> None:
    """Called once by the app factory with the registry's list."""
    global _installed
    features = tuple(features)
    names = [f.name for f in features]
    if len(names) != len(set(names)):
        raise ValueError(f"duplicate feature names: {names}")
    _installed = features


def installed() -> tuple[Feature, ...]:
    return _installed


def collect(attr: str) -> list:
    """Every item of one manifest attribute over all installed features, in registry order."""
    items: list = []
    for feature in _installed:
        value = getattr(feature, attr)
        items.extend(value.items() if isinstance(value, dict) else value)
    return items
