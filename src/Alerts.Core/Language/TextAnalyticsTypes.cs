// The one file to change when the Azure.AI.TextAnalytics package becomes available:
// reference the package, point these aliases at Azure.AI.TextAnalytics instead of Alerts.Language.Rest,
// and delete the Rest folder. The extractor and the DI registration use only these names and the members
// the SDK types share (RecognizeEntitiesBatchAsync, HasError, Error.ErrorCode, Entities.Warnings, ...).
global using CategorizedEntity = Alerts.Language.Rest.CategorizedEntity;
global using RecognizeEntitiesResult = Alerts.Language.Rest.RecognizeEntitiesResult;
global using RecognizeEntitiesResultCollection = Alerts.Language.Rest.RecognizeEntitiesResultCollection;
global using TextAnalyticsClient = Alerts.Language.Rest.LanguageClient;
global using TextAnalyticsClientOptions = Alerts.Language.Rest.LanguageClientOptions;
global using TextAnalyticsRequestOptions = Alerts.Language.Rest.TextAnalyticsRequestOptions;
global using TextDocumentInput = Alerts.Language.Rest.TextDocumentInput;
