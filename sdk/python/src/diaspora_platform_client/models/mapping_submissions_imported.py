from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="MappingSubmissionsImported")


@_attrs_define
class MappingSubmissionsImported:
    """A KoboToolbox/ODK export was imported (tallies only; no rows, no answers).

    Attributes:
        accepted (int):
        already_imported (int):
        campaign_id (UUID):
        imported_at (datetime.datetime):
        rejected (int):
        source (str): kobo_json | kobo_csv
    """

    accepted: int
    already_imported: int
    campaign_id: UUID
    imported_at: datetime.datetime
    rejected: int
    source: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        accepted = self.accepted

        already_imported = self.already_imported

        campaign_id = str(self.campaign_id)

        imported_at = self.imported_at.isoformat()

        rejected = self.rejected

        source = self.source

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "accepted": accepted,
                "already_imported": already_imported,
                "campaign_id": campaign_id,
                "imported_at": imported_at,
                "rejected": rejected,
                "source": source,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        accepted = d.pop("accepted")

        already_imported = d.pop("already_imported")

        campaign_id = UUID(d.pop("campaign_id"))

        imported_at = datetime.datetime.fromisoformat(d.pop("imported_at"))

        rejected = d.pop("rejected")

        source = d.pop("source")

        mapping_submissions_imported = cls(
            accepted=accepted,
            already_imported=already_imported,
            campaign_id=campaign_id,
            imported_at=imported_at,
            rejected=rejected,
            source=source,
        )

        mapping_submissions_imported.additional_properties = d
        return mapping_submissions_imported

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
