#!/usr/bin/env bash
# Prepares a fresh Debian + Node 20 machine: the system packages the stack and the learner's fast
# matmul need (installed with apt when run as root), then the npm packages from the lockfile.
# Without root it installs nothing system-wide and says what is missing; the learner then falls
# back to its JavaScript matmul, and nats-server must be installed by hand.
set -euo pipefail
cd "$(dirname "$0")/../.."

missing=()
command -v nats-server >/dev/null 2>&1 || [ -n "${NATS_SERVER_BIN:-}" ] || missing+=(nats-server)
# The OpenBLAS addon (learner/backends/native) compiles at `npm ci` with these.
[ -e /usr/include/cblas.h ] || compgen -G "/usr/include/*/cblas.h" >/dev/null || missing+=(libopenblas-dev)
command -v g++ >/dev/null 2>&1 || missing+=(g++)
command -v make >/dev/null 2>&1 || missing+=(make)
command -v python3 >/dev/null 2>&1 || missing+=(python3)
# The tests drive the live dashboard and the reports' chart layout in headless Chromium.
command -v chromium >/dev/null 2>&1 || [ -n "${CHROMIUM_BIN:-}" ] || missing+=(chromium)

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    echo "installing ${missing[*]} (apt-get)…" >&2
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "missing system packages: ${missing[*]} (run 'sudo apt-get install -y ${missing[*]}')" >&2
  fi
fi

npm ci --no-audit --no-fund
