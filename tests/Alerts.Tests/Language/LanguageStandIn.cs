using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Alerts.Language.Rest;
using Azure.Core.Pipeline;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Alerts.Tests.Language;

/// <summary>
/// A stand-in of the Azure AI Language analyze-text endpoint on 127.0.0.1: checks requests as the service does
/// (path, api-version, headers, credentials, body shape, at most 5 documents and 5,120 text elements each) and answers
/// with the recorded response bodies under Recordings/, finding the names of known-entities.json in the posted
/// text so that offsets are real.
/// </summary>
internal sealed class LanguageStandIn : IAsyncDisposable
{
    public const string Key = "stand-in-key-6f1c0d2e9a8b4c7d";
    public const string Token = "stand-in-token-3b9e";
    public const string ApiVersion = "2024-11-01";

    /// <summary>The older version the stand-in also answers, with entities in the category/subcategory shape.</summary>
    public const string OlderApiVersion = "2023-04-01";

    private const int MaxDocuments = 5;
    private static readonly HashSet<string> ApiVersions = [ApiVersion, OlderApiVersion, "2022-05-01"];
    private static readonly HashSet<string> StringIndexTypes = ["TextElements_v8", "UnicodeCodePoint", "Utf16CodeUnit"];

    private static readonly string RecordingsPath = RepoPaths.Combine("tests", "Alerts.Tests", "Language", "Recordings");
    private static readonly HashSet<string> SupportedLanguages = ["en", "es", "fr", "de", "ru", "kk", "it", "pt", "zh-hans"];
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
    private static readonly Lazy<List<KnownEntity>> Known = new(LoadKnownEntities);

    private readonly WebApplication _app;
    private readonly X509Certificate2? _certificate;

    private LanguageStandIn(WebApplication app, X509Certificate2? certificate, Uri endpoint)
    {
        _app = app;
        _certificate = certificate;
        Endpoint = endpoint;
    }

    public Uri Endpoint { get; }

    private string BasePath { get; init; } = "";

    /// <summary>Every request received, in order.</summary>
    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    /// <summary>Failures to answer with, one per request, before normal processing.</summary>
    public ConcurrentQueue<Fault> Faults { get; } = new();

    /// <summary>A failure to answer every request with (after <see cref="Faults"/> run out).</summary>
    public Fault? AlwaysFail { get; set; }

    /// <summary>Hold requests until the client gives up.</summary>
    public bool Hang { get; set; }

    /// <summary>
    /// The longest document accepted, counted in the request's <c>stringIndexType</c> (5,120 as the service); a
    /// longer one gets the service's per-document InvalidDocument "too large" error. Lower it to play a service that
    /// counts more strictly than the client.
    /// </summary>
    public int MaxDocumentLength { get; set; } = 5120;

    /// <summary>Documents containing this text are rejected with InvalidDocument, as the service rejects a bad document.</summary>
    public string? RejectDocumentsContaining { get; set; }

    /// <summary>Starts the stand-in; <paramref name="basePath"/> (e.g. <c>/lang</c>) puts it behind a path, as API Management does.</summary>
    public static async Task<LanguageStandIn> StartAsync(bool https = false, string basePath = "")
    {
        var certificate = https ? LoopbackCertificate.Create() : null;
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(https ? "https://127.0.0.1:0" : "http://127.0.0.1:0");
        if (certificate is not null)
        {
            builder.WebHost.ConfigureKestrel(k => k.ConfigureHttpsDefaults(h => h.ServerCertificate = certificate));
        }
        var app = builder.Build();
        LanguageStandIn? standIn = null;
        app.Run(context => standIn!.HandleAsync(context));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        standIn = new LanguageStandIn(app, certificate, new Uri(address + basePath + "/")) { BasePath = basePath };
        return standIn;
    }

    /// <summary>Client options for tests: quick retries (Retry-After still wins), and trust in the stand-in's certificate.</summary>
    public LanguageClientOptions ClientOptions(int maxRetries = 2)
    {
        var options = new LanguageClientOptions();
        Configure(options, maxRetries);
        return options;
    }

    public void Configure(LanguageClientOptions options, int maxRetries = 2)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Retry.MaxRetries = maxRetries;
        options.Retry.Delay = TimeSpan.FromMilliseconds(10);
        options.Retry.MaxDelay = TimeSpan.FromSeconds(5);
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(20);
        if (_certificate is not null)
        {
            var thumbprint = _certificate.Thumbprint;
#pragma warning disable CA2000 // The transport owns the handler for the client's lifetime.
            var handler = new HttpClientHandler
            {
                ServerCertificateCustomValidationCallback = (_, certificate, _, _) => certificate?.Thumbprint == thumbprint,
            };
#pragma warning restore CA2000
            options.Transport = new HttpClientTransport(handler);
        }
    }

    public LanguageClient KeyClient(int maxRetries = 2) =>
        new(Endpoint, new Azure.AzureKeyCredential(Key), ClientOptions(maxRetries));

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _certificate?.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        string body;
        using (var reader = new StreamReader(request.Body, Encoding.UTF8))
        {
            body = await reader.ReadToEndAsync(context.RequestAborted);
        }
        var recorded = new RecordedRequest(
            request.Method,
            request.Path.Value ?? "",
            request.Query["api-version"].ToString(),
            request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            body);
        Requests.Enqueue(recorded);

        if (request.Method != HttpMethods.Post || recorded.Path != BasePath + "/language/:analyze-text" || !ApiVersions.Contains(recorded.ApiVersion))
        {
            await AnswerAsync(context, recorded, HttpStatusCode.NotFound, "error-not-found.json");
            return;
        }
        var keyOk = recorded.Headers.TryGetValue("Ocp-Apim-Subscription-Key", out var key) && key == Key;
        var tokenOk = recorded.Headers.TryGetValue("Authorization", out var authorization) && authorization == "Bearer " + Token;
        if (!keyOk && !tokenOk)
        {
            await AnswerAsync(context, recorded, HttpStatusCode.Unauthorized, "error-unauthorized.json");
            return;
        }
        if (!recorded.Headers.TryGetValue("x-ms-client-request-id", out var requestId) || !Guid.TryParse(requestId, out _)
            || !recorded.Headers.TryGetValue("Content-Type", out var contentType) || !contentType.StartsWith("application/json", StringComparison.Ordinal))
        {
            await AnswerAsync(context, recorded, HttpStatusCode.BadRequest, "error-invalid-request.json");
            return;
        }
        if (Hang)
        {
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        }
        if (Faults.TryDequeue(out var fault) || (fault = AlwaysFail) is not null)
        {
            if (fault.RetryAfter is { } retryAfter)
            {
                context.Response.Headers.RetryAfter = retryAfter;
            }
            await AnswerAsync(context, recorded, (HttpStatusCode)fault.Status, fault.Recording);
            return;
        }

        if (!TryReadDocuments(body, out var documents, out var unit))
        {
            await AnswerAsync(context, recorded, HttpStatusCode.BadRequest, "error-invalid-request.json");
            return;
        }
        recorded.Documents = documents;
        if (documents.Count > MaxDocuments)
        {
            await AnswerAsync(context, recorded, HttpStatusCode.BadRequest, "error-too-many-documents.json");
            return;
        }

        var response = Recording("entity-recognition-response.json");
        var results = response["results"]!;
        foreach (var document in documents)
        {
            string? rejection = null;
            if (!SupportedLanguages.Contains(document.Language))
            {
                rejection = "document-error-unsupported-language.json";
            }
            else if (Measure(document.Text, unit) > MaxDocumentLength)
            {
                rejection = "document-error-invalid-document.json";
            }
            else if ((RejectDocumentsContaining is { } marker && document.Text.Contains(marker, StringComparison.Ordinal)))
            {
                rejection = "document-error-invalid-document-other.json";
            }

            if (rejection is not null)
            {
                var error = Recording(rejection);
                error["id"] = document.Id;
                results["errors"]!.AsArray().Add(error);
                continue;
            }
            var result = Recording("entity-recognition-document.json");
            result["id"] = document.Id;
            foreach (var found in FindEntities(document.Text, unit, older: recorded.ApiVersion != ApiVersion))
            {
                result["entities"]!.AsArray().Add(found);
            }
            results["documents"]!.AsArray().Add(result);
        }
        recorded.Status = 200;
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers["apim-request-id"] = Guid.NewGuid().ToString();
        await context.Response.WriteAsync(response.ToJsonString(), context.RequestAborted);
    }

    private static bool TryReadDocuments(string body, out List<Document> documents, out string unit)
    {
        documents = [];
        unit = "TextElements_v8"; // the service's default
        try
        {
            var root = JsonNode.Parse(body);
            if (root?["parameters"]?["stringIndexType"] is { } sent)
            {
                unit = (string?)sent ?? "";
            }
            if ((string?)root?["kind"] != "EntityRecognition"
                || !StringIndexTypes.Contains(unit)
                || root["parameters"]?["loggingOptOut"] is not (null or JsonValue)
                || root["parameters"]?["modelVersion"] is not (null or JsonValue)
                || root["analysisInput"]?["documents"] is not JsonArray array || array.Count == 0)
            {
                return false;
            }
            foreach (var item in array)
            {
                var id = (string?)item?["id"];
                var language = (string?)item?["language"];
                var text = (string?)item?["text"];
                if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(language) || string.IsNullOrEmpty(text)
                    || documents.Any(d => d.Id == id))
                {
                    return false;
                }
                documents.Add(new Document(id, language, text));
            }
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>The length of a text in a <c>stringIndexType</c> unit.</summary>
    public static int Measure(string text, string unit) => unit switch
    {
        "Utf16CodeUnit" => text.Length,
        "UnicodeCodePoint" => text.EnumerateRunes().Count(),
        _ => new StringInfo(text).LengthInTextElements,
    };

    /// <summary>
    /// Known names in the text, longest first, whole words only, not overlapping; offsets in <paramref name="unit"/>.
    /// The older versions' shape has <c>category</c> and <c>subcategory</c>; 2024-11-01's has <c>type</c> and <c>tags</c>.
    /// </summary>
    private static List<JsonObject> FindEntities(string text, string unit, bool older)
    {
        var taken = new bool[text.Length];
        var found = new List<(int Offset, KnownEntity Entity)>();
        foreach (var entity in Known.Value.OrderByDescending(e => e.Text.Length))
        {
            for (var at = text.IndexOf(entity.Text, StringComparison.Ordinal); at >= 0; at = text.IndexOf(entity.Text, at + 1, StringComparison.Ordinal))
            {
                var end = at + entity.Text.Length;
                var wholeWord = (at == 0 || !char.IsLetterOrDigit(text[at - 1])) && (end == text.Length || !char.IsLetterOrDigit(text[end]));
                if (!wholeWord || taken.AsSpan(at, entity.Text.Length).Contains(true))
                {
                    continue;
                }
                taken.AsSpan(at, entity.Text.Length).Fill(true);
                found.Add((at, entity));
            }
        }
        if (older)
        {
            return [.. found.OrderBy(f => f.Offset).Select(f => OlderShape(f.Entity, Measure(text[..f.Offset], unit), Measure(f.Entity.Text, unit)))];
        }
        // The 2024-11-01 shape: type, tags (broadest first) and no subcategory; a span with two types comes twice.
        return [.. found.OrderBy(f => f.Offset).SelectMany(f =>
            new[] { (f.Entity.Category, f.Entity.Type, f.Entity.ConfidenceScore) }
                .Concat(f.Entity.AlsoAs is { } also ? [(also.Category, also.Type, also.ConfidenceScore)] : [])
                .Select(kind => new JsonObject
                {
                    ["text"] = f.Entity.Text,
                    ["category"] = kind.Category,
                    ["type"] = kind.Type,
                    ["tags"] = new JsonArray([.. Tags(kind.Category, kind.Type).Select(t => (JsonNode)new JsonObject { ["name"] = t, ["confidenceScore"] = kind.ConfidenceScore })]),
                    ["offset"] = Measure(text[..f.Offset], unit),
                    ["length"] = Measure(f.Entity.Text, unit),
                    ["confidenceScore"] = kind.ConfidenceScore,
                }))];
    }

    /// <summary>An entity as 2023-04-01 answers: its category and, where it had one, a subcategory (GPE for a city).</summary>
    private static JsonObject OlderShape(KnownEntity entity, int offset, int length)
    {
        var subcategory = entity.Type switch
        {
            "City" or "State" or "CountryRegion" or "Continent" => "GPE",
            "Airport" or "Structural" => "Structural",
            "Geological" => "Geographical",
            "OrganizationMedical" => "Medical",
            _ when entity.Type == entity.Category => null,
            _ => entity.Type,
        };
        var result = new JsonObject { ["text"] = entity.Text, ["category"] = entity.Category };
        if (subcategory is not null)
        {
            result["subcategory"] = subcategory;
        }
        result["offset"] = offset;
        result["length"] = length;
        result["confidenceScore"] = entity.ConfidenceScore;
        return result;
    }

    /// <summary>The tags the service lists for a type (from its documented type-to-tags table).</summary>
    private static string[] Tags(string category, string type) => type switch
    {
        "City" or "State" or "CountryRegion" or "Continent" => ["Location", "GPE", type],
        "Airport" => ["Location", "Structural", type],
        "Structural" or "Geological" or "GPE" => ["Location", type],
        "Date" or "Time" or "DateRange" or "TimeRange" or "Duration" or "SetTemporal" => ["Temporal", type],
        "Number" or "Currency" or "Percentage" or "Ordinal" or "Age" => ["Numeric", type],
        "OrganizationMedical" or "OrganizationStockExchange" or "OrganizationSports" => ["Organization", type],
        _ when type == category => [type],
        _ => [category, type],
    };

    private static async Task AnswerAsync(HttpContext context, RecordedRequest recorded, HttpStatusCode status, string recording)
    {
        recorded.Status = (int)status;
        context.Response.StatusCode = (int)status;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(Recording(recording).ToJsonString(), context.RequestAborted);
    }

    private static JsonNode Recording(string name) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(RecordingsPath, name)))!;

    private static List<KnownEntity> LoadKnownEntities() =>
        JsonSerializer.Deserialize<List<KnownEntity>>(File.ReadAllText(Path.Combine(RecordingsPath, "known-entities.json")),
            Web)!;
    private sealed record KnownEntity(string Text, string Category, string Type, double ConfidenceScore, AlsoAs? AlsoAs);

    private sealed record AlsoAs(string Category, string Type, double ConfidenceScore);
}

internal sealed record Document(string Id, string Language, string Text);

internal sealed record Fault(int Status, string Recording, string? RetryAfter = null)
{
    public static Fault TooManyRequests(string retryAfter) => new(429, "error-too-many-requests.json", retryAfter);

    public static Fault ServerError { get; } = new(500, "error-internal-server-error.json");
}

internal sealed class RecordedRequest(string method, string path, string apiVersion, IReadOnlyDictionary<string, string> headers, string body)
{
    public string Method { get; } = method;
    public string Path { get; } = path;
    public string ApiVersion { get; } = apiVersion;
    public IReadOnlyDictionary<string, string> Headers { get; } = headers;
    public string Body { get; } = body;
    public IReadOnlyList<Document> Documents { get; set; } = [];
    public int Status { get; set; }
}
