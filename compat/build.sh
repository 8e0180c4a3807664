#!/usr/bin/env bash
# Builds the lab's reference binaries from their Go modules into target/bin: otelcol (the
# distribution in otelcol/) and jaeger (the v2 binary pinned as a tool in jaeger/go.mod).
# A binary is rebuilt only when the files it is built from change; their hash is kept beside it.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if ! command -v go >/dev/null 2>&1; then
  echo "build.sh: needs Go 1.26 (the go command) and access to the Go module proxy" >&2
  exit 1
fi
bin="$here/target/bin"
mkdir -p "$bin"
# go.sum may gain entries while building; -mod=mod lets it, instead of failing the build.
export GOFLAGS="${GOFLAGS:+$GOFLAGS }-mod=mod -trimpath"

# build NAME PACKAGE: builds PACKAGE inside module dir NAME into $bin/NAME, unless up to date.
build() {
  local name="$1" package="$2" module="$here/$1"
  local stamp="$bin/$name.sources" sources
  sources="$(cd "$module" && cat go.mod go.sum $(ls *.go 2>/dev/null) | sha256sum | cut -d' ' -f1)"
  if [[ -x "$bin/$name" && -f "$stamp" && "$(cat "$stamp")" == "$sources" ]]; then
    echo "build.sh: $name is up to date"
    return
  fi
  echo "build.sh: building $name (the first build takes many minutes)"
  local started=$SECONDS
  (cd "$module" && go build -o "$bin/$name.tmp" "$package")
  mv "$bin/$name.tmp" "$bin/$name"
  # Hash again: the build may have completed go.sum.
  (cd "$module" && cat go.mod go.sum $(ls *.go 2>/dev/null) | sha256sum | cut -d' ' -f1) > "$stamp"
  echo "build.sh: built $name in $((SECONDS - started)) s, $(du -h "$bin/$name" | cut -f1)"
}

build otelcol .
build jaeger github.com/jaegertracing/jaeger/cmd/jaeger
