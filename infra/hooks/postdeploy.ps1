# After the first deploy the blob trigger's webhook exists and can answer Event Grid's validation: provision once
# more with the Event Grid subscription on. The subscription's URL carries the blobs_extension system key, which
# the host makes only once it has started, so wake the app and wait for the key first. Later deploys find the
# subscription on and do nothing.
$ErrorActionPreference = 'Stop'

function Fail([string] $message) {
  [Console]::Error.WriteLine("postdeploy: $message")
  exit 1
}

# azd hands the environment's values to hooks as variables; read them from azd when run by hand.
function Get-Value([string] $name) {
  $current = [Environment]::GetEnvironmentVariable($name)
  if (-not $current) { $current = azd env get-value $name 2>$null; if ($LASTEXITCODE -ne 0) { $current = '' } }
  return "$current"
}

if ((Get-Value 'ALERTS_ARTICLE_EVENTS') -eq 'true') { exit 0 }

$app = Get-Value 'AZURE_FUNCTION_APP_NAME'
$group = Get-Value 'AZURE_RESOURCE_GROUP'
$url = Get-Value 'AZURE_FUNCTION_APP_URL'
if (-not $app -or -not $group -or -not $url) {
  Fail "AZURE_FUNCTION_APP_NAME, AZURE_RESOURCE_GROUP and AZURE_FUNCTION_APP_URL must be set: run 'azd provision' first."
}
if (-not (Get-Command az -ErrorAction SilentlyContinue)) {
  Fail "the Azure CLI (az) is needed to read the function host's keys: install it and sign in with 'az login'."
}

$attempts = if ($env:ALERTS_WARMUP_ATTEMPTS) { [int]$env:ALERTS_WARMUP_ATTEMPTS } else { 30 }
$delay = if ($env:ALERTS_WARMUP_DELAY_SECONDS) { [int]$env:ALERTS_WARMUP_DELAY_SECONDS } else { 10 }
for ($try = 1; ; $try++) {
  # Any request starts the host; the blob extension makes its key as the host starts.
  try { Invoke-WebRequest -Uri "$url/" -TimeoutSec 30 -SkipHttpErrorCheck | Out-Null } catch { }
  # The key stays in this script: it is a secret.
  $key = az functionapp keys list --name $app --resource-group $group --query "systemKeys.blobs_extension" -o tsv 2>$null
  if ($LASTEXITCODE -eq 0 -and $key) { break }
  if ($try -ge $attempts) {
    Fail "the function host of $app has no blobs_extension key after $attempts tries, $delay s apart, so Event Grid`ncould not validate the blob trigger's webhook. Check that the app started (Application Insights, or`n'az functionapp log deployment show --name $app --resource-group $group'), then run 'azd deploy' again."
  }
  Write-Output "postdeploy: waiting for the function host of $app to start (try $try of $attempts)"
  Start-Sleep -Seconds $delay
}

azd env set ALERTS_ARTICLE_EVENTS true
if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
azd provision --no-prompt
if ($LASTEXITCODE -ne 0) {
  # Off again, so the next deploy tries again instead of taking the subscription as made.
  azd env set ALERTS_ARTICLE_EVENTS false
  Fail "provisioning the Event Grid subscription failed (see above); the next 'azd deploy' tries again."
}
