"""Demo key persons for the demo municipalities (`flask demo seed`). Idempotent and deterministic.

Every municipality gets its real districts (wijken) and some neighbourhoods (buurten), a set of
fictional organisations, and 50–120 fictional key persons spread over the pipeline, with intakes,
referral chains (snowball method), exits with reasons from §3.3 and successors added as candidates.
All names, e-mail addresses, phone numbers, organisations and addresses are invented.
"""
from __future__ import annotations

import random
import unicodedata
from datetime import date, datetime, time, timedelta, timezone

from ...platform.auth.models import User
from ...platform.demo import demo_tenants
from ...platform.extensions import db
from ...tenants.models import Tenant
from . import pipeline, reference, services
from .models import KeyPerson

# slug -> {district: [neighbourhoods]} (real wijken and buurten of the municipality)
PLACES = {
    "utrecht": {
        "Binnenstad": ["Wijk C", "Nieuwegracht-Oost"],
        "West": ["Lombok", "Oog in Al", "Welgelegen"],
        "Noordwest": ["Zuilen", "Ondiep", "Pijlsweerd"],
        "Overvecht": ["Overvecht-Noord", "Overvecht-Zuid", "Tigris-Vechtzoom"],
        "Noordoost": ["Tuindorp", "Wittevrouwen", "Voordorp"],
        "Oost": ["Rijnsweerd", "Oudwijk", "Abstede"],
        "Zuid": ["Lunetten", "Hoograven", "Tolsteeg"],
        "Zuidwest": ["Kanaleneiland", "Transwijk", "Dichterswijk"],
        "Leidsche Rijn": ["Terwijde", "Parkwijk", "Langerak"],
        "Vleuten-De Meern": ["Vleuten", "De Meern"],
    },
    "zwolle": {
        "Binnenstad": [],
        "Diezerpoort": [],
        "Holtenbroek": [],
        "Aa-landen": [],
        "Westenholte": [],
        "Stadshagen": ["Werkeren", "Frankhuis"],
        "Assendorp": [],
        "Kamperpoort": [],
        "Zwolle-Zuid": [],
        "Berkum": [],
        "Ittersum": [],
    },
    "amersfoort": {
        "Binnenstad": [],
        "Soesterkwartier": [],
        "Kruiskamp": [],
        "Liendert": ["Rustenburg"],
        "Schothorst": [],
        "Kattenbroek": [],
        "Nieuwland": [],
        "Vathorst": ["Hooglanderveen"],
        "Hoogland": [],
        "Randenbroek": ["Schuilenburg"],
    },
}
# how many people to create (successors added as candidates come on top)
SIZES = {"utrecht": 110, "zwolle": 70, "amersfoort": 50}
CITY = {"utrecht": "Utrecht", "zwolle": "Zwolle", "amersfoort": "Amersfoort"}

ORGANISATIONS = [  # (name, kind); {w} = a district, {c} = the city
    ("Moskee Al-Fath {w}", "mosque"), ("Turks-Islamitisch Centrum {w}", "mosque"),
    ("Protestantse Wijkgemeente {w}", "church"), ("Parochie Heilige Maria", "church"),
    ("Pinkstergemeente Levend Water", "church"), ("Eritrees-Orthodoxe Gemeenschap {c}", "church"),
    ("Liberaal Joodse Gemeenschap {c}", "synagogue"),
    ("Voetbalvereniging {w} Vooruit", "sports_club"), ("Kickboksschool Sterk {c}", "sports_club"),
    ("Basketbalclub De Kooi", "sports_club"),
    ("OBS De Regenboog", "school"), ("Praktijkschool Het Baken", "school"), ("Mboschool Vakcollege {c}", "school"),
    ("Stichting Buurtvaders {w}", "foundation"), ("Stichting Vrouwen in Beweging", "foundation"),
    ("Jongerenplatform {c}", "foundation"), ("Vereniging Syrische Nederlanders Yasmin", "foundation"),
    ("Stichting Samen Sterk {w}", "foundation"), ("Huurdersvereniging {w}", "foundation"),
    ("Ondernemersvereniging Winkelcentrum {w}", "business"), ("Bakkerij en Lunchroom De Korenaar", "business"),
    ("Politie, wijkagenten {w}", "police"),
    ("Buurthuis De Ontmoeting", "other"), ("Bibliotheek {w}", "other"),
]
STREETS = ["Kerkstraat", "Marktplein", "Schoolstraat", "Dorpsstraat", "Molenweg", "Parklaan", "Lindenlaan",
           "Stationsweg", "Beatrixstraat", "Julianaplein", "Brugstraat", "Havenkade"]

FIRST_NAMES = [
    "Fatima", "Mohamed", "Ayşe", "Mehmet", "Sanne", "Jeroen", "Noura", "Youssef", "Priya", "Dewi", "Kofi",
    "Samira", "Hatice", "Bram", "Eline", "Tesfay", "Rahwa", "Ahmad", "Lina", "Marieke", "Kees", "Joost",
    "Nadia", "Bilal", "Zeynep", "Emre", "Gloria", "Winston", "Shanti", "Rajesh", "Agnieszka", "Tomasz",
    "Hanneke", "Pieter", "Ilse", "Ruud", "Khadija", "Omar", "Yasmina", "Hamza", "Selin", "Burak",
    "Esther", "Daan", "Lotte", "Mustafa", "Amina", "Abdi", "Hodan", "Anouk", "Wim", "Ingrid", "Said",
    "Latifa", "Jamal", "Ruth", "Melvin", "Sharon", "Yusuf", "Merve",
]
SURNAMES = [
    "El Amrani", "Yılmaz", "de Vries", "Bakker", "Bouzid", "Kaya", "Janssen", "Ramdin", "Mohamud",
    "Tesfamariam", "van Dijk", "Benali", "Öztürk", "Visser", "Haddou", "Çelik", "Mulder", "Ramsaran",
    "Kowalski", "de Boer", "Ait Taleb", "Demir", "Smits", "Nunes", "Hassan", "Meijer", "Ouali",
    "Doğan", "van den Berg", "Pinas", "Abdullahi", "Verhoeven", "El Idrissi", "Aydın", "Kramer",
    "Sital", "Nowak", "Postma", "Chahid", "Şahin", "Dekker", "Brouwer", "Tahiri", "Koç", "Vermeulen",
]
CONSTITUENCIES = [
    "Marokkaans-Nederlandse jongeren in {w}", "Ouders van leerlingen op de basisschool", "De Turkse gemeenschap rond de moskee",
    "Sportende jongeren van 12 tot 20 jaar", "Eritrese nieuwkomers", "Ondernemers in het winkelcentrum",
    "Bewoners van {w}", "De christelijke gemeenschap in {w}", "Syrische statushouders", "Senioren in {w}",
    "Surinaamse en Antilliaanse families", "Moeders in {w}", "Poolse arbeidsmigranten", "Studenten en jonge werkenden",
    "Somalische gemeenschap", "Jongeren die online actief zijn",
]
MOTIVATIONS = [
    "Wil bijdragen aan een veilige wijk voor haar kinderen.", "Ziet de spanningen onder jongeren toenemen en wil helpen.",
    "Vindt dat de gemeente de gemeenschap beter moet leren kennen.", "Wil een brug slaan tussen moskee en gemeente.",
    "Is zelf als nieuwkomer geholpen en wil iets terugdoen.", "Wil kritisch meedenken over het beleid.",
    "Kent veel mensen en wil signalen eerder doorgeven.", "Wil dat jongeren een stem krijgen.",
]
ACTIVITIES = [
    "Vrijwilliger bij het buurthuis sinds 2018.", "Bestuurslid van de moskeevereniging.", "Trainer bij de voetbalclub.",
    "Organiseert iftar-maaltijden voor de buurt.", "Lid van de ouderraad.", "Taalmaatje voor nieuwkomers.",
    "Actief in het wijkplatform.", "Coördineert de voedselinzameling van de kerk.",
]
AVAILABILITY = ["Avonden en weekend", "Doordeweeks overdag", "Ongeveer vier uur per maand", "Flexibel, vooral 's avonds",
                "Eén avond per week"]
LANGUAGES = ["Nederlands", "Nederlands, Arabisch", "Nederlands, Tamazight", "Nederlands, Turks", "Nederlands, Engels",
             "Nederlands, Tigrinya", "Nederlands, Sranantongo", "Nederlands, Pools", "Nederlands, Somalisch",
             "Nederlands, Papiaments", "Nederlands, Arabisch, Frans"]
RECIPROCITY = ["Vrijwilligersvergoeding", "Training over signaleren en de-escaleren", "Toegang tot het netwerk van de gemeente",
               "Budget voor een buurtactiviteit", "Hulp bij praktische vragen"]
EXIT_NOTES = [
    "Druk met werk en gezin; wil later misschien terugkomen.", "Verhuisd naar een andere gemeente.",
    "Vond dat er te weinig met de signalen werd gedaan.", "Voelde druk vanuit de eigen achterban.",
    "Netwerk past niet meer bij haar rol in de vereniging.",
]

STATUS_WEIGHTS = {"lead": 14, "intake": 12, "active": 48, "paused": 9, "exited": 13, "returned": 4}
CHANNEL_WEIGHTS = {"existing_networks": 22, "targeted_conversations": 22, "outreach": 15, "snowball": 22,
                   "walk_in": 10, "campaign": 9}
ROLE_WEIGHTS = {"connector": 35, "representative": 30, "doer": 25, "critic": 10}
EXIT_WEIGHTS = {"no_time": 30, "personal": 25, "disagreement": 12, "disappointment": 12, "constituency": 8,
                "municipality": 6, "other": 7}


def _pick(rng: random.Random, weights: dict):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _ascii(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text.replace("ı", "i")).encode("ascii", "ignore").decode()
    return "".join(ch for ch in plain.lower() if ch.isalnum())


def _names(rng: random.Random, n: int) -> list[str]:
    pool = [f"{f} {s}" for f in FIRST_NAMES for s in SURNAMES]
    rng.shuffle(pool)
    return pool[:n]


def _coordinator_id(slug: str) -> int | None:
    return db.session.scalar(db.select(User.id).filter_by(email=f"coordinator@{slug}.example"))


def _official_id(slug: str) -> int | None:
    return db.session.scalar(db.select(User.id).filter_by(email=f"official@{slug}.example"))


def _reference_lists(slug: str, rng: random.Random) -> tuple[list[int], list[int]]:
    existing = {n.name: n.id for n in reference.neighbourhoods()}

    def place(name, parent_id=None):
        if name not in existing:
            existing[name] = reference.save_neighbourhood(None, name=name, parent_id=parent_id).id
        return existing[name]

    places = []
    for district, parts in PLACES[slug].items():
        places.append(place(district))
        places.extend(place(part, existing[district]) for part in parts)
    district_names = list(PLACES[slug])
    known = {o.name: o.id for o in reference.organisations()}
    organisations = []
    for template, kind in ORGANISATIONS:
        name = template.format(w=rng.choice(district_names), c=CITY[slug])
        address = f"{rng.choice(STREETS)} {rng.randint(1, 180)}, {CITY[slug]}"
        if name not in known:
            known[name] = reference.save_organisation(None, name=name, kind=kind, address=address).id
        if known[name] not in organisations:
            organisations.append(known[name])
    return places, organisations


def _schedule(rng: random.Random, final: str) -> list[tuple[str, int]]:
    """The moves to reach `final`, as (status, days after the previous move)."""
    steps = {"lead": [], "intake": ["intake"], "active": ["intake", "active"],
             "paused": ["intake", "active", "paused"], "exited": ["intake", "active", "exited"],
             "returned": ["intake", "active", "exited", "returned"]}[final]
    if final == "exited" and rng.random() < 0.2:
        steps = ["intake", "exited"]  # a candidate who decided not to join
    if final == "active" and rng.random() < 0.12:
        steps = ["intake", "active", "paused", "active"]
    gaps = {"intake": (5, 30), "active": (10, 60), "paused": (60, 300), "exited": (60, 400), "returned": (90, 300)}
    return [(s, rng.randint(*gaps[s])) for s in steps]


def _stamp(person_id: int, day: date) -> None:
    person = db.session.get(KeyPerson, person_id)
    person.updated_at = datetime.combine(day, time(12, 0), tzinfo=timezone.utc)
    db.session.flush()


def seed_tenant(tenant: Tenant, slug: str) -> int:
    """Seed one demo municipality (inside its tenant context); returns the number of persons created."""
    rng = random.Random(f"sleutelnet-keypersons-{slug}")
    network_ids = [n.id for n in services.networks()] or [services.ensure_default_network(tenant).id]
    places, organisations = _reference_lists(slug, rng)
    coordinator, official = _coordinator_id(slug), _official_id(slug)
    team = [u for u in (coordinator, official) if u]
    district_names = list(PLACES[slug])
    today = date.today()
    created, referrers = 0, []
    for name in _names(rng, SIZES[slug]):
        final = _pick(rng, STATUS_WEIGHTS)
        moves = _schedule(rng, final)
        start = today - timedelta(days=sum(g for _, g in moves) + rng.randint(3, 120))
        channel = _pick(rng, CHANNEL_WEIGHTS)
        referred_by = rng.choice(referrers) if channel == "snowball" and referrers else None
        if channel == "snowball" and referred_by is None:
            channel = "targeted_conversations"
        roles = {_pick(rng, ROLE_WEIGHTS) for _ in range(rng.choice((1, 1, 2, 2, 3)))}
        first, last = name.split(" ", 1)
        w = rng.choice(district_names)
        consent = rng.random() < 0.35
        data = {
            "network_id": network_ids[0] if len(network_ids) == 1 or rng.random() < 0.85 else rng.choice(network_ids[1:]),
            "name": name,
            "email": f"{_ascii(first)}.{_ascii(last)}@example.org" if rng.random() < 0.85 else "",
            "phone": f"06 {rng.randint(10000000, 99999999)}" if rng.random() < 0.8 else "",
            "preferred_contact": rng.choice(["email", "phone", "messaging", "messaging", "in_person"]),
            "neighbourhood_id": rng.choice(places) if rng.random() < 0.9 else None,
            "constituency": rng.choice(CONSTITUENCIES).format(w=w),
            "known_to_municipality": rng.choice([True, False, None]),
            "languages": rng.choice(LANGUAGES),
            "motivation": rng.choice(MOTIVATIONS) if final != "lead" else "",
            "civic_activities": rng.choice(ACTIVITIES) if rng.random() < 0.7 else "",
            "availability": rng.choice(AVAILABILITY) if final != "lead" else "",
            "reciprocity": rng.choice(RECIPROCITY) if final in ("active", "paused", "returned") else "",
            "age_group": rng.choice(["under_25", "25_40", "25_40", "40_65", "40_65", "65_plus", None]),
            "helping_profession": rng.choice(["with", "without", "without", None]),
            "education": rng.choice(["theoretical", "practical", None]),
            "recruitment_channel": channel,
            "referred_by_id": referred_by,
            "core_group": final == "active" and rng.random() < 0.25,
        }
        special = {"consent": consent, "consent_on": start if consent else None,
                   "value": rng.choice(["with", "with", "without"]) if consent else None}
        person = services.create_person(data, roles=sorted(roles),
                                        organisation_ids=rng.sample(organisations, k=rng.choice((0, 1, 1, 2))),
                                        status="lead", status_on=start, special=special, actor_id=coordinator)
        created += 1
        day = start
        for status, gap in moves:
            day = min(today, day + timedelta(days=gap))
            person = db.session.get(KeyPerson, person.id)
            if status == "intake":
                pipeline.record_intake(person, held_on=day, held_by_id=rng.choice(team) if team else None,
                                       motivation_assessment=rng.choice(["strong", "strong", "sufficient", "doubt"]),
                                       expectations_discussed=rng.random() < 0.8, actor_id=coordinator)
            elif status == "exited":
                reason = _pick(rng, EXIT_WEIGHTS)
                successors = [(n, rng.choice(["via de moskee", "kent de jongeren goed", "actief in de buurt", ""]))
                              for n in _names(rng, rng.choice((0, 0, 1, 2)))]
                pipeline.record_exit(person, exited_on=day, reason=reason,
                                     reason_other="Neemt een functie in de gemeenteraad aan" if reason == "other" else "",
                                     interview_held=rng.random() < 0.7, interview_on=day,
                                     interview_notes=rng.choice(EXIT_NOTES), successors=successors,
                                     create_leads=bool(successors) and rng.random() < 0.5, actor_id=coordinator)
            else:
                pipeline.transition(person, status, on=day, actor_id=official or coordinator,
                                    reason="" if status != "paused" else "Tijdelijk minder tijd")
            if status == "active" and rng.random() < 0.8:
                services.update_person(db.session.get(KeyPerson, person.id),
                                       {"agreements_confirmed": True, "agreements_confirmed_on": day},
                                       actor_id=coordinator)
        if final in ("active", "paused", "returned"):
            referrers.append(person.id)
        _stamp(person.id, day)
    return created


def seed_demo_keypersons() -> None:
    for tenant, slug in demo_tenants(seeded=KeyPerson, slugs=PLACES):
        with services.batch():  # one transaction per municipality
            seed_tenant(tenant, slug)
