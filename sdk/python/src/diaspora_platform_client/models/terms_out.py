from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.term_out import TermOut


T = TypeVar("T", bound="TermsOut")


@_attrs_define
class TermsOut:
    """
    Attributes:
        lang (str):
        scheme (str):
        terms (list[TermOut]):
    """

    lang: str
    scheme: str
    terms: list[TermOut]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        lang = self.lang

        scheme = self.scheme

        terms = []
        for terms_item_data in self.terms:
            terms_item = terms_item_data.to_dict()
            terms.append(terms_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "lang": lang,
                "scheme": scheme,
                "terms": terms,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.term_out import TermOut  # noqa: PLC0415

        d = dict(src_dict)
        lang = d.pop("lang")

        scheme = d.pop("scheme")

        terms = []
        _terms = d.pop("terms")
        for terms_item_data in _terms:
            terms_item = TermOut.from_dict(terms_item_data)

            terms.append(terms_item)

        terms_out = cls(
            lang=lang,
            scheme=scheme,
            terms=terms,
        )

        terms_out.additional_properties = d
        return terms_out

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
