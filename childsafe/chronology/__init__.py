"""The chronology: the pattern of abusive behaviours over time, who chose each one, and its impact on each child."""
