# ${spec.title}

${spec.summary}

## Quickstart

```bash
python3 -m venv .venv
.venv/bin/pip install -r requirements.txt
.venv/bin/uvicorn app.main:app --reload      # then open http://127.0.0.1:8000/docs
```

## Commands

| command | what it does |
|---|---|
| `.venv/bin/python -m pytest` | runs the tests (each test uses its own temporary SQLite file) |
| `.venv/bin/uvicorn app.main:app` | serves the API on http://127.0.0.1:8000 (`APP_DATABASE=path.db` chooses the database file) |

## Resources

| resource | fields |
|---|---|
<#list entities as e>
| `/${e.plural}` | <#list e.fields as f>`${f.name}` (${f.type}<#if !f.required>, optional</#if>)<#sep>, </#list> |
</#list>

Routes per resource: `POST /<resource>` (201), `GET /<resource>`, `GET /<resource>/{id}`, `PUT /<resource>/{id}`,
`DELETE /<resource>/{id}` (204); unknown ids answer 404, invalid bodies 422.
