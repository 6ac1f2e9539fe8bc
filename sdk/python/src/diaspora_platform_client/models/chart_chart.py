from enum import StrEnum


class ChartChart(StrEnum):
    POPULATION_PYRAMID = "population-pyramid"
    SKILLS_BY_SECTOR = "skills-by-sector"
    SUPPLY_VS_NEEDS = "supply-vs-needs"

    def __str__(self) -> str:
        return str(self.value)
