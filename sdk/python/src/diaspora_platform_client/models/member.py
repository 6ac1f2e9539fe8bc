from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.member_kind import MemberKind
from ..models.member_status import MemberStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.status_change import StatusChange
    from ..models.term import Term


T = TypeVar("T", bound="Member")


@_attrs_define
class Member:
    """Everyone signed in sees who the members are; the representatives, motivation and
    history only the member's own representatives and the secretariat.

        Attributes:
            alliance_id (UUID):
            country (None | str):
            id (UUID):
            kind (MemberKind):
            name (str):
            status (MemberStatus):
            term (None | Term):
            version (int): incremented on every change
            history (list[StatusChange] | None | Unset): the member's own
            motivation (None | str | Unset): the member's own
            representatives (list[UUID] | None | Unset): the member's own
    """

    alliance_id: UUID
    country: None | str
    id: UUID
    kind: MemberKind
    name: str
    status: MemberStatus
    term: None | Term
    version: int
    history: list[StatusChange] | None | Unset = UNSET
    motivation: None | str | Unset = UNSET
    representatives: list[UUID] | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.term import Term  # noqa: PLC0415

        alliance_id = str(self.alliance_id)

        country: None | str
        country = self.country

        id = str(self.id)

        kind = self.kind.value

        name = self.name

        status = self.status.value

        term: dict[str, Any] | None
        if isinstance(self.term, Term):
            term = self.term.to_dict()
        else:
            term = self.term

        version = self.version

        history: list[dict[str, Any]] | None | Unset
        if isinstance(self.history, Unset):
            history = UNSET
        elif isinstance(self.history, list):
            history = []
            for history_type_0_item_data in self.history:
                history_type_0_item = history_type_0_item_data.to_dict()
                history.append(history_type_0_item)

        else:
            history = self.history

        motivation: None | str | Unset
        if isinstance(self.motivation, Unset):
            motivation = UNSET
        else:
            motivation = self.motivation

        representatives: list[str] | None | Unset
        if isinstance(self.representatives, Unset):
            representatives = UNSET
        elif isinstance(self.representatives, list):
            representatives = []
            for representatives_type_0_item_data in self.representatives:
                representatives_type_0_item = str(representatives_type_0_item_data)
                representatives.append(representatives_type_0_item)

        else:
            representatives = self.representatives

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "alliance_id": alliance_id,
                "country": country,
                "id": id,
                "kind": kind,
                "name": name,
                "status": status,
                "term": term,
                "version": version,
            }
        )
        if history is not UNSET:
            field_dict["history"] = history
        if motivation is not UNSET:
            field_dict["motivation"] = motivation
        if representatives is not UNSET:
            field_dict["representatives"] = representatives

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.status_change import StatusChange  # noqa: PLC0415
        from ..models.term import Term  # noqa: PLC0415

        d = dict(src_dict)
        alliance_id = UUID(d.pop("alliance_id"))

        def _parse_country(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        country = _parse_country(d.pop("country"))

        id = UUID(d.pop("id"))

        kind = MemberKind(d.pop("kind"))

        name = d.pop("name")

        status = MemberStatus(d.pop("status"))

        def _parse_term(data: object) -> None | Term:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                term_type_0 = Term.from_dict(data)

                return term_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Term, data)

        term = _parse_term(d.pop("term"))

        version = d.pop("version")

        def _parse_history(data: object) -> list[StatusChange] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                history_type_0 = []
                _history_type_0 = data
                for history_type_0_item_data in _history_type_0:
                    history_type_0_item = StatusChange.from_dict(
                        history_type_0_item_data
                    )

                    history_type_0.append(history_type_0_item)

                return history_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[StatusChange] | None | Unset, data)

        history = _parse_history(d.pop("history", UNSET))

        def _parse_motivation(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        motivation = _parse_motivation(d.pop("motivation", UNSET))

        def _parse_representatives(data: object) -> list[UUID] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                representatives_type_0 = []
                _representatives_type_0 = data
                for representatives_type_0_item_data in _representatives_type_0:
                    representatives_type_0_item = UUID(representatives_type_0_item_data)

                    representatives_type_0.append(representatives_type_0_item)

                return representatives_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[UUID] | None | Unset, data)

        representatives = _parse_representatives(d.pop("representatives", UNSET))

        member = cls(
            alliance_id=alliance_id,
            country=country,
            id=id,
            kind=kind,
            name=name,
            status=status,
            term=term,
            version=version,
            history=history,
            motivation=motivation,
            representatives=representatives,
        )

        member.additional_properties = d
        return member

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
