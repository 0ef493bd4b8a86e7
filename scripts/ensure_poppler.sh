#!/bin/sh
# The handbook tests read the PDF back with poppler-utils (pdftotext, pdftoppm, pdfimages).
set -eu
command -v pdftotext >/dev/null 2>&1 && command -v pdftoppm >/dev/null 2>&1 \
  && command -v pdfimages >/dev/null 2>&1 && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's poppler-utils package (needed by the PDF tests)..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils
  exit 0
fi
cat >&2 <<'MSG'
The PDF tests need poppler-utils (pdftotext, pdftoppm, pdfimages), and they are missing.
  Debian or Ubuntu:  sudo apt-get install poppler-utils
Then run `make test` again.
MSG
exit 1
