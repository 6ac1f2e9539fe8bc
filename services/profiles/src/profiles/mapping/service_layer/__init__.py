"""Use cases of diaspora mapping (campaigns, responses, imports, analytics)."""
