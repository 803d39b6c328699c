#!/usr/bin/env bash
# System packages the tests use: tesseract with Vietnamese data (OCR tests skip without it).
# Installs only when tesseract is missing; never fails the CI (prints a warning instead).
set -u
if command -v tesseract >/dev/null 2>&1 && tesseract --list-langs 2>/dev/null | grep -qx vie; then
    exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then SUDO="sudo -n"; else
        echo "warning: not root and no sudo: tesseract-ocr tesseract-ocr-vie not installed; OCR tests will skip" >&2
        exit 0
    fi
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "warning: apt-get not available: install tesseract-ocr and tesseract-ocr-vie by hand; OCR tests will skip" >&2
    exit 0
fi
export DEBIAN_FRONTEND=noninteractive
if ! $SUDO apt-get update -qq >/dev/null 2>&1; then
    echo "warning: apt-get update failed (no network?); OCR tests will skip" >&2
    exit 0
fi
if ! $SUDO apt-get install -y -qq --no-install-recommends tesseract-ocr tesseract-ocr-vie >/dev/null 2>&1; then
    echo "warning: could not install tesseract-ocr tesseract-ocr-vie; OCR tests will skip" >&2
    exit 0
fi
exit 0
