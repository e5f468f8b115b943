// Extracts the raw outlines HubPlanner.DataPrep needs from Natural Earth 1:10m (world-atlas@2.0.2),
// converting TopoJSON to GeoJSON with topojson-client@3.1.0. Nothing is fixed or unioned here: the
// polygons are written exactly as decoded, and HubPlanner.DataPrep repairs and combines them.
//
// Usage: node extract.mjs OUT_DIR
// Writes: OUT_DIR/countries.geojson  Ukraine, Russia and the neighbours (properties name, iso_a2, iso_n3)
//         OUT_DIR/coast-candidates.geojson  arcs used by exactly one country (coastlines) of Ukraine and
//         of Russia near the Black Sea; DataPrep keeps those lying on the final border (the coast).
import { readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as topojson from 'topojson-client';

const require = createRequire(import.meta.url);
const outDir = process.argv[2];
if (!outDir) {
  console.error('usage: node extract.mjs OUT_DIR');
  process.exit(2);
}

const topoPath = require.resolve('world-atlas/countries-10m.json');
const topology = JSON.parse(readFileSync(topoPath, 'utf8'));

// world-atlas carries only the name and the ISO 3166 numeric id; the alpha-2 codes are added here.
const wanted = new Map([
  ['804', 'UA'], ['643', 'RU'], ['616', 'PL'], ['703', 'SK'],
  ['348', 'HU'], ['642', 'RO'], ['498', 'MD'], ['112', 'BY'],
]);

const geometries = topology.objects.countries.geometries;
const features = [];
for (const g of geometries) {
  const iso2 = wanted.get(String(g.id));
  if (!iso2) continue;
  const f = topojson.feature(topology, g);
  features.push({
    type: 'Feature',
    properties: { name: g.properties.name, iso_a2: iso2, iso_n3: String(g.id) },
    geometry: f.geometry,
  });
}
if (features.length !== wanted.size) {
  console.error(`expected ${wanted.size} countries, found ${features.length}`);
  process.exit(1);
}

// An arc used by a single geometry (a === b) is not a land boundary between two countries: for Ukraine
// and Crimea it is the Black Sea / Sea of Azov shore. Russia is restricted to arcs near the Black Sea so
// the file stays small; DataPrep then keeps only what lies on the final (Ukraine ∪ Crimea) border.
const uaRu = new Set(['804', '643']);
const exterior = topojson.mesh(topology, topology.objects.countries,
  (a, b) => a === b && uaRu.has(String(a.id)));
const nearBlackSea = ([lon, lat]) => lon >= 27 && lon <= 41 && lat >= 43 && lat <= 48.5;
const lines = exterior.coordinates.filter(line => line.some(nearBlackSea));

mkdirSync(outDir, { recursive: true });
writeFileSync(`${outDir}/countries.geojson`,
  JSON.stringify({ type: 'FeatureCollection', features }));
writeFileSync(`${outDir}/coast-candidates.geojson`, JSON.stringify({
  type: 'FeatureCollection',
  features: [{ type: 'Feature', properties: { source: 'world-atlas countries-10m exterior arcs' },
    geometry: { type: 'MultiLineString', coordinates: lines } }],
}));
console.log(`extract: ${features.length} countries, ${lines.length} coast candidate lines -> ${outDir}`);
