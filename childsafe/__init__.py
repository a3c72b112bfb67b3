"""childsafe: case work for keeping children safe where there is domestic abuse."""
