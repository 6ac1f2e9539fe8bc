from enum import StrEnum


class ImportSubmissionsFormat(StrEnum):
    KOBO_CSV = "kobo_csv"
    KOBO_JSON = "kobo_json"

    def __str__(self) -> str:
        return str(self.value)
