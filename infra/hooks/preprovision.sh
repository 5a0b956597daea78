#!/bin/sh
# Azure AI Language (kind TextAnalytics) can be created only in a subscription where someone has agreed to the
# Responsible AI terms, and only the Azure portal records that agreement. Without it the deployment fails halfway
# with ResourceKindRequireAcceptTerms, so check first: a Language account in the subscription, live or deleted,
# shows the terms were accepted. Set ALERTS_LANGUAGE_TERMS_ACCEPTED=true to skip the check.
set -eu

fail() {
  echo "preprovision: $*" >&2
  exit 1
}

if [ "${ALERTS_LANGUAGE_TERMS_ACCEPTED:-}" = "true" ]; then
  exit 0
fi

accept="Accept them once for this subscription: create a Language resource in the Azure portal
(https://portal.azure.com/#create/Microsoft.CognitiveServicesTextAnalytics), tick the Responsible AI notice, create it
(it may be deleted afterwards), then run azd again. If they are accepted already, skip this check with
'azd env set ALERTS_LANGUAGE_TERMS_ACCEPTED true'."

command -v az >/dev/null 2>&1 \
  || fail "the Azure CLI (az) is needed to check that the subscription accepted the Responsible AI terms of Azure AI Language.
Install it and sign in with 'az login', or, if the terms are accepted, run 'azd env set ALERTS_LANGUAGE_TERMS_ACCEPTED true'."

subscription="${AZURE_SUBSCRIPTION_ID:-}"
if [ -z "$subscription" ]; then
  subscription=$(az account show --query id -o tsv 2>/dev/null) \
    || fail "the Azure CLI is not signed in: run 'az login' (the account azd uses), then azd again."
fi

live=$(az cognitiveservices account list --subscription "$subscription" --query "length([?kind=='TextAnalytics'])" -o tsv) \
  || fail "could not list the Azure AI services accounts of subscription $subscription with the Azure CLI: run 'az login' with the account azd uses."
deleted=$(az cognitiveservices account list-deleted --subscription "$subscription" --query "length([?kind=='TextAnalytics'])" -o tsv 2>/dev/null || echo 0)

case "$live$deleted" in
  *[!0-9]* | "") fail "the Azure CLI gave an unexpected answer when counting Language accounts: '$live' '$deleted'." ;;
esac
if [ "$live" -gt 0 ] || [ "$deleted" -gt 0 ]; then
  exit 0
fi

fail "subscription $subscription has no Azure AI Language account, so its Responsible AI terms may never have been accepted,
and creating one would fail with ResourceKindRequireAcceptTerms.
$accept"
