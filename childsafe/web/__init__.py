"""The shell every page shares: the Jinja2 environment, the page layout, error pages, health check, headers."""
