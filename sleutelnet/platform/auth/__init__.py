"""Accounts: users, passwords, server-side sessions, TOTP, one-time tokens."""
