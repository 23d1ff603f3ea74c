"""devmail feature area."""
