from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.endpoint_status import EndpointStatus

T = TypeVar("T", bound="EndpointWithSecret")


@_attrs_define
class EndpointWithSecret:
    """
    Attributes:
        created_at (datetime.datetime):
        description (str):
        event_types (list[str]):
        id (UUID):
        secret (str): whsec_...: shown only now; store it safely
        secret_rotation_overlap_until (datetime.datetime | None):
        status (EndpointStatus):
        url (str):
        version (int): changes with every change; the ETag names it
    """

    created_at: datetime.datetime
    description: str
    event_types: list[str]
    id: UUID
    secret: str
    secret_rotation_overlap_until: datetime.datetime | None
    status: EndpointStatus
    url: str
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        created_at = self.created_at.isoformat()

        description = self.description

        event_types = self.event_types

        id = str(self.id)

        secret = self.secret

        secret_rotation_overlap_until: None | str
        if isinstance(self.secret_rotation_overlap_until, datetime.datetime):
            secret_rotation_overlap_until = (
                self.secret_rotation_overlap_until.isoformat()
            )
        else:
            secret_rotation_overlap_until = self.secret_rotation_overlap_until

        status = self.status.value

        url = self.url

        version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "created_at": created_at,
                "description": description,
                "event_types": event_types,
                "id": id,
                "secret": secret,
                "secret_rotation_overlap_until": secret_rotation_overlap_until,
                "status": status,
                "url": url,
                "version": version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        description = d.pop("description")

        event_types = cast(list[str], d.pop("event_types"))

        id = UUID(d.pop("id"))

        secret = d.pop("secret")

        def _parse_secret_rotation_overlap_until(
            data: object,
        ) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                secret_rotation_overlap_until_type_0 = datetime.datetime.fromisoformat(
                    data
                )

                return secret_rotation_overlap_until_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        secret_rotation_overlap_until = _parse_secret_rotation_overlap_until(
            d.pop("secret_rotation_overlap_until")
        )

        status = EndpointStatus(d.pop("status"))

        url = d.pop("url")

        version = d.pop("version")

        endpoint_with_secret = cls(
            created_at=created_at,
            description=description,
            event_types=event_types,
            id=id,
            secret=secret,
            secret_rotation_overlap_until=secret_rotation_overlap_until,
            status=status,
            url=url,
            version=version,
        )

        endpoint_with_secret.additional_properties = d
        return endpoint_with_secret

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
