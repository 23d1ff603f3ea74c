"""The list of feature areas. Adding an area = one new folder with a `manifest.py` + one line here.

Each area's manifest (`<area>/manifest.py`, `FEATURE = Feature(...)`, see `platform/features.py`) says what it
adds: blueprints, navigation, permissions and grants, jobs, panels, reminder kinds, indicators, demo data.
Platform-level blueprints mount at the root; tenant blueprints are nested under the tenant parent blueprint
(`/g/<tenant_slug>/…`, endpoint names `tenant.<area>.<view>`), so they inherit tenant resolution, the
membership check and the tenant context without any code of their own. Order matters only for navigation
ties and demo seeding (an area's seeder runs after those of the areas above it).
"""
from __future__ import annotations

from .account.manifest import FEATURE as account
from .admin.manifest import FEATURE as admin
from .advice.manifest import FEATURE as advice
from .audit.manifest import FEATURE as audit
from .auth.manifest import FEATURE as auth
from .care.manifest import FEATURE as care
from .composition.manifest import FEATURE as composition
from .contacts.manifest import FEATURE as contacts
from .devmail.manifest import FEATURE as devmail
from .disruptors.manifest import FEATURE as disruptors
from .evaluation.manifest import FEATURE as evaluation
from .exchange.manifest import FEATURE as exchange
from .health.manifest import FEATURE as health
from .home.manifest import FEATURE as home
from .keypersons.manifest import FEATURE as keypersons
from .meetings.manifest import FEATURE as meetings
from .national.manifest import FEATURE as national
from .network.manifest import FEATURE as network
from .privacy.manifest import FEATURE as privacy
from .reminders.manifest import FEATURE as reminders
from .reports.manifest import FEATURE as reports
from .signals.manifest import FEATURE as signals
from .team.manifest import FEATURE as team
from .transfer.manifest import FEATURE as transfer

FEATURES = [  # one area per line (fewer merge conflicts when areas are added in parallel)
    home,
    auth,
    account,
    admin,
    devmail,
    team,
    audit,
    network,
    keypersons,
    transfer,
    composition,
    privacy,
    disruptors,
    meetings,
    contacts,
    signals,
    reminders,
    care,
    health,
    evaluation,
    reports,
    national,
    advice,
    exchange,
]
