#!/usr/bin/env bash
# Builds the service's OCI image as a tarball (target/jib-image.tar) with Jib, without a Docker daemon
# and without pulling a base image: the image starts FROM scratch and gets a jlink'd Java 17 runtime
# plus exactly the C libraries that runtime links against, both taken from this build machine.
# Load it with `docker load -i target/jib-image.tar` (or podman/skopeo) on a machine that has one.
set -euo pipefail
cd "$(dirname "$0")/.."

runtime=target/image-runtime
rm -rf "$runtime"
mkdir -p "$runtime/opt" "$runtime/tmp" "$runtime/data"

jdk="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")}"
"$jdk/bin/jlink" --module-path "$jdk/jmods" --add-modules ALL-MODULE-PATH --strip-debug --no-man-pages \
  --no-header-files --output "$runtime/opt/java"
# Debian's JDK keeps cacerts as a link into /etc: make it a real file inside the image.
cp --remove-destination "$(readlink -f "$jdk/lib/security/cacerts")" "$runtime/opt/java/lib/security/cacerts"

# every shared library any binary of the runtime needs, at the same path as on this machine
find "$runtime/opt/java" -type f \( -name '*.so' -o -path '*/bin/*' \) -print0 \
  | xargs -0 -n1 ldd 2>/dev/null | awk '/=> \// {print $3} /^[[:space:]]*\/lib/ {print $1}' \
  | grep -v '/image-runtime/' | sort -u | while read -r lib; do
      mkdir -p "$runtime$(dirname "$lib")"
      cp -L "$lib" "$runtime$lib"
    done
mkdir -p "$runtime/etc"
printf 'root:x:0:0::/:/sbin/nologin\nbyom:x:65532:65532::/data:/sbin/nologin\n' > "$runtime/etc/passwd"

./mvnw -B -q -DskipTests package jib:buildTar -Djib.skipped=false
ls -l target/jib-image.tar
