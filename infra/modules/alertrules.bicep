// Azure Monitor alerts on the pipeline itself, mailed through one action group. Log search alerts on Application
// Insights: a storage queue metric cannot single out the poison queues, so the rules read what the app reports, its
// custom metrics (customMetrics) and the host's record of every function run (requests).
param actionGroupName string
param ruleNamePrefix string
param location string
param tags object
param applicationInsightsName string

@description('Where the alerts are mailed.')
param alertEmail string

@description('How often each rule runs, and the span of telemetry it reads (ISO 8601 durations).')
param evaluationFrequency string = 'PT5M'
param windowSize string = 'PT15M'

// Severity: 1 error (someone must act), 2 warning (degraded), 3 informational (bad input, handled).
var metricRules = [
  {
    name: 'poison-messages'
    metric: 'alerts.poison.messages'
    severity: 1
    displayName: 'Alerts: messages moved to a poison queue'
    description: 'A queue message failed every retry and was set aside: its article or delivery waits for a person.'
  }
  {
    name: 'articles-refused'
    metric: 'alerts.articles.refused'
    severity: 3
    displayName: 'Alerts: uploaded articles refused'
    description: 'Uploads were refused (too large, unreadable, unsupported); their status says why.'
  }
  {
    name: 'language-fallbacks'
    metric: 'alerts.language.fallbacks'
    severity: 2
    displayName: 'Alerts: Azure AI Language unavailable, embedded extractor used'
    description: 'Entity recognition fell back to the embedded extractor: Azure AI Language failed or throttled.'
  }
  {
    name: 'language-config-errors'
    metric: 'alerts.language.config_errors'
    severity: 1
    displayName: 'Alerts: Azure AI Language refuses the app'
    description: 'Azure AI Language answered with a configuration error (endpoint, role, region): every analysis falls back until it is fixed.'
  }
  {
    name: 'digests-failed'
    metric: 'alerts.digests.failed'
    severity: 2
    displayName: 'Alerts: digests failing'
    description: 'Digest emails failed to send; they are retried on the digest retry schedule.'
  }
]

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource actionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = {
  name: actionGroupName
  location: 'global'
  tags: tags
  properties: {
    groupShortName: 'alerts'
    enabled: true
    emailReceivers: [
      {
        name: 'operator'
        emailAddress: alertEmail
        useCommonAlertSchema: true
      }
    ]
  }
}

resource metricAlerts 'Microsoft.Insights/scheduledQueryRules@2026-03-01' = [
  for rule in metricRules: {
    name: '${ruleNamePrefix}${rule.name}'
    location: location
    tags: tags
    kind: 'LogAlert'
    properties: {
      displayName: rule.displayName
      description: rule.description
      severity: rule.severity
      enabled: true
      scopes: [applicationInsights.id]
      evaluationFrequency: evaluationFrequency
      windowSize: windowSize
      criteria: {
        allOf: [
          {
            query: 'customMetrics | where name == \'${rule.metric}\' | extend Total = valueSum'
            timeAggregation: 'Total'
            metricMeasureColumn: 'Total'
            operator: 'GreaterThan'
            threshold: 0
            failingPeriods: {
              numberOfEvaluationPeriods: 1
              minFailingPeriodsToAlert: 1
            }
          }
        ]
      }
      autoMitigate: true
      actions: {
        actionGroups: [actionGroup.id]
      }
    }
  }
]

// Every function run is a request; a failed run (an exception, a 5xx) is one with success false. A 4xx is the
// caller's error, answered as designed, so it is left out.
resource functionFailures 'Microsoft.Insights/scheduledQueryRules@2026-03-01' = {
  name: '${ruleNamePrefix}function-failures'
  location: location
  tags: tags
  kind: 'LogAlert'
  properties: {
    displayName: 'Alerts: function runs failing'
    description: 'Function runs ended in an error (the Functions host records each run as a request).'
    severity: 1
    enabled: true
    scopes: [applicationInsights.id]
    evaluationFrequency: evaluationFrequency
    windowSize: windowSize
    criteria: {
      allOf: [
        {
          query: 'requests | where success == false and not(resultCode startswith "4")'
          timeAggregation: 'Count'
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    autoMitigate: true
    actions: {
      actionGroups: [actionGroup.id]
    }
  }
}

output actionGroupId string = actionGroup.id
