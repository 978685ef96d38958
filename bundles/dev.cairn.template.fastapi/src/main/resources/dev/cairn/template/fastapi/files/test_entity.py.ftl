"""CRUD tests for /${e.plural}: every route, 404s and validation errors."""

VALID = {<#list e.fields as f>"${f.name}": ${f.sample}<#sep>, </#list>}
CHANGED = {<#list e.fields as f>"${f.name}": ${f.sample2}<#sep>, </#list>}


def create(client, payload=None):
    response = client.post("/${e.plural}", json=payload or VALID)
    assert response.status_code == 201, response.text
    return response.json()


def test_create_returns_the_stored_${e.name}(client):
    created = create(client)
    assert isinstance(created["id"], int)
    for field, value in VALID.items():
        assert created[field] == value


def test_list_returns_created_${e.plural}_in_order(client):
    first = create(client)
    second = create(client, CHANGED)
    response = client.get("/${e.plural}")
    assert response.status_code == 200
    assert [item["id"] for item in response.json()] == [first["id"], second["id"]]


def test_get_by_id(client):
    created = create(client)
    response = client.get(f"/${e.plural}/{created['id']}")
    assert response.status_code == 200
    assert response.json() == created


def test_get_missing_is_404(client):
    response = client.get("/${e.plural}/999999")
    assert response.status_code == 404
    assert response.json()["detail"] == "${e.className} not found"


def test_replace_changes_every_field(client):
    created = create(client)
    response = client.put(f"/${e.plural}/{created['id']}", json=CHANGED)
    assert response.status_code == 200
    assert response.json() == {"id": created["id"], **CHANGED}
    assert client.get(f"/${e.plural}/{created['id']}").json() == {"id": created["id"], **CHANGED}


def test_replace_missing_is_404(client):
    response = client.put("/${e.plural}/999999", json=VALID)
    assert response.status_code == 404


def test_delete_then_gone(client):
    created = create(client)
    assert client.delete(f"/${e.plural}/{created['id']}").status_code == 204
    assert client.get(f"/${e.plural}/{created['id']}").status_code == 404


def test_delete_missing_is_404(client):
    assert client.delete("/${e.plural}/999999").status_code == 404


def test_missing_required_field_is_422(client):
    payload = dict(VALID)
    del payload["${e.requiredField}"]
    response = client.post("/${e.plural}", json=payload)
    assert response.status_code == 422
    assert any(error["loc"][-1] == "${e.requiredField}" for error in response.json()["detail"])


def test_unknown_field_is_422(client):
    response = client.post("/${e.plural}", json={**VALID, "not_a_field": 1})
    assert response.status_code == 422


def test_wrong_type_is_422(client):
    response = client.post("/${e.plural}", json={**VALID, "${e.invalidField}": ${e.invalidValue}})
    assert response.status_code == 422
    assert any(error["loc"][-1] == "${e.invalidField}" for error in response.json()["detail"])
