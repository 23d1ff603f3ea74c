"""Permissions of the composition area. Composition and recruitment (§2.1–2.2). GRANTS: who holds them per role."""
from ...platform.policy import Permission, Role

VIEW_COMPOSITION = Permission("view_composition")  # aggregate charts
MANAGE_COMPOSITION_TARGETS = Permission("manage_composition_targets")  # set the targets
VIEW_RECRUITMENT = Permission("view_recruitment")  # the recruitment funnel (aggregates)
VIEW_REFERRALS = Permission("view_referrals")  # the referral graph, which shows names

ALL = (VIEW_COMPOSITION, MANAGE_COMPOSITION_TARGETS, VIEW_RECRUITMENT, VIEW_REFERRALS,)
GRANTS = {
    Role.COORDINATOR: {VIEW_COMPOSITION, MANAGE_COMPOSITION_TARGETS, VIEW_RECRUITMENT, VIEW_REFERRALS},
    Role.OFFICIAL: {VIEW_COMPOSITION, VIEW_RECRUITMENT, VIEW_REFERRALS},
    Role.VIEWER: {VIEW_COMPOSITION, VIEW_RECRUITMENT},
}
