#!/usr/bin/env bash
# Installs Debian's nats-server when it is missing (the stack and the integration tests need it).
set -euo pipefail
if command -v nats-server >/dev/null 2>&1 || [ -n "${NATS_SERVER_BIN:-}" ]; then exit 0; fi
if [ "$(id -u)" -ne 0 ]; then
  echo "nats-server is missing: run 'sudo apt-get install -y nats-server'" >&2
  exit 1
fi
echo "installing nats-server (apt-get)…" >&2
apt-get update -qq >/dev/null
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nats-server >/dev/null
nats-server --version >&2
