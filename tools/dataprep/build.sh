#!/usr/bin/env bash
# Regenerates the derived files of data/ukraine/ from their sources:
#   1. npm ci                      world-atlas@2.0.2 (Natural Earth 1:10m) + topojson-client@3.1.0, pinned
#   2. node extract.mjs out        TopoJSON -> GeoJSON (countries, coast candidate arcs), unmodified
#   3. DataPrep build              fix (GeometryFixer), union Ukraine + Crimea (OverlayNG), coast, coastal
#                                  zone, exclusion/priority zones, neighbours, demand_points.csv
#   4. DataPrep roads              road_nodes.csv + roads.geojson from roads.spec (+ access links)
#   5. DataPrep check              validates the whole folder
# Hand-written inputs (kept in git, edited by hand): data/ukraine/{places,sites,entry_points,
# equipment_types,inventory,vehicle_types,fleet}.csv and tools/dataprep/roads.spec.
# Usage: tools/dataprep/build.sh [--landward-km KM]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
data="$root/data/ukraine"
landward=10
if [[ "${1:-}" == "--landward-km" ]]; then landward="$2"; fi

cd "$here"
npm ci --no-audit --no-fund
node extract.mjs "$here/out"

cd "$root"
dataprep=(dotnet run --project tools/HubPlanner.DataPrep --)
"${dataprep[@]}" build --raw "$here/out" --out "$data" --landward-km "$landward"
"${dataprep[@]}" roads --spec "$here/roads.spec" --out "$data"
"${dataprep[@]}" theatre --spec "$here/control.spec" --out "$data"
"${dataprep[@]}" check "$data"
