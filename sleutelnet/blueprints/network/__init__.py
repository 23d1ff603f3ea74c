"""Key-person networks (phase 1: preparation)."""
