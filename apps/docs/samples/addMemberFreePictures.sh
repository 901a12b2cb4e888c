#!/usr/bin/env bash
# A group manager adds two JPEG files to the free gallery of group member 123456.
set -euo pipefail

base_url="${ADULTWORK_BASE_URL:-https://api-sandbox.adultwork.com}"
beach="$(base64 < beach.jpg | tr -d '\n')"
sunset="$(base64 < sunset.jpg | tr -d '\n')"

# The token is the manager's own; UserID names the member to act for.
curl --fail-with-body --silent --show-error --write-out 'HTTP %{http_code}\n' \
  --request POST "$base_url/v1/Groups/Pictures/AddFreePictures" \
  --header "Authorization: Bearer $ADULTWORK_ACCESS_TOKEN" \
  --header "Content-Type: application/json" \
  --data @- <<JSON
{
  "UserID": 123456,
  "Pictures": [
    { "Description": "My free image", "Image": "$beach" },
    { "Description": "My free image 2", "Image": "$sunset" }
  ]
}
JSON
