"""HTTP routes of diaspora mapping (``/v1/mapping/...``)."""
