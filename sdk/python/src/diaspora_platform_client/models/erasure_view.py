from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.erasure_view_services import ErasureViewServices


T = TypeVar("T", bound="ErasureView")


@_attrs_define
class ErasureView:
    """
    Attributes:
        completed_at (datetime.datetime | None):
        erasure_id (UUID):
        requested_at (datetime.datetime):
        requests (int): how many times the participants were asked
        services (ErasureViewServices):
        status (str): pending | completed
    """

    completed_at: datetime.datetime | None
    erasure_id: UUID
    requested_at: datetime.datetime
    requests: int
    services: ErasureViewServices
    status: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        completed_at: None | str
        if isinstance(self.completed_at, datetime.datetime):
            completed_at = self.completed_at.isoformat()
        else:
            completed_at = self.completed_at

        erasure_id = str(self.erasure_id)

        requested_at = self.requested_at.isoformat()

        requests = self.requests

        services = self.services.to_dict()

        status = self.status

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "completed_at": completed_at,
                "erasure_id": erasure_id,
                "requested_at": requested_at,
                "requests": requests,
                "services": services,
                "status": status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.erasure_view_services import ErasureViewServices  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_completed_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                completed_at_type_0 = datetime.datetime.fromisoformat(data)

                return completed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        completed_at = _parse_completed_at(d.pop("completed_at"))

        erasure_id = UUID(d.pop("erasure_id"))

        requested_at = datetime.datetime.fromisoformat(d.pop("requested_at"))

        requests = d.pop("requests")

        services = ErasureViewServices.from_dict(d.pop("services"))

        status = d.pop("status")

        erasure_view = cls(
            completed_at=completed_at,
            erasure_id=erasure_id,
            requested_at=requested_at,
            requests=requests,
            services=services,
            status=status,
        )

        erasure_view.additional_properties = d
        return erasure_view

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
