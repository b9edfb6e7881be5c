#!/usr/bin/env bash
# BYOM Lab benchmark: builds what it needs, runs items 1-5 of issue 8, prints the results table and writes it
# into docs/benchmarks.md (between the bench:results markers). About 9-10 minutes on a 2-core machine.
#
#   bench/run.sh            the whole benchmark
#   BENCH_QUICK=1 bench/run.sh   a short smoke run (fewer seconds, fewer levels; figures not for the record)
#   BENCH_ITEMS=5 bench/run.sh   only some items (here the gateway); printed, docs/benchmarks.md left alone
#
# Needs: JDK 17 (the service's baseline), optionally JDK 25 (virtual threads; the driver and the second service
# run use it), node + npm for the Portkey side-by-side (skipped with a note when missing).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BENCH="$ROOT/bench"
WORK="$BENCH/.work"
JDK17="${JDK17:-/usr/lib/jvm/java-17-openjdk-amd64}"
JDK25="${JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}"
[ -x "$JDK17/bin/java" ] || JDK17="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
HAVE25=0; [ -x "$JDK25/bin/java" ] && HAVE25=1
DRIVER_JAVA="$JDK17/bin/java"; [ "$HAVE25" = 1 ] && DRIVER_JAVA="$JDK25/bin/java"
START=$(date +%s)
# CPU time the hypervisor gave to other guests ("steal", /proc/stat): on a shared VM it moves figures between runs.
cpu_ticks() { awk '/^cpu /{t=0; for (i=2; i<=NF; i++) t+=$i; print t, $9}' /proc/stat; }
read -r TICKS0 STEAL0 < <(cpu_ticks)
say() { echo "[run.sh $(date +%T)] $*"; }

mkdir -p "$WORK/results"
rm -f "$WORK/results"/*.txt

# 1. The service jar, built from a private copy of the sources (other builds in target/ are left alone).
say "building the service (private copy in bench/.work/build)"
mkdir -p "$WORK/build"
rsync -a --delete --exclude /target --exclude /data --exclude /bench --exclude /.git "$ROOT/" "$WORK/build/"
(cd "$WORK/build" && JAVA_HOME="$JDK17" ./mvnw -q -DskipTests package)
JAR="$(ls "$WORK"/build/target/byom-lab-*.jar | grep -v original | head -1)"
rm -rf "$WORK/app"
"$JDK17/bin/java" -Djarmode=tools -jar "$JAR" extract --destination "$WORK/app" >/dev/null
APPJAR="$(ls "$WORK"/app/byom-lab-*.jar | head -1)"

# 2. The bench itself (plain javac; compiled for 17 so the item-1 harness runs in the service's JVM version).
say "compiling the bench"
rm -rf "$WORK/classes"
"$JDK17/bin/javac" --release 17 -nowarn -cp "$APPJAR:$WORK/app/lib/*" -d "$WORK/classes" \
  "$BENCH"/src/bench/*.java "$BENCH"/harness/bench/*.java

# 3. Portkey for item 5, installed at run time into bench/node_modules (gitignored; no lock file written).
PORTKEY_OPT=""
if command -v npm >/dev/null 2>&1; then
  # Reinstalled whenever package.json changed since the last install (its pins are part of the comparison).
  if ! cmp -s "$BENCH/package.json" "$BENCH/node_modules/.installed-package.json"; then
    say "installing @portkey-ai/gateway (bench/package.json)"
    (cd "$BENCH" && npm install --no-audit --no-fund --no-package-lock --loglevel=error >/dev/null \
      && cp package.json node_modules/.installed-package.json) || true
  fi
  [ -f "$BENCH/node_modules/@portkey-ai/gateway/build/start-server.js" ] && PORTKEY_OPT="--portkey-dir=$BENCH"
else
  say "npm not found: item 5 runs without the Portkey side-by-side"
fi

QUICK=()
if [ "${BENCH_QUICK:-0}" = 1 ]; then
  QUICK=(--warmup-seconds=5 --settle-seconds=2 --item5-warmup-seconds=2 --item5-settle-seconds=2 --item3-seconds=4 --item4-levels=100,250 --item4-latency-ms=2000 --item4-calls=2
         --item5-rounds=2 --item5-n1=50 --item5-n16=200 --item5-level-warmup-ms=500)
  ITER=2000
else
  ITER=10000
fi

cd "$ROOT"
# 4. Item 1, in process on JDK 17.
# Run from the fat jar itself (as `java -jar` runs the service), the harness classes added with loader.path.
ITEMS="${BENCH_ITEMS:-1,2,3,4,5}"   # e.g. BENCH_ITEMS=5 for the gateway alone (figures of one run, not a full table)
ITEMS25="$(echo "$ITEMS" | tr ',' '\n' | grep -E '^[234]$' | paste -sd, || true)"
if [[ ",$ITEMS," == *,1,* ]]; then
say "item 1: credential resolve (in-process harness)"
"$JDK17/bin/java" -Xmx1g -Dloader.main=bench.CredentialResolve -Dloader.path="$WORK/classes" -cp "$JAR" \
  org.springframework.boot.loader.launch.PropertiesLauncher \
  --iterations=$ITER --work="$WORK" --out="$WORK/results/item1.txt" 2>&1 | grep '^\[bench' || true
fi

# 5. Items 2-5 against the service on JDK 17 (platform threads), then items 2-4 on JDK 25 (virtual threads).
say "items 2-5: service on JDK 17"
"$DRIVER_JAVA" -Xmx2g -Xms2g -cp "$WORK/classes" bench.Bench --java="$JDK17/bin/java" --jar="$JAR" --label=jdk17 \
  --items="$(echo "$ITEMS" | tr ',' '\n' | grep -v '^1$' | paste -sd,)" --work="$WORK" --out="$WORK/results/jdk17.txt" $PORTKEY_OPT "${QUICK[@]}" || say "JDK 17 run failed"
if [ "$HAVE25" = 1 ] && [ -n "$ITEMS25" ]; then
  say "items $ITEMS25: service on JDK 25"
  "$DRIVER_JAVA" -Xmx2g -Xms2g -cp "$WORK/classes" bench.Bench --java="$JDK25/bin/java" --jar="$JAR" --label=jdk25 \
    --items="$ITEMS25" --work="$WORK" --out="$WORK/results/jdk25.txt" "${QUICK[@]}" || say "JDK 25 run failed"
fi

# 6. The table: printed and written into docs/benchmarks.md.
{
  echo "Date: $(date -u '+%Y-%m-%d %H:%M UTC'); wall time of the whole run: $(( $(date +%s) - START )) s"
  echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -h | awk '/^Mem:/{print $2}') RAM"
  echo "Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine makes the figures noisier)"
  read -r TICKS1 STEAL1 < <(cpu_ticks)
  echo "CPU time stolen by the hypervisor during the run: $(awk -v s=$((STEAL1 - STEAL0)) -v t=$((TICKS1 - TICKS0)) 'BEGIN{printf "%.1f", t ? 100*s/t : 0}') % (other guests on the host; it varies the figures between runs)"
  echo "JDKs: $("$JDK17/bin/java" -version 2>&1 | head -1)$([ "$HAVE25" = 1 ] && echo "; $("$JDK25/bin/java" -version 2>&1 | head -1)")"
} > "$WORK/machine.txt"
DOC=(--doc="$ROOT/docs/benchmarks.md"); [ "$ITEMS" = "1,2,3,4,5" ] || DOC=()   # a part of the run is only printed
"$DRIVER_JAVA" -cp "$WORK/classes" bench.Report --results="$WORK/results" "${DOC[@]}" \
  --command="$([ "$ITEMS" = "1,2,3,4,5" ] || echo "BENCH_ITEMS=$ITEMS ")bench/run.sh" --machine="$WORK/machine.txt"
say "done in $(( $(date +%s) - START )) s$([ ${#DOC[@]} -gt 0 ] && echo "; table written to docs/benchmarks.md")"
