from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.preferences_view_categories import PreferencesViewCategories
    from ..models.preferences_view_channels import PreferencesViewChannels
    from ..models.quiet_hours_body import QuietHoursBody


T = TypeVar("T", bound="PreferencesView")


@_attrs_define
class PreferencesView:
    """
    Attributes:
        version (int):
        categories (PreferencesViewCategories | Unset):
        channels (PreferencesViewChannels | Unset):
        language (None | str | Unset):
        quiet_hours (None | QuietHoursBody | Unset):
        time_zone (str | Unset):  Default: 'UTC'.
    """

    version: int
    categories: PreferencesViewCategories | Unset = UNSET
    channels: PreferencesViewChannels | Unset = UNSET
    language: None | str | Unset = UNSET
    quiet_hours: None | QuietHoursBody | Unset = UNSET
    time_zone: str | Unset = "UTC"
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.quiet_hours_body import QuietHoursBody  # noqa: PLC0415

        version = self.version

        categories: dict[str, Any] | Unset = UNSET
        if not isinstance(self.categories, Unset):
            categories = self.categories.to_dict()

        channels: dict[str, Any] | Unset = UNSET
        if not isinstance(self.channels, Unset):
            channels = self.channels.to_dict()

        language: None | str | Unset
        if isinstance(self.language, Unset):
            language = UNSET
        else:
            language = self.language

        quiet_hours: dict[str, Any] | None | Unset
        if isinstance(self.quiet_hours, Unset):
            quiet_hours = UNSET
        elif isinstance(self.quiet_hours, QuietHoursBody):
            quiet_hours = self.quiet_hours.to_dict()
        else:
            quiet_hours = self.quiet_hours

        time_zone = self.time_zone

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "version": version,
            }
        )
        if categories is not UNSET:
            field_dict["categories"] = categories
        if channels is not UNSET:
            field_dict["channels"] = channels
        if language is not UNSET:
            field_dict["language"] = language
        if quiet_hours is not UNSET:
            field_dict["quiet_hours"] = quiet_hours
        if time_zone is not UNSET:
            field_dict["time_zone"] = time_zone

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.preferences_view_categories import PreferencesViewCategories  # noqa: PLC0415
        from ..models.preferences_view_channels import PreferencesViewChannels  # noqa: PLC0415
        from ..models.quiet_hours_body import QuietHoursBody  # noqa: PLC0415

        d = dict(src_dict)
        version = d.pop("version")

        _categories = d.pop("categories", UNSET)
        categories: PreferencesViewCategories | Unset
        if isinstance(_categories, Unset):
            categories = UNSET
        else:
            categories = PreferencesViewCategories.from_dict(_categories)

        _channels = d.pop("channels", UNSET)
        channels: PreferencesViewChannels | Unset
        if isinstance(_channels, Unset):
            channels = UNSET
        else:
            channels = PreferencesViewChannels.from_dict(_channels)

        def _parse_language(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        language = _parse_language(d.pop("language", UNSET))

        def _parse_quiet_hours(data: object) -> None | QuietHoursBody | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                quiet_hours_type_0 = QuietHoursBody.from_dict(data)

                return quiet_hours_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | QuietHoursBody | Unset, data)

        quiet_hours = _parse_quiet_hours(d.pop("quiet_hours", UNSET))

        time_zone = d.pop("time_zone", UNSET)

        preferences_view = cls(
            version=version,
            categories=categories,
            channels=channels,
            language=language,
            quiet_hours=quiet_hours,
            time_zone=time_zone,
        )

        preferences_view.additional_properties = d
        return preferences_view

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
