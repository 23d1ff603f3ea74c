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
from .audit.manifest import FEATURE as audit
from .auth.manifest import FEATURE as auth
from .composition.manifest import FEATURE as composition
from .devmail.manifest import FEATURE as devmail
from .disruptors.manifest import FEATURE as disruptors
from .home.manifest import FEATURE as home
from .keypersons.manifest import FEATURE as keypersons
from .national.manifest import FEATURE as national
from .network.manifest import FEATURE as network
from .privacy.manifest import FEATURE as privacy
from .team.manifest import FEATURE as team
from .transfer.manifest import FEATURE as transfer

FEATURES = [
    home, auth, account, admin, devmail,
    team, audit, network, keypersons, transfer, composition, privacy, disruptors,
    national,
]
