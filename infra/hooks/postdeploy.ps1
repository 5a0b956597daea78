# After the first deploy the blob trigger's webhook exists and can answer Event Grid's validation:
# provision once more with the Event Grid subscription on. Later deploys find it on and do nothing.
$ErrorActionPreference = 'Stop'
$current = azd env get-value ALERTS_ARTICLE_EVENTS 2>$null
if ($current -eq 'true') { exit 0 }
azd env set ALERTS_ARTICLE_EVENTS true
azd provision --no-prompt
if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
