"""Advice-request inbox: a municipality asks the ESS a question; ESS advisors answer it within an SLA."""
