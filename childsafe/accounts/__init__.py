"""Who logs in: organisations, teams, user accounts with roles, signing in and out, session lifetime."""
