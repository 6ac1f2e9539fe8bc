"""HTTP chassis shared by every service's API."""
