"""Platform layer: app factory, configuration, database and tenancy guard, auth, i18n, security."""
