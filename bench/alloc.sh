#!/usr/bin/env bash
# Allocation per gateway call and per Lab call, from JFR (see bench.Bench#allocation): a figure that does not move
# with the machine's load, unlike the latencies of run.sh. About 2 minutes.
#
#   bench/alloc.sh              builds the service from this tree (as run.sh does) and measures it
#   bench/alloc.sh SERVICE.jar  measures that jar (e.g. one built from another commit), with this tree's bench
#   further arguments go to bench.Bench: --alloc-warmup-seconds=30 --alloc-calls=3000 --alloc-sessions=300
#
# Prints KB per call; the top allocation sites are in bench/.work/alloc-{gateway_json,gateway_stream,lab}.txt.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BENCH="$ROOT/bench"
WORK="$BENCH/.work"
JDK17="${JDK17:-/usr/lib/jvm/java-17-openjdk-amd64}"
JDK25="${JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}"
[ -x "$JDK17/bin/java" ] || JDK17="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
DRIVER_JAVA="$JDK17/bin/java"; [ -x "$JDK25/bin/java" ] && DRIVER_JAVA="$JDK25/bin/java"
mkdir -p "$WORK"

if [ $# -ge 1 ] && [ -f "$1" ]; then
  JAR="$(readlink -f "$1")"; shift
else
  mkdir -p "$WORK/build"
  rsync -a --delete --exclude /target --exclude /data --exclude /bench --exclude /.git "$ROOT/" "$WORK/build/"
  (cd "$WORK/build" && JAVA_HOME="$JDK17" ./mvnw -q -DskipTests package)
  JAR="$(ls "$WORK"/build/target/byom-lab-*.jar | grep -v original | head -1)"
fi
rm -rf "$WORK/alloc-app" "$WORK/alloc-classes"
"$JDK17/bin/java" -Djarmode=tools -jar "$JAR" extract --destination "$WORK/alloc-app" >/dev/null
APPJAR="$(ls "$WORK"/alloc-app/byom-lab-*.jar | head -1)"
"$JDK17/bin/javac" --release 17 -nowarn -cp "$APPJAR:$WORK/alloc-app/lib/*" -d "$WORK/alloc-classes" \
  "$BENCH"/src/bench/*.java

cd "$ROOT"
"$DRIVER_JAVA" -Xmx2g -Xms2g -cp "$WORK/alloc-classes" bench.Bench --java="$JDK17/bin/java" --jar="$JAR" \
  --label=alloc --items=alloc --users=2 --work="$WORK" --out="$WORK/alloc-results.txt" "$@" 2>&1 | grep '^\[bench' || true
grep '^alloc\.' "$WORK/alloc-results.txt"
