#!/bin/sh
# Writes an e-mail (MIME) with the given survey exports attached, to standard output, ready for any SMTP client:
#
#   scripts/mail-export.sh sample-input/*.csv > exports.eml
#   curl smtp://localhost:3025 --mail-from analyst@localhost --mail-rcpt surveys@localhost --upload-file exports.eml
#
# Options (before the files): --from ADDRESS (analyst@localhost), --to ADDRESS (surveys@localhost),
# --subject TEXT ("Survey exports"). Each run gets its own Message-ID: mailing the same file again is a new message
# (caregap recognises the content as a repeat); uploading the same .eml twice is the same message, read once.
set -eu

from="analyst@localhost"
to="surveys@localhost"
subject="Survey exports"
while [ $# -gt 0 ]; do
    case "$1" in
        --from) from="$2"; shift 2 ;;
        --to) to="$2"; shift 2 ;;
        --subject) subject="$2"; shift 2 ;;
        --) shift; break ;;
        -*) echo "unknown option $1 (use --from, --to, --subject)" >&2; exit 2 ;;
        *) break ;;
    esac
done
if [ $# -eq 0 ]; then
    echo "usage: $0 [--from ADDRESS] [--to ADDRESS] [--subject TEXT] FILE..." >&2
    exit 2
fi

boundary="caregap-$(date +%s)-$$"
crlf() { sed 's/$/\r/'; }
{
    echo "From: $from"
    echo "To: $to"
    echo "Subject: $subject"
    echo "Date: $(LC_ALL=C date -R)"
    echo "Message-ID: <$(date +%s).$$.$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')@$(echo "$from" | sed 's/.*@//')>"
    echo "MIME-Version: 1.0"
    echo "Content-Type: multipart/mixed; boundary=\"$boundary\""
    echo
    echo "--$boundary"
    echo "Content-Type: text/plain; charset=UTF-8"
    echo
    echo "Survey exports attached: $(for f in "$@"; do printf '%s ' "$(basename "$f")"; done)"
    for file in "$@"; do
        name=$(basename "$file")
        echo "--$boundary"
        echo "Content-Type: application/octet-stream; name=\"$name\""
        echo "Content-Disposition: attachment; filename=\"$name\""
        echo "Content-Transfer-Encoding: base64"
        echo
        base64 -w 76 "$file"
    done
    echo "--$boundary--"
} | crlf
