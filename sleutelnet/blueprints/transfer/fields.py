"""The columns of an import or export, and how header names and cell values are recognised.

One list (`FIELDS`) serves both directions: the export writes these columns with their (translated)
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

from flask_babel import force_locale, lazy_gettext as _l

from ..keypersons import choices
from ..keypersons.models import KeyPerson

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
    sensitive: str | None = None  # "confidential" or "special": exported only on explicit request


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
    Field("name", _l("Name"), NAME_PART, ("naam", "volledige naam", "naam sleutelpersoon", "sleutelpersoon",
                                          "persoon", "contactpersoon", "full name", "voor en achternaam"),
          max_length=120),
    Field("first_name", _l("First name"), NAME_PART, ("voornaam", "roepnaam", "voornamen", "given name"),
          exportable=False),
    Field("name_infix", _l("Name prefix (tussenvoegsel)"), NAME_PART, ("tussenvoegsel", "tussenvoegsels", "tv",
                                                                       "voorvoegsel", "infix"), exportable=False),
    Field("last_name", _l("Surname"), NAME_PART, ("achternaam", "familienaam", "last name", "surname"),
          exportable=False),
    Field("email", _l("E-mail address"), EMAIL, ("e-mail", "email", "e-mailadres", "emailadres", "mail", "mailadres",
                                         "e-mail address", "email address"), max_length=254),
    Field("phone", _l("Telephone number"), PHONE, ("telefoon", "telefoonnummer", "tel", "telnr", "mobiel",
                                                   "mobiel nummer", "06", "gsm", "phone", "telephone"),
          max_length=40),
    Field("preferred_contact", _l("Preferred way of contact"), CHOICE, ("contactvoorkeur", "voorkeur contact",
                                                                 "bij voorkeur via", "contact via", "bereikbaar via"),
          choices.CONTACT_CHANNELS, CONTACT_WORDS),
    Field("neighbourhood", _l("Neighbourhood"), NEIGHBOURHOOD, ("wijk", "buurt", "wijk buurt", "stadsdeel",
                                                                       "woonwijk", "wijknaam", "neighbourhood",
                                                                       "district")),
    Field("organisations", _l("Organisations"), ORGANISATIONS, ("organisatie", "organisaties", "organisatie s",
                                                                "vereniging", "instelling", "organisation")),
    Field("roles", _l("Roles"), MULTI, ("rol", "rollen", "rol len", "role"), choices.ROLES, ROLE_WORDS),
    Field("status", _l("Status"), CHOICE, ("status", "fase", "stand"), choices.STATUSES, STATUS_WORDS),
    Field("status_since", _l("Status since"), DATE, ("status sinds", "sinds", "datum status", "in status sinds",
                                                     "startdatum", "begindatum", "datum start", "datum eerste contact",
                                                     "eerste contact", "datum aanmelding", "aanmelddatum",
                                                     "datum intake", "intakedatum", "datum gestopt", "stopdatum",
                                                     "datum", "date", "first contact")),
    Field("recruitment_channel", _l("Recruited through"), CHOICE, ("kanaal", "wervingskanaal", "geworven via",
                                                                     "werving", "wervingsroute", "bron",
                                                                     "recruited through", "channel"),
          choices.RECRUITMENT_CHANNELS, CHANNEL_WORDS),
    Field("referred_by", _l("Referred by"), PERSON, ("aangebracht door", "aangedragen door", "voorgedragen door",
                                                     "doorverwezen door", "via wie", "referred by")),
    Field("constituency", _l("Constituency (achterban)"), TEXT, ("achterban", "gemeenschap", "community",
                                                                 "constituency"), max_length=2000),
    Field("known_to_municipality", _l("Known to the municipality"), BOOL, ("bekend bij gemeente",
                                                                           "bekend bij de gemeente", "bekend")),
    Field("languages", _l("Languages"), TEXT, ("talen", "taal", "gesproken talen", "language"), max_length=200),
    Field("motivation", _l("Motivation"), TEXT, ("motivatie",), max_length=4000),
    Field("civic_activities", _l("Earlier civic activities"), TEXT, ("maatschappelijke activiteiten",
                                                                     "activiteiten", "eerdere activiteiten",
                                                                     "vrijwilligerswerk"), max_length=4000),
    Field("availability", _l("Availability"), TEXT, ("beschikbaarheid", "beschikbaar"), max_length=200),
    Field("reciprocity", _l("Reciprocity agreed (tegenprestatie)"), TEXT, ("tegenprestatie", "vergoeding"),
          max_length=2000),
    Field("core_group", _l("Member of the core group (kerngroep)"), BOOL, ("kerngroep", "core group")),
    Field("age_group", _l("Age group"), CHOICE, ("leeftijdsgroep", "leeftijd", "leeftijdscategorie", "age"),
          choices.AGE_GROUPS, AGE_WORDS),
    Field("helping_profession", _l("Helping profession"), CHOICE, ("hulpverlenend beroep", "hulpverlener"),
          choices.HELPING_PROFESSION, HELPING_WORDS),
    Field("education", _l("Education"), CHOICE, ("opleiding", "opleidingsachtergrond"), choices.EDUCATION,
          EDUCATION_WORDS),
    Field("notes", _l("Notes"), TEXT, ("notities", "opmerkingen", "aantekeningen", "bijzonderheden", "notes"),
          max_length=8000, sensitive="confidential"),
    # special category (AVG art. 9): never imported; exported only on request and only with consent
    Field("migration_background_consent", _l("Consent to record migration background"), BOOL, importable=False,
          sensitive="special"),
    Field("migration_background_consent_on", _l("Consent given on"), DATE, importable=False, sensitive="special"),
    Field("migration_background", _l("Migration background"), CHOICE, options=choices.MIGRATION_BACKGROUND,
          importable=False, sensitive="special"),
)
BY_KEY = {f.key: f for f in FIELDS}
IMPORT_FIELDS = tuple(f for f in FIELDS if f.importable)
EXPORT_FIELDS = tuple(f for f in FIELDS if f.exportable)
NAME_PARTS = ("first_name", "name_infix", "last_name")
MULTI_SEPARATORS = re.compile(r"[;,|/\n]+")
ORGANISATION_SEPARATORS = re.compile(r"[;,|\n]+")

# the register's sensitivity classes must be covered here: a new sensitive column needs a decision
_SENSITIVE = {f.key for f in FIELDS if f.sensitive}
assert set(KeyPerson.CONFIDENTIAL_FIELDS) <= _SENSITIVE, "confidential register field without export rule"
assert set(KeyPerson.SPECIAL_CATEGORY_FIELDS) <= _SENSITIVE, "special-category register field without export rule"


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
