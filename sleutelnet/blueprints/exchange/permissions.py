"""Permissions of the exchange (ALL, and GRANTS per role: the manifest's `access`)."""
from ...platform.policy import Permission, Role

VIEW_EXCHANGE = Permission("view_exchange")            # read posts visible to one's municipality
POST_TO_EXCHANGE = Permission("post_to_exchange")      # write posts and replies, follow, report
MODERATE_EXCHANGE = Permission("moderate_exchange")    # ESS: queue, approve/reject, reveal, sanctions, export

ALL = (VIEW_EXCHANGE, POST_TO_EXCHANGE, MODERATE_EXCHANGE)
GRANTS = {Role.COORDINATOR: {VIEW_EXCHANGE, POST_TO_EXCHANGE}, Role.OFFICIAL: {VIEW_EXCHANGE, POST_TO_EXCHANGE},
          Role.VIEWER: {VIEW_EXCHANGE}, Role.ESS_ADVISOR: {MODERATE_EXCHANGE}}
