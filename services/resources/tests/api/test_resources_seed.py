# ruff: noqa: RUF001  (real French and Arabic text: typographic apostrophes, Arabic letters)
"""`python -m resources seed`: the three IOM project records, exactly their fields, idempotent."""

from __future__ import annotations

import httpx
from sqlalchemy import text

from resources.bootstrap import ResourcesService

TK_0003 = {
    "start_year": 2019,
    "end_year": 2022,
    "status": "Achevé",
    "project_type": "Transfert des connaissances et des ressources des migrants",
    "budget_amount": "300000.00",
    "budget_currency": "USD",
    "coverage": "Global",
    "year": 2019,
    "region": "Monde",
    "programme_id": "CH10P0503",
    "project_id": "TK.0003",
}
TK_0042 = {
    "start_year": 2023,
    "end_year": 2025,
    "status": "Actif",
    "project_type": "Transfert des connaissances et des ressources des migrants",
    "budget_amount": "400000.00",
    "budget_currency": "USD",
    "coverage": "Global",
    "year": 2023,
    "region": "Monde",
    "programme_id": "CH10P1170",
    "project_id": "TK.0042",
    "beneficiary_member_states": ["El Salvador", "Fidji", "Géorgie", "Maurice", "Pérou"],
}
CD_0037 = {
    "start_year": 2020,
    "end_year": 2024,
    "status": "Actif",
    "project_type": "Développement communautaire",
    "budget_amount": "200000.00",
    "budget_currency": "USD",
    "coverage": "National",
    "year": 2019,
    "region": "Amérique latine et Caraïbes",
    "programme_id": "HT10P0503",
    "project_id": "CD.0037",
    "beneficiary_member_states": ["Haïti"],
}


async def seeded(service: ResourcesService) -> int:
    async with service.chassis.engine.connect() as conn:
        n: int = await conn.scalar(
            text("SELECT count(*) FROM resources.resources WHERE source_ref LIKE 'iom-project:%'")
        )
        return n


async def test_seed_loads_the_three_project_records_once(
    resources_service: ResourcesService, client: httpx.AsyncClient
) -> None:
    await resources_service.seed()
    await resources_service.seed()  # idempotent
    assert await seeded(resources_service) == 3

    page = (
        await client.get(
            "/v1/resources", params={"kind": "project_record", "q": "diaspora", "limit": 100}
        )
    ).json()
    assert {
        "Mobilisation des diasporas à l’ère de la numérisation",
        "Mobilisation de la diaspora par l’intermédiaire d’alliances mondiales inclusives",
        "Mobilisation de la diaspora à l’appui du développement d’Haïti",
    } <= {item["title"] for item in page["items"]}

    records = {}
    for item in page["items"]:
        body = (await client.get(f"/v1/resources/{item['id']}")).json()
        if body["project"] and body["project"]["project_id"] in ("TK.0003", "TK.0042", "CD.0037"):
            records[body["project"]["project_id"]] = body
    assert len(records) == 3
    tk3 = records["TK.0003"]
    assert {k: tk3["project"][k] for k in TK_0003} == TK_0003
    states = tk3["project"]["beneficiary_member_states"]
    assert len(states) == 106
    assert states[:3] == ["Afghanistan", "Albanie", "Algérie"]
    assert "République centrafricaine" in states and states[-1] == "Sainte-Lucie"
    assert {"AF", "CF", "HT", "LC", "TL"} <= set(tk3["countries"])
    assert tk3["body"].startswith("L’OIM et ses partenaires")
    assert tk3["body"].endswith("300 000 dollars E.-U.")
    assert records["TK.0042"]["project"] == TK_0042
    assert records["TK.0042"]["countries"] == ["SV", "FJ", "GE", "MU", "PE"]
    assert records["CD.0037"]["project"] == CD_0037
    assert records["CD.0037"]["body"].startswith("Les ressortissants haïtiens")
    assert records["CD.0037"]["original_language"] == "fr"
    assert records["CD.0037"]["status"] == "published"

    # found by what the records say, accents or not
    haiti = (
        await client.get("/v1/resources", params={"q": "haiti developpement communautaire"})
    ).json()
    assert records["CD.0037"]["id"] in [i["id"] for i in haiti["items"]]
