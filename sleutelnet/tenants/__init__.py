"""Tenants (municipalities), memberships and resolving the tenant from the URL."""
