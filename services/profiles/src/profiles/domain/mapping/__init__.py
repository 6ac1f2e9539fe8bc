"""Diaspora mapping: questionnaires, campaigns, responses, sector needs and the disclosure
control that lets officials read only privacy-protected aggregates."""
