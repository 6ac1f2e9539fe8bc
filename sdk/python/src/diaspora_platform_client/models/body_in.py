from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.body_kind import BodyKind
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.rules_in import RulesIn


T = TypeVar("T", bound="BodyIn")


@_attrs_define
class BodyIn:
    """
    Attributes:
        alliance_id (UUID):
        kind (BodyKind):
        name (str):
        mandate (str | Unset):  Default: ''.
        rules (RulesIn | Unset):
        theme (None | str | Unset):
    """

    alliance_id: UUID
    kind: BodyKind
    name: str
    mandate: str | Unset = ""
    rules: RulesIn | Unset = UNSET
    theme: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        alliance_id = str(self.alliance_id)

        kind = self.kind.value

        name = self.name

        mandate = self.mandate

        rules: dict[str, Any] | Unset = UNSET
        if not isinstance(self.rules, Unset):
            rules = self.rules.to_dict()

        theme: None | str | Unset
        if isinstance(self.theme, Unset):
            theme = UNSET
        else:
            theme = self.theme

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "alliance_id": alliance_id,
                "kind": kind,
                "name": name,
            }
        )
        if mandate is not UNSET:
            field_dict["mandate"] = mandate
        if rules is not UNSET:
            field_dict["rules"] = rules
        if theme is not UNSET:
            field_dict["theme"] = theme

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.rules_in import RulesIn  # noqa: PLC0415

        d = dict(src_dict)
        alliance_id = UUID(d.pop("alliance_id"))

        kind = BodyKind(d.pop("kind"))

        name = d.pop("name")

        mandate = d.pop("mandate", UNSET)

        _rules = d.pop("rules", UNSET)
        rules: RulesIn | Unset
        if isinstance(_rules, Unset):
            rules = UNSET
        else:
            rules = RulesIn.from_dict(_rules)

        def _parse_theme(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        theme = _parse_theme(d.pop("theme", UNSET))

        body_in = cls(
            alliance_id=alliance_id,
            kind=kind,
            name=name,
            mandate=mandate,
            rules=rules,
            theme=theme,
        )

        body_in.additional_properties = d
        return body_in

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
