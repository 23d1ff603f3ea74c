"""Permissions of the signals area. Need-to-know comes on top: VIEW_SIGNALS opens the list of the signals a
user is named on (recorder, named officials); SEE_ALL_SIGNALS makes a user a reader of every signal."""
from ...platform.policy import Permission, Role

VIEW_SIGNALS = Permission("view_signals")  # the list/detail of signals you are named on
RECORD_SIGNALS = Permission("record_signals")  # record a signal, change state, edit (need-to-know applies)
SEE_ALL_SIGNALS = Permission("see_all_signals")  # named on every signal of the tenant (coordinators)
VIEW_SIGNAL_COUNTS = Permission("view_signal_counts")  # counts by topic and state, small counts hidden
MANAGE_SIGNAL_SETTINGS = Permission("manage_signal_settings")  # follow-up deadline and retention period

ALL = (VIEW_SIGNALS, RECORD_SIGNALS, SEE_ALL_SIGNALS, VIEW_SIGNAL_COUNTS, MANAGE_SIGNAL_SETTINGS)
# coordinators: every signal; officials: the signals they record or are named on; viewers: counts only;
# ESS: nothing (it has no tenant role)
GRANTS = {Role.COORDINATOR: set(ALL),
          Role.OFFICIAL: {VIEW_SIGNALS, RECORD_SIGNALS, VIEW_SIGNAL_COUNTS},
          Role.VIEWER: {VIEW_SIGNAL_COUNTS}}
