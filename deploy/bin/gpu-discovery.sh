#!/usr/bin/env bash
# gpu-discovery.sh — Spark's GPU discovery script for mixmo-spark (executors on YARN and Kubernetes,
# workers of a standalone cluster). Prints the JSON Spark expects on one line:
#   {"name":"gpu","addresses":["0","1"]}
# one address per NVIDIA GPU this process may use, numbered as CUDA numbers them, because each
# task binds its thread to CUDA device <address> (io.mixmo.driver.gpu). Without CUDA_VISIBLE_DEVICES
# the addresses are nvidia-smi's indices (the application sets CUDA_DEVICE_ORDER=PCI_BUS_ID in the
# executors' environment, so CUDA's order is nvidia-smi's); with CUDA_VISIBLE_DEVICES (containers,
# YARN's GPU isolation) CUDA sees only the listed devices, renumbered 0..n-1, and so does this script.
#
# Needs nvidia-smi (installed with the NVIDIA driver). Exit 0 with the JSON, or 1 with the reason on
# stderr (Spark then fails the executor and logs the message). Use:
#   spark.executor.resource.gpu.discoveryScript   /opt/mixmo/bin/gpu-discovery.sh   (or --gpu-discovery-script)
#   spark.worker.resource.gpu.discoveryScript     /opt/mixmo/bin/gpu-discovery.sh   (standalone workers)
set -euo pipefail

fail() { echo "gpu-discovery.sh on $(hostname): $*" >&2; exit 1; }

command -v nvidia-smi >/dev/null 2>&1 \
  || fail "nvidia-smi not found on PATH: install the NVIDIA driver on this node (it ships nvidia-smi), or drop --gpus-per-executor"
if ! indices="$(nvidia-smi --query-gpu=index --format=csv,noheader 2>&1)"; then
  fail "nvidia-smi failed: ${indices//$'\n'/ }"
fi
indices="$(printf '%s\n' "$indices" | tr -d ' \r' | grep -E '^[0-9]+$' || true)"
count="$(printf '%s' "$indices" | grep -c . || true)"

addresses=()
if [ -n "${CUDA_VISIBLE_DEVICES+set}" ]; then
  IFS=',' read -r -a visible <<< "$CUDA_VISIBLE_DEVICES"
  n=0
  for v in ${visible[@]+"${visible[@]}"}; do
    v="${v// /}"
    [ -n "$v" ] || continue
    # A numeric entry must name a GPU nvidia-smi lists (UUIDs and MIG names are passed through).
    if [[ "$v" =~ ^[0-9]+$ ]] && ! printf '%s\n' "$indices" | grep -qx "$v"; then
      fail "CUDA_VISIBLE_DEVICES=$CUDA_VISIBLE_DEVICES names GPU $v, but nvidia-smi lists ${count} GPU(s): ${indices//$'\n'/,}"
    fi
    addresses+=("$n")
    n=$((n + 1))
  done
else
  while IFS= read -r i; do
    [ -n "$i" ] && addresses+=("$i")
  done <<< "$indices"
fi

json=""
for a in ${addresses[@]+"${addresses[@]}"}; do
  json="${json:+$json,}\"$a\""
done
printf '{"name":"gpu","addresses":[%s]}\n' "$json"
