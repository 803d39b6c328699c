#!/usr/bin/env bash
# System packages the tests use: tesseract with Vietnamese data (OCR tests skip without it) and
# chromium (the review page's browser test skips without it).
# Installs only what is missing; never fails the CI (prints a warning instead).
set -u
PACKAGES=()
if ! { command -v tesseract >/dev/null 2>&1 && tesseract --list-langs 2>/dev/null | grep -qx vie; }; then
    PACKAGES+=(tesseract-ocr tesseract-ocr-vie)
fi
if [ ! -x /usr/bin/chromium ]; then
    PACKAGES+=(chromium)
fi
if [ "${#PACKAGES[@]}" -eq 0 ]; then
    exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then SUDO="sudo -n"; else
        echo "warning: not root and no sudo: ${PACKAGES[*]} not installed; OCR and browser tests will skip" >&2
        exit 0
    fi
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "warning: apt-get not available: install ${PACKAGES[*]} by hand; OCR and browser tests will skip" >&2
    exit 0
fi
export DEBIAN_FRONTEND=noninteractive
if ! $SUDO apt-get update -qq >/dev/null 2>&1; then
    echo "warning: apt-get update failed (no network?); OCR and browser tests will skip" >&2
    exit 0
fi
for pkgs in "tesseract-ocr tesseract-ocr-vie" "chromium"; do
    case " ${PACKAGES[*]} " in *" ${pkgs%% *} "*) ;; *) continue ;; esac
    # shellcheck disable=SC2086
    if ! $SUDO apt-get install -y -qq --no-install-recommends $pkgs >/dev/null 2>&1; then
        echo "warning: could not install $pkgs; the tests that need it will skip" >&2
    fi
done
exit 0
