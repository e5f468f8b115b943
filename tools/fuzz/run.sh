#!/usr/bin/env bash
# Coverage-guided fuzzing of one input reader for a bounded time (not part of CI or the test suite).
#
#   tools/fuzz/run.sh TARGET SECONDS      TARGET: csv, geojson or pbf
#
# Needs afl-fuzz (Debian package afl++) and the SharpFuzz instrumenter
# (dotnet tool install --global SharpFuzz.CommandLine --version 2.3.0). Builds tools/HubPlanner.Fuzz,
# instruments HubPlanner.Data and the parsers it uses, seeds the corpus from the seven-nodes fixture and
# runs afl-fuzz for SECONDS. The instrumented build goes to ${FUZZ_WORK:-/tmp/hubplanner-fuzz}/bin and is
# reused by later runs (FUZZ_REBUILD=1 rebuilds it); work goes to $FUZZ_WORK/TARGET; findings are in its
# out/default/crashes and out/default/hangs, reproduced (with the uninstrumented build: the instrumented one
# only runs under afl-fuzz) by
#   dotnet run --project tools/HubPlanner.Fuzz -c Release -- TARGET FILE...
set -euo pipefail
target=${1:?usage: run.sh csv|geojson|pbf SECONDS}
seconds=${2:?usage: run.sh csv|geojson|pbf SECONDS}
case $target in csv | geojson | pbf) ;; *) echo "unknown target '$target' (csv, geojson, pbf)" >&2; exit 2 ;; esac
root=$(cd "$(dirname "$0")/../.." && pwd)
work=${FUZZ_WORK:-/tmp/hubplanner-fuzz}/$target
bin=${FUZZ_WORK:-/tmp/hubplanner-fuzz}/bin
export PATH="$PATH:$HOME/.dotnet/tools"
command -v afl-fuzz > /dev/null || { echo "afl-fuzz not found: apt-get install afl++" >&2; exit 2; }
command -v sharpfuzz > /dev/null || { echo "sharpfuzz not found: dotnet tool install --global SharpFuzz.CommandLine --version 2.3.0" >&2; exit 2; }

rm -rf "$work/out"
mkdir -p "$work/seeds"
if [[ ${FUZZ_REBUILD:-0} == 1 || ! -f $bin/.instrumented ]]; then
  rm -rf "$bin"
  dotnet publish "$root/tools/HubPlanner.Fuzz" -c Release -o "$bin" --nologo -v quiet
  dotnet "$bin/HubPlanner.Fuzz.dll" seed-pbf "$bin/seed.osm.pbf" # before instrumenting
  for dll in HubPlanner.Data.dll CsvHelper.dll OsmSharp.dll NetTopologySuite.IO.GeoJSON4STJ.dll; do
    sharpfuzz "$bin/$dll" > /dev/null
  done
  touch "$bin/.instrumented"
fi

# Seeds: the fixture files, each behind the byte that selects its import kind (the order of
# FuzzTargets.CsvKinds / GeoJsonKinds).
fixture=$root/tests/HubPlanner.Data.Tests/Fixtures/seven-nodes
rm -f "$work/seeds"/*
seed() { { printf "\\x$(printf %02x "$1")"; cat "$2"; } > "$work/seeds/$(basename "$2")"; }
case $target in
  csv)
    i=0
    for f in places sites entry_points equipment_types inventory vehicle_types fleet demand_points road_nodes; do
      seed $i "$fixture/$f.csv"; i=$((i + 1))
    done ;;
  geojson)
    i=0
    for f in roads zones border coast neighbours; do
      seed $i "$fixture/$f.geojson"; i=$((i + 1))
    done ;;
  pbf)
    cp "$bin/seed.osm.pbf" "$work/seeds/" ;;
esac

export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_AFFINITY=1
afl-fuzz -V "$seconds" -i "$work/seeds" -o "$work/out" -t 10000 -m none -- dotnet "$bin/HubPlanner.Fuzz.dll" "$target" > "$work/afl.log" 2>&1 || true

stats=$work/out/default/fuzzer_stats
if [[ ! -f $stats ]]; then
  echo "afl-fuzz did not start; see $work/afl.log" >&2
  tail -20 "$work/afl.log" >&2
  exit 1
fi
crashes=$(find "$work/out/default/crashes" -type f -name 'id:*' | wc -l)
hangs=$(find "$work/out/default/hangs" -type f -name 'id:*' | wc -l)
get() { awk -F' *: *' -v k="$1" '$1 == k { print $2 }' "$stats"; }
echo "fuzz $target: $(get run_time) s, $(get execs_done) executions, corpus $(get corpus_count), edges $(get edges_found), crashes $crashes, hangs $hangs"
if ((crashes + hangs > 0)); then
  echo "reproduce: dotnet run --project tools/HubPlanner.Fuzz -c Release -- $target $work/out/default/crashes/id:* $work/out/default/hangs/id:*"
fi
