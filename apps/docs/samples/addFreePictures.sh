#!/usr/bin/env bash
# Adds two JPEG files to the free gallery of the user who owns the access token.
set -euo pipefail

base_url="${ADULTWORK_BASE_URL:-https://api-sandbox.adultwork.com}"
beach="$(base64 < beach.jpg | tr -d '\n')"
sunset="$(base64 < sunset.jpg | tr -d '\n')"

curl --fail-with-body --silent --show-error --write-out 'HTTP %{http_code}\n' \
  --request POST "$base_url/v1/Pictures/AddFreePictures" \
  --header "Authorization: Bearer $ADULTWORK_ACCESS_TOKEN" \
  --header "Content-Type: application/json" \
  --data @- <<JSON
{
  "Pictures": [
    { "Description": "My free image", "Image": "$beach" },
    { "Description": "My free image 2", "Image": "$sunset" }
  ]
}
JSON
