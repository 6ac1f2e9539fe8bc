"""Domain of diaspora mapping: surveys, campaigns, populations and disclosure control."""
