# Azure AI Language (kind TextAnalytics) can be created only in a subscription where someone has agreed to the
# Responsible AI terms, and only the Azure portal records that agreement. Without it the deployment fails halfway
# with ResourceKindRequireAcceptTerms, so check first: a Language account in the subscription, live or deleted,
# shows the terms were accepted. Set ALERTS_LANGUAGE_TERMS_ACCEPTED=true to skip the check.
$ErrorActionPreference = 'Stop'

function Fail([string] $message) {
  [Console]::Error.WriteLine("preprovision: $message")
  exit 1
}

if ($env:ALERTS_LANGUAGE_TERMS_ACCEPTED -eq 'true') { exit 0 }

$accept = @"
Accept them once for this subscription: create a Language resource in the Azure portal
(https://portal.azure.com/#create/Microsoft.CognitiveServicesTextAnalytics), tick the Responsible AI notice, create it
(it may be deleted afterwards), then run azd again. If they are accepted already, skip this check with
'azd env set ALERTS_LANGUAGE_TERMS_ACCEPTED true'.
"@

if (-not (Get-Command az -ErrorAction SilentlyContinue)) {
  Fail "the Azure CLI (az) is needed to check that the subscription accepted the Responsible AI terms of Azure AI Language.`nInstall it and sign in with 'az login', or, if the terms are accepted, run 'azd env set ALERTS_LANGUAGE_TERMS_ACCEPTED true'."
}

$subscription = $env:AZURE_SUBSCRIPTION_ID
if (-not $subscription) {
  $subscription = az account show --query id -o tsv 2>$null
  if ($LASTEXITCODE -ne 0 -or -not $subscription) { Fail "the Azure CLI is not signed in: run 'az login' (the account azd uses), then azd again." }
}

$live = az cognitiveservices account list --subscription $subscription --query "length([?kind=='TextAnalytics'])" -o tsv
if ($LASTEXITCODE -ne 0) { Fail "could not list the Azure AI services accounts of subscription $subscription with the Azure CLI: run 'az login' with the account azd uses." }
$deleted = az cognitiveservices account list-deleted --subscription $subscription --query "length([?kind=='TextAnalytics'])" -o tsv 2>$null
if ($LASTEXITCODE -ne 0 -or -not $deleted) { $deleted = '0' }

if ("$live" -notmatch '^\d+$' -or "$deleted" -notmatch '^\d+$') {
  Fail "the Azure CLI gave an unexpected answer when counting Language accounts: '$live' '$deleted'."
}
if ([int]$live -gt 0 -or [int]$deleted -gt 0) { exit 0 }

Fail "subscription $subscription has no Azure AI Language account, so its Responsible AI terms may never have been accepted,`nand creating one would fail with ResourceKindRequireAcceptTerms.`n$accept"
