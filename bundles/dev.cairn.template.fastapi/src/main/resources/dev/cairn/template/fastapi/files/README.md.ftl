# ${spec.title}

${spec.summary}

## Resources

| resource | fields |
|---|---|
<#list entities as e>
| `/${e.plural}` | <#list e.fields as f>`${f.name}` (${f.type}<#if !f.required>, optional</#if>)<#sep>, </#list> |
</#list>

Routes per resource: `POST /<resource>` (201), `GET /<resource>`, `GET /<resource>/{id}`, `PUT /<resource>/{id}`,
`DELETE /<resource>/{id}` (204); unknown ids answer 404, invalid bodies 422.
