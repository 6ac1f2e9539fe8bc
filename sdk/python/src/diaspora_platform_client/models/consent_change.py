from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.consent_entry import ConsentEntry
    from ..models.consent_state import ConsentState


T = TypeVar("T", bound="ConsentChange")


@_attrs_define
class ConsentChange:
    """
    Attributes:
        changed (bool):
        consent (ConsentState):
        entry (ConsentEntry | None):
    """

    changed: bool
    consent: ConsentState
    entry: ConsentEntry | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.consent_entry import ConsentEntry  # noqa: PLC0415

        changed = self.changed

        consent = self.consent.to_dict()

        entry: dict[str, Any] | None
        if isinstance(self.entry, ConsentEntry):
            entry = self.entry.to_dict()
        else:
            entry = self.entry

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "changed": changed,
                "consent": consent,
                "entry": entry,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.consent_entry import ConsentEntry  # noqa: PLC0415
        from ..models.consent_state import ConsentState  # noqa: PLC0415

        d = dict(src_dict)
        changed = d.pop("changed")

        consent = ConsentState.from_dict(d.pop("consent"))

        def _parse_entry(data: object) -> ConsentEntry | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                entry_type_0 = ConsentEntry.from_dict(data)

                return entry_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ConsentEntry | None, data)

        entry = _parse_entry(d.pop("entry"))

        consent_change = cls(
            changed=changed,
            consent=consent,
            entry=entry,
        )

        consent_change.additional_properties = d
        return consent_change

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
