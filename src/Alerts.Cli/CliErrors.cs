using System.Net.Http;
using System.Net.Sockets;
using Alerts.Storage;
using Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Alerts.Cli;

/// <summary>
/// Turns the failures a user fixes in their settings or environment (a bad setting, storage that is not running) into
/// one line that names what to fix. Anything else is a bug and keeps its stack trace.
/// </summary>
internal static class CliErrors
{
    public static string? Describe(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (exception is System.Text.Json.JsonException && exception.StackTrace?.Contains(nameof(CliConfiguration), StringComparison.Ordinal) == true)
        {
            return $"local.settings.json is not valid JSON: {FirstLine(exception.Message)}";
        }
        var configuration = CliConfiguration.Build();
        for (var ex = exception; ex is not null; ex = ex.InnerException ?? (ex as AggregateException)?.InnerExceptions.FirstOrDefault())
        {
            switch (ex)
            {
                case OptionsValidationException invalid:
                    return $"Invalid settings: {string.Join(" ", invalid.Failures)}";
                case RequestFailedException or HttpRequestException or SocketException when Unreachable(ex):
                    return StorageUnreachable(configuration, ex);
                case RequestFailedException failed when failed.Status is 401 or 403:
                    return $"Storage refused the request ({failed.Status} {failed.ErrorCode}): check the credentials in '{StorageNames.Connection}'.";
                case InvalidOperationException or FormatException or ArgumentException when ex.StackTrace?.Contains("ConnectionString", StringComparison.Ordinal) == true:
                    return $"Invalid settings: '{StorageNames.Connection}' is not a storage connection string ({FirstLine(ex.Message)}).";
                case InvalidOperationException or FormatException when FromConfiguration(ex):
                    return "Invalid settings: " + FirstLine(ex.Message);
                default:
                    break;
            }
        }
        return null;
    }

    private static bool Unreachable(Exception ex) => ex switch
    {
        SocketException => true,
        HttpRequestException => true,
        RequestFailedException { Status: 0 } => true,
        _ => false,
    };

    private static string StorageUnreachable(IConfiguration configuration, Exception ex)
    {
        var value = configuration[StorageNames.Connection];
        if (value is not null && value.Contains("UseDevelopmentStorage=true", StringComparison.OrdinalIgnoreCase))
        {
            return $"Azurite is not running on 127.0.0.1:10000 ('{StorageNames.Connection}' is UseDevelopmentStorage=true) — start it with ./run.sh.";
        }
        var inner = ex;
        while (inner.InnerException is not null)
        {
            inner = inner.InnerException;
        }
        return $"Storage is unreachable ({FirstLine(inner.Message)}): check '{StorageNames.Connection}' and that the account is running.";
    }

    /// <summary>Configuration errors the app raises itself name a setting in quotes; binder and connection-string errors come from these libraries.</summary>
    private static bool FromConfiguration(Exception ex) =>
        ex.Message.Contains("setting", StringComparison.OrdinalIgnoreCase)
        || ex.Message.Contains("configur", StringComparison.OrdinalIgnoreCase)
        || ex.Message.Contains("connection string", StringComparison.OrdinalIgnoreCase)
        || ex.StackTrace?.Contains("Microsoft.Extensions.Configuration", StringComparison.Ordinal) == true
        || ex.StackTrace?.Contains("Alerts.Storage.StorageConnection", StringComparison.Ordinal) == true
        || ex.StackTrace?.Contains("Azure.Storage.StorageConnectionString", StringComparison.Ordinal) == true
        || ex.StackTrace?.Contains("Azure.Data.Tables.TableConnectionString", StringComparison.Ordinal) == true;

    private static string FirstLine(string text)
    {
        var end = text.IndexOfAny(['\r', '\n']);
        return end < 0 ? text : text[..end];
    }
}
