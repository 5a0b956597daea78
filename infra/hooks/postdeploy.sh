#!/bin/sh
# After the first deploy the blob trigger's webhook exists and can answer Event Grid's validation:
# provision once more with the Event Grid subscription on. Later deploys find it on and do nothing.
set -eu
if [ "$(azd env get-value ALERTS_ARTICLE_EVENTS 2>/dev/null || true)" = "true" ]; then
  exit 0
fi
azd env set ALERTS_ARTICLE_EVENTS true
azd provision --no-prompt
