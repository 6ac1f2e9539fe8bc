from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.survey_input_questions_item import SurveyInputQuestionsItem
    from ..models.survey_input_title import SurveyInputTitle


T = TypeVar("T", bound="SurveyInput")


@_attrs_define
class SurveyInput:
    """
    Attributes:
        key (str):
        languages (list[str]):
        questions (list[SurveyInputQuestionsItem]):
        title (SurveyInputTitle):
        default_language (str | Unset):  Default: 'en'.
    """

    key: str
    languages: list[str]
    questions: list[SurveyInputQuestionsItem]
    title: SurveyInputTitle
    default_language: str | Unset = "en"

    def to_dict(self) -> dict[str, Any]:
        key = self.key

        languages = self.languages

        questions = []
        for questions_item_data in self.questions:
            questions_item = questions_item_data.to_dict()
            questions.append(questions_item)

        title = self.title.to_dict()

        default_language = self.default_language

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "key": key,
                "languages": languages,
                "questions": questions,
                "title": title,
            }
        )
        if default_language is not UNSET:
            field_dict["default_language"] = default_language

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.survey_input_questions_item import SurveyInputQuestionsItem  # noqa: PLC0415
        from ..models.survey_input_title import SurveyInputTitle  # noqa: PLC0415

        d = dict(src_dict)
        key = d.pop("key")

        languages = cast(list[str], d.pop("languages"))

        questions = []
        _questions = d.pop("questions")
        for questions_item_data in _questions:
            questions_item = SurveyInputQuestionsItem.from_dict(questions_item_data)

            questions.append(questions_item)

        title = SurveyInputTitle.from_dict(d.pop("title"))

        default_language = d.pop("default_language", UNSET)

        survey_input = cls(
            key=key,
            languages=languages,
            questions=questions,
            title=title,
            default_language=default_language,
        )

        return survey_input
