// The function app's settings. Set apart from the app itself so they can hold what exists only once the app does:
// its own address (defaultHostName), which Azure may give a suffix the app's name alone does not predict.
param functionAppName string

@description('App settings, exactly as the app reads them; main.bicep lists them.')
param settings object

resource site 'Microsoft.Web/sites@2025-03-01' existing = {
  name: functionAppName
}

resource appSettings 'Microsoft.Web/sites/config@2025-03-01' = {
  parent: site
  name: 'appsettings'
  properties: settings
}
