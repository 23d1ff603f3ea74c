"""Sleutelnet: key-person networks for Dutch municipalities, with a national ESS layer."""
