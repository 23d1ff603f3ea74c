"""The columns of an import or export, and how header names and cell values are recognised.

One list (`FIELDS`) serves both directions. A column of the register takes its label, kind, options,
sensitivity and whether it may be imported or exported from the register's field declarations
(keypersons/fields.py, `platform.fields`); this module adds only how headers and values are recognised
(synonyms) and the import-only parts of a name. the export writes these columns with their (translated)
label as header, and the import proposes a mapping by comparing a file's headers with the Dutch and
English labels and the synonyms below, so an exported file maps onto itself without any adjusting.
Coded values (status, roles, channels, ...) are written as their label and read back from the code,
the Dutch label, the English label or one of the Dutch synonyms people use in their own lists.
"""
from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass, field

from flask import has_request_context
from flask_babel import force_locale, lazy_gettext as _l

from ...platform.fields import FieldSpec, Sensitivity, may_see
from ..keypersons import choices
from ..keypersons.fields import PERSON as REGISTER_FIELDS

# kinds of fields: how a cell is parsed and validated
TEXT, NAME_PART, EMAIL, PHONE, CHOICE, MULTI, BOOL, DATE, NEIGHBOURHOOD, ORGANISATIONS, PERSON = (
    "text", "name_part", "email", "phone", "choice", "multi", "bool", "date", "neighbourhood", "organisations",
    "person")


@dataclass(frozen=True)
class Field:
    key: str
    label: object  # lazy string: export header and mapping option
    kind: str = TEXT
    synonyms: tuple[str, ...] = ()  # further header names, Dutch and English
    options: dict | None = None  # code -> label, for CHOICE and MULTI
    value_synonyms: dict = field(default_factory=dict)  # code -> further words for it
    max_length: int | None = None
    importable: bool = True
    exportable: bool = True
    sensitivity: Sensitivity = Sensitivity.PERSONAL  # who may see, export and import it (platform.fields)

    @property
    def sensitive(self) -> bool:
        """Confidential or special category: exported only on explicit request by whoever may see it."""
        return self.sensitivity in (Sensitivity.CONFIDENTIAL, Sensitivity.SPECIAL_CATEGORY)


_SPECS: dict[str, FieldSpec] = {spec.column: spec for spec in REGISTER_FIELDS}
_KINDS = {"text": "text", "longtext": "text", "email": "email", "phone": "phone", "choice": "choice", "bool": "bool",
          "date": "date"}


def registered(column: str, synonyms: tuple[str, ...] = (), value_synonyms: dict | None = None, *,
               key: str | None = None, kind: str | None = None, max_length: int | None = None) -> Field:
    """A column of the register as the register declares it, plus the header and value synonyms."""
    spec = _SPECS[column]
    return Field(key or column, spec.label, kind or _KINDS[spec.kind], synonyms, spec.choices, value_synonyms or {},
                 max_length, importable=spec.importable, exportable=spec.exportable, sensitivity=spec.sensitivity)


def allowed(f: Field) -> bool:
    """Whether the current user may export or import this column: the one permission of its sensitivity."""
    return not has_request_context() or may_see(f.sensitivity)


STATUS_WORDS = {
    "lead": ("kandidaat", "aangedragen", "potentieel", "potentiele sleutelpersoon", "nieuw"),
    "intake": ("in gesprek", "kennismaking", "kennismakingsgesprek", "intake", "gesprek"),
    "active": ("actief", "lid", "deelnemer", "sleutelpersoon"),
    "paused": ("gepauzeerd", "pauze", "inactief", "slapend", "tijdelijk gestopt"),
    "exited": ("vertrokken", "gestopt", "uitgestroomd", "uitgeschreven", "niet meer actief"),
    "returned": ("teruggekeerd", "terug", "terugkerend"),
}
ROLE_WORDS = {
    "connector": ("verbinder", "bruggenbouwer", "verbindend"),
    "representative": ("vertegenwoordiger", "woordvoerder"),
    "doer": ("doener", "resultaatgerichte doener", "resultaatgericht"),
    "critic": ("luis in de pels", "criticus", "kritische vriend", "constructieve criticus", "luis"),
}
CHANNEL_WORDS = {
    "existing_networks": ("bestaande netwerken", "bestaand netwerk", "netwerk", "via netwerk"),
    "targeted_conversations": ("gerichte gesprekken", "gesprekken met professionals", "professionals",
                               "via professionals", "via organisatie", "organisaties"),
    "outreach": ("outreach", "eigen omgeving", "outreachend", "op straat", "in de wijk"),
    "snowball": ("sneeuwbal", "sneeuwbalmethode", "doorverwezen", "via sleutelpersoon", "aangedragen"),
    "walk_in": ("inloopavond", "inloop", "bijeenkomst", "evenement", "informatieavond"),
    "campaign": ("campagne", "wervingscampagne", "instagram", "social media", "advertentie", "facebook", "oproep"),
}
CONTACT_WORDS = {
    "email": ("e mail", "mail", "email", "per mail"),
    "phone": ("telefoon", "bellen", "tel", "telefonisch", "gsm"),
    "messaging": ("whatsapp", "app", "appen", "sms", "signal", "bericht"),
    "in_person": ("persoonlijk", "in persoon", "face to face", "langsgaan", "bezoek"),
}
AGE_WORDS = {
    "under_25": ("onder 25", "jonger dan 25", "tot 25", "18 25", "jong", "jongere"),
    "25_40": ("25 40", "25 tot 40", "25 39"),
    "40_65": ("40 65", "40 tot 65", "40 64"),
    "65_plus": ("65", "65 plus", "65 of ouder", "ouder dan 65", "oudere", "senior"),
}
HELPING_WORDS = {"with": ("met", "ja", "yes", "wel"), "without": ("zonder", "nee", "no", "geen")}
EDUCATION_WORDS = {"theoretical": ("theoretisch", "theoretisch opgeleid"),
                   "practical": ("praktisch", "praktisch opgeleid")}

FIELDS: tuple[Field, ...] = (
    registered("name", ("naam", "volledige naam", "naam sleutelpersoon", "sleutelpersoon", "persoon",
                        "contactpersoon", "full name", "voor en achternaam"), kind=NAME_PART, max_length=120),
    Field("first_name", _l("First name"), NAME_PART, ("voornaam", "roepnaam", "voornamen", "given name"),
          exportable=False),
    Field("name_infix", _l("Name prefix (tussenvoegsel)"), NAME_PART, ("tussenvoegsel", "tussenvoegsels", "tv",
                                                                       "voorvoegsel", "infix"), exportable=False),
    Field("last_name", _l("Surname"), NAME_PART, ("achternaam", "familienaam", "last name", "surname"),
          exportable=False),
    registered("email", ("e-mail", "email", "e-mailadres", "emailadres", "mail", "mailadres", "e-mail address",
                         "email address"), max_length=254),
    registered("phone", ("telefoon", "telefoonnummer", "tel", "telnr", "mobiel", "mobiel nummer", "06", "gsm",
                         "phone", "telephone"), max_length=40),
    registered("preferred_contact", ("contactvoorkeur", "voorkeur contact", "bij voorkeur via", "contact via",
                                     "bereikbaar via"), CONTACT_WORDS),
    registered("neighbourhood_id", ("wijk", "buurt", "wijk buurt", "stadsdeel", "woonwijk", "wijknaam",
                                    "neighbourhood", "district"), key="neighbourhood", kind=NEIGHBOURHOOD),
    Field("organisations", _l("Organisations"), ORGANISATIONS, ("organisatie", "organisaties", "organisatie s",
                                                                "vereniging", "instelling", "organisation")),
    Field("roles", _l("Roles"), MULTI, ("rol", "rollen", "rol len", "role"), choices.ROLES, ROLE_WORDS),
    registered("status", ("status", "fase", "stand"), STATUS_WORDS),
    registered("status_since", ("status sinds", "sinds", "datum status", "in status sinds", "startdatum", "begindatum",
                                "datum start", "datum eerste contact", "eerste contact", "datum aanmelding",
                                "aanmelddatum", "datum intake", "intakedatum", "datum gestopt", "stopdatum", "datum",
                                "date", "first contact")),
    registered("recruitment_channel", ("kanaal", "wervingskanaal", "geworven via", "werving", "wervingsroute", "bron",
                                       "recruited through", "channel"), CHANNEL_WORDS),
    registered("referred_by_id", ("aangebracht door", "aangedragen door", "voorgedragen door", "doorverwezen door",
                                  "via wie", "referred by"), key="referred_by", kind=PERSON),
    registered("constituency", ("achterban", "gemeenschap", "community", "constituency"), max_length=2000),
    registered("known_to_municipality", ("bekend bij gemeente", "bekend bij de gemeente", "bekend")),
    registered("languages", ("talen", "taal", "gesproken talen", "language"), max_length=200),
    registered("motivation", ("motivatie",), max_length=4000),
    registered("civic_activities", ("maatschappelijke activiteiten", "activiteiten", "eerdere activiteiten",
                                    "vrijwilligerswerk"), max_length=4000),
    registered("availability", ("beschikbaarheid", "beschikbaar"), max_length=200),
    registered("reciprocity", ("tegenprestatie", "vergoeding"), max_length=2000),
    registered("core_group", ("kerngroep", "core group")),
    registered("age_group", ("leeftijdsgroep", "leeftijd", "leeftijdscategorie", "age"), AGE_WORDS),
    registered("helping_profession", ("hulpverlenend beroep", "hulpverlener"), HELPING_WORDS),
    registered("education", ("opleiding", "opleidingsachtergrond"), EDUCATION_WORDS),
    registered("notes", ("notities", "opmerkingen", "aantekeningen", "bijzonderheden", "notes"), max_length=8000),
    # special category (AVG art. 9): never imported; exported only on request and only with consent, which
    # the export reads from the consent register (its only record)
    Field("migration_background_consent", _l("Consent to record migration background"), BOOL, importable=False,
          sensitivity=Sensitivity.SPECIAL_CATEGORY),
    Field("migration_background_consent_on", _l("Consent given on"), DATE, importable=False,
          sensitivity=Sensitivity.SPECIAL_CATEGORY),
    registered("migration_background"),
)
BY_KEY = {f.key: f for f in FIELDS}
IMPORT_FIELDS = tuple(f for f in FIELDS if f.importable)
EXPORT_FIELDS = tuple(f for f in FIELDS if f.exportable)
NAME_PARTS = ("first_name", "name_infix", "last_name")
MULTI_SEPARATORS = re.compile(r"[;,|/\n]+")
ORGANISATION_SEPARATORS = re.compile(r"[;,|\n]+")

# every column the register lets travel must be here: a new importable/exportable column needs synonyms
assert {s.column for s in REGISTER_FIELDS if s.importable or s.exportable} <= {
    "neighbourhood_id" if f.key == "neighbourhood" else "referred_by_id" if f.key == "referred_by" else f.key
    for f in FIELDS}, "a register field marked importable/exportable is missing from transfer.fields"


# --------------------------------------------------------------------------------------------------
# normalising
# --------------------------------------------------------------------------------------------------

def fold(text) -> str:
    """Lower case, accents removed, anything but letters and digits turned into single spaces."""
    text = unicodedata.normalize("NFKD", str(text or "")).encode("ascii", "ignore").decode().casefold()
    return re.sub(r"[^a-z0-9]+", " ", text).strip()


def compact(text) -> str:
    return fold(text).replace(" ", "")


def _in_locales(lazy) -> set[str]:
    found = {str(lazy)}
    for locale in ("nl", "en"):
        with force_locale(locale):
            found.add(str(lazy))
    return found


# --------------------------------------------------------------------------------------------------
# headers
# --------------------------------------------------------------------------------------------------

def header_names(f: Field) -> set[str]:
    return {compact(n) for n in _in_locales(f.label) | set(f.synonyms) | {f.key}} - {""}


def propose_mapping(headers: list[str]) -> dict[int, str]:
    """column index -> field key, by the best fitting header; each field at most once."""
    candidates = []
    names = {f.key: header_names(f) for f in IMPORT_FIELDS}
    for index, header in enumerate(headers):
        h = compact(header)
        if not h:
            continue
        for key, options in names.items():
            score = 0.0
            for option in options:
                if h == option:
                    score = max(score, 1.0)
                elif len(option) >= 5 and (h.startswith(option) or option in h):
                    score = max(score, 0.75)
                else:
                    ratio = difflib.SequenceMatcher(None, h, option).ratio()
                    if ratio >= 0.84:
                        score = max(score, ratio * 0.9)
            if score:
                candidates.append((score, index, key))
    mapping: dict[int, str] = {}
    for score, index, key in sorted(candidates, key=lambda c: (-c[0], c[1])):
        if index not in mapping and key not in mapping.values():
            mapping[index] = key
    # a full name wins over its parts; parts only when there is no full-name column
    if "name" in mapping.values():
        mapping = {i: k for i, k in mapping.items() if k not in NAME_PARTS}
    return dict(sorted(mapping.items()))


# --------------------------------------------------------------------------------------------------
# values
# --------------------------------------------------------------------------------------------------

def value_index(f: Field) -> dict[str, str]:
    """folded word -> code for a coded field: codes, labels in Dutch and English, synonyms."""
    index: dict[str, str] = {}
    for code, words in f.value_synonyms.items():
        for word in words:
            index.setdefault(fold(word), code)
    for code, lazy in (f.options or {}).items():
        for name in _in_locales(lazy) | {code, code.replace("_", " ")}:
            index[fold(name)] = code
    return index


TRUE_WORDS = {"ja", "j", "yes", "y", "true", "waar", "1", "x", "wel"}
FALSE_WORDS = {"nee", "n", "no", "false", "onwaar", "0", "niet"}


def parse_bool(value: str):
    """True/False, None for empty; raises ValueError for anything else."""
    word = fold(value)
    if not word:
        return None
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ValueError(value)


def split_multi(value: str, organisations: bool = False) -> list[str]:
    pattern = ORGANISATION_SEPARATORS if organisations else MULTI_SEPARATORS
    return [part.strip() for part in pattern.split(value or "") if part.strip()]
