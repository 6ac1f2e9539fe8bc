from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.body_kind import BodyKind

if TYPE_CHECKING:
    from ..models.body_rules import BodyRules
    from ..models.membership import Membership


T = TypeVar("T", bound="Body")


@_attrs_define
class Body:
    """
    Attributes:
        alliance_id (UUID):
        id (UUID):
        kind (BodyKind):
        mandate (str):
        memberships (list[Membership]):
        name (str):
        rules (BodyRules):
        theme (None | str):
        version (int): incremented on every change
    """

    alliance_id: UUID
    id: UUID
    kind: BodyKind
    mandate: str
    memberships: list[Membership]
    name: str
    rules: BodyRules
    theme: None | str
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        alliance_id = str(self.alliance_id)

        id = str(self.id)

        kind = self.kind.value

        mandate = self.mandate

        memberships = []
        for memberships_item_data in self.memberships:
            memberships_item = memberships_item_data.to_dict()
            memberships.append(memberships_item)

        name = self.name

        rules = self.rules.to_dict()

        theme: None | str
        theme = self.theme

        version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "alliance_id": alliance_id,
                "id": id,
                "kind": kind,
                "mandate": mandate,
                "memberships": memberships,
                "name": name,
                "rules": rules,
                "theme": theme,
                "version": version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.body_rules import BodyRules  # noqa: PLC0415
        from ..models.membership import Membership  # noqa: PLC0415

        d = dict(src_dict)
        alliance_id = UUID(d.pop("alliance_id"))

        id = UUID(d.pop("id"))

        kind = BodyKind(d.pop("kind"))

        mandate = d.pop("mandate")

        memberships = []
        _memberships = d.pop("memberships")
        for memberships_item_data in _memberships:
            memberships_item = Membership.from_dict(memberships_item_data)

            memberships.append(memberships_item)

        name = d.pop("name")

        rules = BodyRules.from_dict(d.pop("rules"))

        def _parse_theme(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        theme = _parse_theme(d.pop("theme"))

        version = d.pop("version")

        body = cls(
            alliance_id=alliance_id,
            id=id,
            kind=kind,
            mandate=mandate,
            memberships=memberships,
            name=name,
            rules=rules,
            theme=theme,
            version=version,
        )

        body.additional_properties = d
        return body

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
