#!/bin/sh
# After the first deploy the blob trigger's webhook exists and can answer Event Grid's validation: provision once
# more with the Event Grid subscription on. The subscription's URL carries the blobs_extension system key, which
# the host makes only once it has started, so wake the app and wait for the key first. Later deploys find the
# subscription on and do nothing.
set -eu

fail() {
  echo "postdeploy: $*" >&2
  exit 1
}

# azd hands the environment's values to hooks as variables; read them from azd when run by hand.
value() {
  eval "current=\${$1:-}"
  if [ -z "$current" ]; then
    current=$(azd env get-value "$1" 2>/dev/null || true)
  fi
  printf '%s' "$current"
}

if [ "$(value ALERTS_ARTICLE_EVENTS)" = "true" ]; then
  exit 0
fi

app=$(value AZURE_FUNCTION_APP_NAME)
group=$(value AZURE_RESOURCE_GROUP)
url=$(value AZURE_FUNCTION_APP_URL)
[ -n "$app" ] && [ -n "$group" ] && [ -n "$url" ] \
  || fail "AZURE_FUNCTION_APP_NAME, AZURE_RESOURCE_GROUP and AZURE_FUNCTION_APP_URL must be set: run 'azd provision' first."
command -v az >/dev/null 2>&1 \
  || fail "the Azure CLI (az) is needed to read the function host's keys: install it and sign in with 'az login'."

attempts=${ALERTS_WARMUP_ATTEMPTS:-30}
delay=${ALERTS_WARMUP_DELAY_SECONDS:-10}
try=1
while :; do
  # Any request starts the host; the blob extension makes its key as the host starts.
  curl --silent --output /dev/null --max-time 30 "$url/" || true
  # The key stays in this shell: it is a secret.
  key=$(az functionapp keys list --name "$app" --resource-group "$group" --query "systemKeys.blobs_extension" -o tsv 2>/dev/null || true)
  if [ -n "$key" ]; then
    break
  fi
  if [ "$try" -ge "$attempts" ]; then
    fail "the function host of $app has no blobs_extension key after $attempts tries, $delay s apart, so Event Grid
could not validate the blob trigger's webhook. Check that the app started (Application Insights, or
'az functionapp log deployment show --name $app --resource-group $group'), then run 'azd deploy' again."
  fi
  echo "postdeploy: waiting for the function host of $app to start (try $try of $attempts)"
  try=$((try + 1))
  sleep "$delay"
done

azd env set ALERTS_ARTICLE_EVENTS true
if ! azd provision --no-prompt; then
  # Off again, so the next deploy tries again instead of taking the subscription as made.
  azd env set ALERTS_ARTICLE_EVENTS false
  fail "provisioning the Event Grid subscription failed (see above); the next 'azd deploy' tries again."
fi
