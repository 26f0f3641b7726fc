#!/usr/bin/env bash
# Installs everything Drempel needs to build, test and analyse, from Debian 12 packages.
# Idempotent: apt-get skips what is already installed. Run as root (or via sudo).
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config git
  libboost-graph-dev libeigen3-dev libtbb-dev
  libhdf5-dev hdf5-tools netcdf-bin
  nlohmann-json3-dev catch2 librandom123-dev
  libbenchmark-dev libcli11-dev libnlopt-dev libnlopt-cxx-dev
  r-base-core r-cran-msm
  # The `mpi` preset (docs/mpi.md): OpenMPI's headers, library and mpirun.
  libopenmpi-dev openmpi-bin
  bsdutils python3 python3-h5py python3-numpy python3-pandas python3-matplotlib python3-xarray python3-h5netcdf
  # The "asan" preset and the fuzz targets (docs/fuzzing.md): clang 14; its sanitizer and libFuzzer
  # runtimes (libclang_rt.asan, .ubsan_standalone, .fuzzer), which clang only recommends and
  # --no-install-recommends would leave out; llvm-symbolizer (package llvm) for readable reports.
  clang libclang-rt-14-dev llvm
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
echo "install-deps: installed ${missing[*]}"
