#!/usr/bin/env bash
# Checks the image tarball without a container engine: unpacks its layers into a root file system and
# starts the service in it with chroot (needs root), as the image's own entrypoint would, then asks
# /actuator/health. Proves the image holds a working runtime, its libraries and the application.
set -euo pipefail
cd "$(dirname "$0")/.."
tar_file=target/jib-image.tar
[ -f "$tar_file" ] || { echo "no $tar_file: run packaging/build-image.sh first" >&2; exit 1; }
# not under /tmp: it may be mounted noexec
mkdir -p target
work=$(mktemp -d "$PWD/target/verify-image.XXXXXX")
cleanup() {
  kill "${pid:-0}" 2>/dev/null || true
  sleep 1
  umount "$work/rootfs/proc" "$work/rootfs/dev" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
mkdir -p "$work/image" "$work/rootfs"
tar -xf "$tar_file" -C "$work/image"
for layer in $(python3 -c 'import json,sys; print(" ".join(json.load(open(sys.argv[1]))[0]["Layers"]))' "$work/image/manifest.json"); do
  tar -xzf "$work/image/$layer" -C "$work/rootfs" 2>/dev/null || tar -xf "$work/image/$layer" -C "$work/rootfs"
done
# what a container runtime provides: /proc (the JVM finds its libraries through /proc/self/exe) and /dev
mkdir -p "$work/rootfs/proc" "$work/rootfs/dev"
mount -t proc proc "$work/rootfs/proc"
mount --bind /dev "$work/rootfs/dev"
entrypoint=$(python3 - "$work/image" <<'PY'
import json, sys, os
d = sys.argv[1]
m = json.load(open(os.path.join(d, "manifest.json")))[0]
c = json.load(open(os.path.join(d, m["Config"])))["config"]
print(json.dumps({"entrypoint": c.get("Entrypoint"), "env": c.get("Env"), "workdir": c.get("WorkingDir")}))
PY
)
echo "image config: $entrypoint"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
key=$(head -c 32 /dev/urandom | base64)
# run the image's entrypoint as the image's user (65532) inside the unpacked root file system
mapfile -t cmd < <(python3 -c 'import json,sys; print("\n".join(json.loads(sys.argv[1])["entrypoint"]))' "$entrypoint")
env -i PATH=/opt/java/bin:/usr/bin:/bin ENCRYPTION_KEY="$key" JAVA_TOOL_OPTIONS="-Xmx256m" \
  "$(command -v chroot)" --userspec=65532:65532 "$work/rootfs" "${cmd[@]}" --server.port="$port" --spring.datasource.url="jdbc:h2:file:/tmp/byom;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;QUERY_CACHE_SIZE=64" \
  > "$work/service.log" 2>&1 &
pid=$!
for _ in $(seq 1 120); do
  if curl -sf "http://127.0.0.1:$port/actuator/health" | grep -q UP; then
    echo "image OK: the service in the image answered UP on /actuator/health"
    exit 0
  fi
  kill -0 "$pid" 2>/dev/null || break
  sleep 1
done
echo "the service in the image did not come up:" >&2
tail -40 "$work/service.log" >&2
exit 1
