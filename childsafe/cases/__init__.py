"""Cases: one household's episode of work, its people, their relationships, where they live, who may see it."""
