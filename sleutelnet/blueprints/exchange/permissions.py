"""Permissions of the exchange (granted in manifest.py)."""
from ...platform.policy import Permission

VIEW_EXCHANGE = Permission("view_exchange")            # read posts visible to one's municipality
POST_TO_EXCHANGE = Permission("post_to_exchange")      # write posts and replies, follow, report
MODERATE_EXCHANGE = Permission("moderate_exchange")    # ESS: queue, approve/reject, reveal, sanctions, export
