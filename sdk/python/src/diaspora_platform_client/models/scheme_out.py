from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.scheme_out_locales import SchemeOutLocales


T = TypeVar("T", bound="SchemeOut")


@_attrs_define
class SchemeOut:
    """
    Attributes:
        code_form (str):
        codes (int):
        locales (SchemeOutLocales): where each locale's labels come from
        publisher (str):
        scheme (str):
        title (str):
        version (str):
    """

    code_form: str
    codes: int
    locales: SchemeOutLocales
    publisher: str
    scheme: str
    title: str
    version: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        code_form = self.code_form

        codes = self.codes

        locales = self.locales.to_dict()

        publisher = self.publisher

        scheme = self.scheme

        title = self.title

        version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "code_form": code_form,
                "codes": codes,
                "locales": locales,
                "publisher": publisher,
                "scheme": scheme,
                "title": title,
                "version": version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.scheme_out_locales import SchemeOutLocales  # noqa: PLC0415

        d = dict(src_dict)
        code_form = d.pop("code_form")

        codes = d.pop("codes")

        locales = SchemeOutLocales.from_dict(d.pop("locales"))

        publisher = d.pop("publisher")

        scheme = d.pop("scheme")

        title = d.pop("title")

        version = d.pop("version")

        scheme_out = cls(
            code_form=code_form,
            codes=codes,
            locales=locales,
            publisher=publisher,
            scheme=scheme,
            title=title,
            version=version,
        )

        scheme_out.additional_properties = d
        return scheme_out

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
