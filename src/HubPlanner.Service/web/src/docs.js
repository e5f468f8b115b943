// Renders the OpenAPI document of this service as a list of operations; no outside request.
(async function () {
  const root = document.getElementById('ops');
  const doc = await (await fetch('/openapi/v1.json')).json();
  root.textContent = '';
  const el = (tag, text, cls) => { const e = document.createElement(tag); if (text) e.textContent = text; if (cls) e.className = cls; return e; };
  for (const [path, item] of Object.entries(doc.paths || {})) {
    for (const [method, op] of Object.entries(item)) {
      const box = el('div', null, 'op');
      const head = el('div');
      head.append(el('span', method.toUpperCase(), 'method'), el('code', path));
      if (op.operationId) head.append(el('span', '  ' + op.operationId, 'muted'));
      box.append(head);
      if (op.summary || op.description) box.append(el('p', op.summary || op.description));
      const params = (op.parameters || []).map(p => `${p.name} (${p.in}${p.required ? ', required' : ''})`);
      if (params.length) box.append(el('p', 'parameters: ' + params.join(', ')));
      const body = op.requestBody && op.requestBody.content;
      if (body) box.append(el('p', 'body: ' + Object.keys(body).join(', ')));
      box.append(el('p', 'responses: ' + Object.keys(op.responses || {}).join(', '), 'muted'));
      root.append(box);
    }
  }
  if (doc.components && doc.components.schemas) {
    root.append(el('h2', 'Schemas'));
    for (const [name, schema] of Object.entries(doc.components.schemas)) {
      const d = el('details');
      d.append(el('summary', name), el('pre', JSON.stringify(schema, null, 2)));
      root.append(d);
    }
  }
})();
