from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.export_view_services import ExportViewServices


T = TypeVar("T", bound="ExportView")


@_attrs_define
class ExportView:
    """
    Attributes:
        expires_at (datetime.datetime):
        export_id (UUID):
        ready_at (datetime.datetime | None):
        requested_at (datetime.datetime):
        services (ExportViewServices):
        status (str): assembling | ready | expired
    """

    expires_at: datetime.datetime
    export_id: UUID
    ready_at: datetime.datetime | None
    requested_at: datetime.datetime
    services: ExportViewServices
    status: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        expires_at = self.expires_at.isoformat()

        export_id = str(self.export_id)

        ready_at: None | str
        if isinstance(self.ready_at, datetime.datetime):
            ready_at = self.ready_at.isoformat()
        else:
            ready_at = self.ready_at

        requested_at = self.requested_at.isoformat()

        services = self.services.to_dict()

        status = self.status

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "expires_at": expires_at,
                "export_id": export_id,
                "ready_at": ready_at,
                "requested_at": requested_at,
                "services": services,
                "status": status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.export_view_services import ExportViewServices  # noqa: PLC0415

        d = dict(src_dict)
        expires_at = datetime.datetime.fromisoformat(d.pop("expires_at"))

        export_id = UUID(d.pop("export_id"))

        def _parse_ready_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                ready_at_type_0 = datetime.datetime.fromisoformat(data)

                return ready_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        ready_at = _parse_ready_at(d.pop("ready_at"))

        requested_at = datetime.datetime.fromisoformat(d.pop("requested_at"))

        services = ExportViewServices.from_dict(d.pop("services"))

        status = d.pop("status")

        export_view = cls(
            expires_at=expires_at,
            export_id=export_id,
            ready_at=ready_at,
            requested_at=requested_at,
            services=services,
            status=status,
        )

        export_view.additional_properties = d
        return export_view

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
