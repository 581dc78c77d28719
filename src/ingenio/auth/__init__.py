"""Users, tenants, passwords and bearer tokens."""
