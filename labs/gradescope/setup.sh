#!/bin/bash
# Gradescope autograder setup (runs once, as root, when Gradescope builds
# the image from the autograder zip; see the "Labs" section of README.md).
#
# The zip holds this file, run_autograder, and the student tree of one lab
# as ipcos/ (make lab LAB=NAME OUT=.../ipcos).  We install what ipcos
# builds and boots with -- the same packages tools/setup installs on
# Debian -- and build the tree once, so that grading a submission only
# recompiles the files the student changed.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends \
    gcc-riscv64-unknown-elf qemu-system-misc opensbi gcc make util-linux
make -C "$here/ipcos" -j2 all
