#!/usr/bin/env bash
# Makes Debian's redis-server available for the tests of @tern/redis and the multi-process e2e
# suite. It only installs the binary: each suite starts its own server on a free loopback port and
# stops it by its PID (packages/redis/src/testing/redis-server.ts). Without the binary those suites
# fail and say how to install it; they never skip.
set -uo pipefail
binary="${REDIS_SERVER:-redis-server}"
command -v "$binary" >/dev/null 2>&1 && exit 0

printf '\n=== redis-server for @tern/redis and the scale-out e2e (Debian package)\n'
if ! command -v apt-get >/dev/null 2>&1; then
  echo "no apt-get here: install redis-server (or valkey-server) yourself, or set REDIS_SERVER to its binary"
  exit 0
fi
if [ "$(id -u)" = 0 ]; then
  as_root=(env)
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  as_root=(sudo -n env)
else
  echo "not root and no password-less sudo: run 'sudo apt-get install -y redis-server' yourself"
  exit 0
fi
log=$(mktemp)
# policy-rc.d 101: the package must not start a system-wide server of its own.
policy=/usr/sbin/policy-rc.d
made_policy=0
if [ ! -e "$policy" ] && [ "$(id -u)" = 0 ]; then
  printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod +x "$policy" && made_policy=1
fi
if timeout 300 "${as_root[@]}" DEBIAN_FRONTEND=noninteractive apt-get update -qq >"$log" 2>&1 &&
  timeout 600 "${as_root[@]}" DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >>"$log" 2>&1; then
  echo "installed: $("$binary" --version 2>/dev/null | head -n 1)"
else
  echo "could not install redis-server (the Redis suites will fail); last lines of apt-get:"
  tail -n 20 "$log"
fi
[ "$made_policy" = 1 ] && rm -f "$policy"
rm -f "$log"
exit 0
