"""Mapping adapters: own tables (``mapping_*``), XLSForm/Kobo readers, charts, exports."""
