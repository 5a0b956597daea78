using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Alerts.Language.Rest;

/// <summary>
/// Puts an <see cref="AzureKeyCredential"/> in a header on every try (Azure.Core's own AzureKeyCredentialPolicy is
/// internal). Reads the key per request, so <c>AzureKeyCredential.Update</c> rotates it without a new client.
/// </summary>
internal sealed class KeyCredentialPolicy(AzureKeyCredential credential, string headerName) : HttpPipelineSynchronousPolicy
{
    public override void OnSendingRequest(HttpMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        message.Request.Headers.SetValue(headerName, credential.Key);
    }
}
