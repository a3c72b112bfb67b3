"""Small helpers that know nothing of the domain: settings from the environment, GOV.UK form rendering."""
