// HubPlanner web map: one page over the service's own API (same origin, bearer token from sessionStorage).
// The basemap is the dataset's border, coast and places: no tile server, font or CDN is ever asked.
(function () {
  'use strict';
  const TOKEN_KEY = 'hubplanner.token';
  const HUB_COLOURS = { airfield: '#c0392b', rail: '#8e44ad', depot: '#2c3e50', port: '#16a085' };
  const VEHICLE_COLOURS = ['#e67e22', '#2980b9', '#27ae60', '#8e44ad', '#d35400', '#7f8c8d'];
  const BAND_COLOURS = ['#3498db', '#1abc9c', '#9b59b6', '#f1c40f'];
  const state = { scenarios: [], scenario: null, plan: null, job: null, selectedHub: null };
  const groups = {};
  const counts = {};

  // Plan features carry their id as the GeoJSON feature id; scenario features as a property.
  const fid = f => (f.id !== undefined && f.id !== null ? f.id : f.properties.id);
  const $ = id => document.getElementById(id);
  const el = (tag, text, cls) => { const e = document.createElement(tag); if (text !== undefined && text !== null) e.textContent = String(text); if (cls) e.className = cls; return e; };

  const map = L.map('map', { zoomControl: true, attributionControl: false, preferCanvas: false }).setView([48.5, 31.5], 6);
  const layersControl = L.control.layers(null, null, { collapsed: false }).addTo(map);
  L.control.scale({ imperial: false }).addTo(map);

  function token() { return sessionStorage.getItem(TOKEN_KEY); }

  async function api(path, options) {
    const opts = Object.assign({ headers: {} }, options || {});
    opts.headers = Object.assign({ Authorization: 'Bearer ' + token() }, opts.headers);
    if (opts.body && typeof opts.body !== 'string') {
      opts.body = JSON.stringify(opts.body);
      opts.headers['Content-Type'] = 'application/json';
    }
    const res = await fetch(path, opts);
    if (res.status === 401) { askToken('the token was refused'); throw new Error('unauthorised'); }
    const text = await res.text();
    const body = text ? JSON.parse(text) : null;
    if (!res.ok) {
      const err = new Error((body && (body.detail || body.title)) || res.statusText);
      err.status = res.status; err.body = body;
      throw err;
    }
    return body;
  }

  function askToken(why) {
    sessionStorage.removeItem(TOKEN_KEY);
    $('login-error').textContent = why || '';
    $('login').hidden = false;
    $('token').focus();
  }

  $('login-form').addEventListener('submit', async ev => {
    ev.preventDefault();
    sessionStorage.setItem(TOKEN_KEY, $('token').value.trim());
    $('login').hidden = true;
    await start();
  });

  function message(text) { $('message').textContent = text || ''; }

  function setGroup(name, layer, label, visible) {
    if (groups[name]) { map.removeLayer(groups[name]); layersControl.removeLayer(groups[name]); }
    groups[name] = layer;
    if (!layer) { delete counts[name]; return; }
    layersControl.addOverlay(layer, label);
    if (visible !== false) layer.addTo(map);
  }

  function popupTable(rows) {
    const div = el('div', null, 'popup');
    const table = el('table');
    for (const [k, v] of rows) {
      if (v === undefined || v === null || v === '') continue;
      const tr = el('tr');
      tr.append(el('td', k), el('td', v));
      table.append(tr);
    }
    div.append(table);
    return div;
  }

  // ---- basemap ----------------------------------------------------------------------------------------
  async function loadBasemap() {
    const fc = await api('/api/basemap');
    const neighbours = L.geoJSON(fc.features.filter(f => f.properties.layer === 'neighbours'), { style: { color: '#aaa', weight: 1, fillColor: '#e8e6e1', fillOpacity: 1 }, interactive: false });
    setGroup('neighbours', neighbours, 'Neighbours');
    counts.neighbours = neighbours.getLayers().length;
    const border = L.geoJSON(fc.features.filter(f => f.properties.layer === 'border'), { style: { color: '#555', weight: 1.5, fillColor: '#f4f1ea', fillOpacity: 1 }, interactive: false });
    const coast = L.geoJSON(fc.features.filter(f => f.properties.layer === 'coast'), { style: { color: '#2e86c1', weight: 1.2 }, interactive: false });
    const places = L.geoJSON(fc.features.filter(f => f.properties.layer === 'places'), {
      pointToLayer: (f, ll) => L.circleMarker(ll, { radius: f.properties.oblast_centre ? 3 : 2, color: '#444', weight: 1, fillOpacity: 0.8 })
        .bindTooltip(f.properties.name, { permanent: !!f.properties.oblast_centre, direction: 'right', className: 'place-label' }),
    });
    setGroup('border', border, 'Border');
    setGroup('coast', coast, 'Coast');
    setGroup('places', places, 'Places');
    counts.border = border.getLayers().length; counts.coast = coast.getLayers().length; counts.places = places.getLayers().length;
    if (border.getLayers().length) map.fitBounds(border.getBounds());
  }

  // ---- scenarios ----------------------------------------------------------------------------------------
  async function loadScenarios(selectId) {
    state.scenarios = await api('/api/scenarios');
    const sel = $('scenario');
    sel.textContent = '';
    for (const s of state.scenarios) {
      const o = el('option', s.name); o.value = s.id; sel.append(o);
    }
    const wanted = selectId || (state.scenario && state.scenario.id) || (state.scenarios[0] && state.scenarios[0].id);
    if (wanted) { sel.value = String(wanted); await selectScenario(wanted); }
  }

  $('scenario').addEventListener('change', ev => selectScenario(Number(ev.target.value)));

  $('new-scenario').addEventListener('click', async () => {
    const name = $('new-name').value.trim();
    if (!name) { message('type a name for the new what-if'); return; }
    try {
      const parent = state.scenario ? state.scenario.name : 'base';
      const s = await api('/api/scenarios', { method: 'POST', body: { name: name, parent: parent } });
      $('new-name').value = '';
      await loadScenarios(s.id);
      message('');
    } catch (e) { message(e.message); }
  });

  async function selectScenario(id) {
    state.scenario = await api('/api/scenarios/' + id);
    renderEdits();
    await Promise.all([loadSites(), loadPlan()]);
  }

  function renderEdits() {
    const list = $('edits');
    list.textContent = '';
    for (const e of state.scenario.edits) {
      const d = e.edit;
      list.append(el('li', d.kind + ' ' + (d.site_id || d.key || d.equipment_type_id || d.zone_id || '') + (d.status ? ' → ' + d.status : '')));
    }
    if (state.scenario.name === 'base') list.append(el('li', 'base takes no edits: create a what-if first', 'muted'));
  }

  // ---- candidate sites (click to edit) -------------------------------------------------------------------
  async function loadSites() {
    const fc = await api('/api/scenarios/' + state.scenario.id + '/geojson');
    const sites = L.geoJSON(fc.features.filter(f => f.properties.layer === 'site'), {
      pointToLayer: (f, ll) => L.circleMarker(ll, {
        className: 'site site-' + f.properties.id,
        radius: 4, color: f.properties.status === 'forbidden' ? '#a00' : f.properties.status === 'forced' ? '#070' : '#777',
        weight: 1, fillColor: '#fff', fillOpacity: 0.9,
      }),
      onEachFeature: (f, layer) => {
        layer.on('click', () => siteClicked(f, layer));
        layer.bindTooltip(f.properties.name + ' (' + f.properties.status + ')');
      },
    });
    setGroup('sites', sites, 'Candidate sites');
    counts.sites = sites.getLayers().length;
  }

  async function siteClicked(f, layer) {
    const mode = document.querySelector('input[name=edit]:checked').value;
    if (mode === 'none') {
      layer.bindPopup(popupTable([['site', f.properties.name], ['id', f.properties.id], ['kind', f.properties.kind],
        ['status', f.properties.status], ['storage', f.properties.storage_capacity_t + ' t']])).openPopup();
      return;
    }
    const edit = mode === 'remove_site'
      ? { kind: 'remove_site', site_id: f.properties.id }
      : { kind: 'set_site_status', site_id: f.properties.id, status: mode };
    try {
      await api('/api/scenarios/' + state.scenario.id + '/edits', { method: 'POST', body: edit });
      message('');
      await selectScenario(state.scenario.id);
    } catch (e) {
      const errors = e.body && e.body.errors ? ': ' + Object.entries(e.body.errors).map(([k, v]) => k + ' ' + v.join('; ')).join('; ') : '';
      message(e.message + errors);
    }
  }

  // ---- plan ------------------------------------------------------------------------------------------------
  async function loadPlan() {
    let plan = null;
    try {
      plan = await api('/api/scenarios/' + state.scenario.id + '/plan/geojson');
    } catch (e) {
      if (e.status !== 404) throw e;
    }
    state.plan = plan;
    drawPlan(plan);
  }

  function byLayer(plan, name) { return plan ? plan.features.filter(f => f.properties.layer === name) : []; }

  function drawPlan(plan) {
    for (const name of Object.keys(groups)) {
      if (name.startsWith('coverage:') || ['zones', 'gaps', 'routes', 'hubs', 'assignments'].includes(name)) setGroup(name, null);
    }
    $('loss').textContent = '';
    if (!plan) { $('summary').textContent = 'no plan yet: run a plan job'; updateLegend(); return; }

    const zones = L.geoJSON(byLayer(plan, 'zones'), {
      style: f => ({ color: f.properties.kind === 'exclusion' ? '#c0392b' : '#d68910', weight: 1, dashArray: '4 3', fillOpacity: 0.12 }),
      onEachFeature: (f, l) => l.bindPopup(popupTable([['zone', f.properties.name], ['kind', f.properties.kind], ['weight', f.properties.weight]])),
    });
    setGroup('zones', zones, 'Zones');
    counts.zones = zones.getLayers().length;

    const bands = byLayer(plan, 'coverage');
    bands.forEach((f, i) => {
      const alt = f.properties.target_altitude_m;
      const layer = L.geoJSON(f, {
        style: { color: BAND_COLOURS[i % BAND_COLOURS.length], weight: 1, fillOpacity: 0.18 },
        onEachFeature: (ff, l) => l.bindPopup(popupTable([['coverage at', alt + ' m'], ['airspace', ff.properties.airspace_pct + ' %'],
          ['coast', ff.properties.coastal_pct + ' %'], ['covered', ff.properties.covered_km2 + ' km²']])),
      });
      setGroup('coverage:' + alt, layer, 'Coverage ' + alt + ' m', i === 0);
    });
    counts.coverage = bands.length;

    const gaps = L.geoJSON(byLayer(plan, 'gaps'), {
      style: { color: '#7b241c', weight: 1, fillColor: '#e74c3c', fillOpacity: 0.3 },
      onEachFeature: (f, l) => l.bindPopup(popupTable([['gap rank', f.properties.rank], ['altitude', f.properties.target_altitude_m + ' m'],
        ['area', f.properties.area_km2 + ' km²'], ['nearest hub', f.properties.nearest_hub], ['distance', f.properties.nearest_hub_km + ' km']])),
    });
    setGroup('gaps', gaps, 'Gaps');
    counts.gaps = gaps.getLayers().length;

    const assignments = L.geoJSON(byLayer(plan, 'assignments'), { style: { color: '#999', weight: 1, dashArray: '2 4' }, interactive: false });
    setGroup('assignments', assignments, 'Assignments', false);
    counts.assignments = assignments.getLayers().length;

    const vehicleTypes = [...new Set(byLayer(plan, 'routes').map(f => f.properties.vehicle_type))].sort();
    state.vehicleColours = Object.fromEntries(vehicleTypes.map((t, i) => [t, VEHICLE_COLOURS[i % VEHICLE_COLOURS.length]]));
    const stopsOf = Object.fromEntries((plan.route_stops || []).map(r => [r.vehicle, r.stops]));
    const routes = L.geoJSON(byLayer(plan, 'routes'), {
      style: f => ({ color: state.vehicleColours[f.properties.vehicle_type], weight: 3, opacity: 0.85 }),
      onEachFeature: (f, l) => l.bindPopup(() => routePopup(f, stopsOf[f.properties.vehicle] || [])),
    });
    setGroup('routes', routes, 'Routes');
    counts.routes = routes.getLayers().length;

    const hubFeatures = byLayer(plan, 'hubs');
    const maxT = Math.max(1, ...hubFeatures.map(f => f.properties.equipment_t || 0));
    const hubs = L.geoJSON(hubFeatures, {
      pointToLayer: (f, ll) => L.circleMarker(ll, {
        radius: 7 + 11 * Math.sqrt((f.properties.equipment_t || 0) / maxT),
        color: '#111', weight: 1.5, fillColor: HUB_COLOURS[f.properties.kind] || '#34495e', fillOpacity: 0.85,
        className: 'hub hub-' + fid(f),
      }),
      onEachFeature: (f, l) => {
        l.bindPopup(() => hubPopup(f));
        l.on('click', () => selectHub(f, l));
      },
    });
    setGroup('hubs', hubs, 'Hubs');
    counts.hubs = hubs.getLayers().length;
    hubs.bringToFront();

    const unserved = plan.features.length; // the summary counts come from the layers themselves
    $('summary').textContent = `${counts.hubs} hubs, ${counts.routes} routes, ${counts.coverage} coverage bands, ${counts.gaps} gaps (${unserved} features)`;
    updateLegend();
  }

  function hubPopup(f) {
    const p = f.properties;
    const div = popupTable([['hub', p.name], ['id', fid(f)], ['kind', p.kind], ['equipment', p.equipment], ['stock', p.equipment_t + ' t'],
      ['demand points', p.demand_points], ['why chosen', p.reason]]);
    div.classList.add('hub-popup');
    return div;
  }

  function routePopup(f, stops) {
    const p = f.properties;
    const div = popupTable([['vehicle', p.vehicle], ['type', p.vehicle_type], ['depot', p.depot], ['distance', p.km + ' km'], ['time', p.hours + ' h']]);
    const table = el('table');
    const head = el('tr');
    ['stop', 'action', 'load t', 'arrive'].forEach(h => head.append(el('th', h)));
    table.append(head);
    for (const s of stops) {
      const tr = el('tr');
      const h = Math.floor(s.arrival_min / 60), m = Math.round(s.arrival_min % 60);
      tr.append(el('td', s.location_name), el('td', s.action), el('td', s.load_t), el('td', `+${h}:${String(m).padStart(2, '0')}`));
      table.append(tr);
    }
    div.append(table);
    div.classList.add('route-popup');
    return div;
  }

  function selectHub(f, layer) {
    const hubs = groups.hubs;
    hubs.eachLayer(l => l.setStyle({ weight: 1.5, color: '#111', fillOpacity: 0.5 }));
    layer.setStyle({ weight: 4, color: '#f1c40f', fillOpacity: 1 });
    state.selectedHub = fid(f);
    const box = $('loss');
    box.textContent = '';
    box.append(el('h2', 'If ' + f.properties.name + ' is lost'));
    const losses = (state.plan.losses || []).filter(l => l.site_id === fid(f));
    if (!losses.length) box.append(el('p', 'no coverage loss computed for this hub', 'muted'));
    for (const l of losses) {
      box.append(el('p', `${l.target_altitude_m} m: ${l.airspace_lost_km2} km² of airspace and ${l.coastal_lost_km2} km² of coast uncovered`));
    }
    // Highlight the hub's routes and gaps nearest to it: what its loss leaves without cover.
    if (groups.routes) groups.routes.eachLayer(l => l.setStyle({ opacity: l.feature.properties.depot === fid(f) ? 1 : 0.2, weight: l.feature.properties.depot === fid(f) ? 5 : 3 }));
    if (groups.gaps) groups.gaps.eachLayer(l => l.setStyle({ fillOpacity: l.feature.properties.nearest_hub === fid(f) ? 0.6 : 0.15 }));
  }

  // ---- legend ----------------------------------------------------------------------------------------------
  const legend = L.control({ position: 'bottomright' });
  legend.onAdd = () => { const d = L.DomUtil.create('div', 'legend'); d.id = 'legend'; return d; };
  legend.addTo(map);

  function updateLegend() {
    const d = $('legend');
    d.textContent = '';
    const item = (colour, text, dot) => { const row = el('div'); const i = el('i', null, dot ? 'dot' : ''); i.style.background = colour; row.append(i, el('span', text)); d.append(row); };
    d.append(el('b', 'Hubs (size = stock)'));
    for (const [k, c] of Object.entries(HUB_COLOURS)) item(c, k, true);
    if (state.vehicleColours && Object.keys(state.vehicleColours).length) {
      d.append(el('div', 'Routes by vehicle type'));
      for (const [k, c] of Object.entries(state.vehicleColours)) item(c, k);
    }
    item(BAND_COLOURS[0], 'coverage (one layer per altitude band)');
    item('#e74c3c', 'coverage gap');
    item('#d68910', 'zone');
    item('#777', 'candidate site', true);
  }

  // ---- plan job with progress ------------------------------------------------------------------------------
  $('run-plan').addEventListener('click', async () => {
    if (!state.scenario) return;
    const bar = $('progress');
    bar.value = 0; bar.dataset.state = 'running';
    $('run-plan').disabled = true;
    try {
      let job = await api('/api/jobs', { method: 'POST', body: { kind: 'plan', scenario_id: state.scenario.id, params: {} } });
      state.job = job;
      while (['queued', 'running'].includes(job.status)) {
        await new Promise(r => setTimeout(r, 400));
        job = await api('/api/jobs/' + job.id);
        state.job = job;
        if (job.progress && typeof job.progress.fraction === 'number') bar.value = job.progress.fraction;
        $('job-status').textContent = `job ${job.id}: ${job.status}` + (job.progress ? ` — ${job.progress.stage}: ${job.progress.message || ''}` : '');
      }
      if (job.status !== 'succeeded') throw new Error(`job ${job.id} ${job.status}: ${job.error || ''}`);
      bar.value = 1;
      await loadPlan();
      bar.dataset.state = 'done';
      $('job-status').textContent = `job ${job.id}: succeeded`;
    } catch (e) {
      bar.dataset.state = 'failed';
      message(e.message);
    } finally {
      $('run-plan').disabled = false;
    }
  });

  // ---- test hook ------------------------------------------------------------------------------------------
  window.hubplanner = {
    /** Features drawn per layer (coverage: one per altitude band). */
    layerCounts: () => Object.assign({}, counts),
    state: state,
    map: map,
  };

  async function start() {
    try {
      await loadBasemap();
      await loadScenarios();
      document.body.dataset.ready = 'true';
    } catch (e) {
      if (e.message !== 'unauthorised') message(e.message);
    }
  }

  if (token()) start(); else askToken();
})();
