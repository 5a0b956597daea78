using Microsoft.Azure.WebJobs;

namespace Alerts.LocalHost;

/// <summary>Tells the WebJobs SDK which classes hold functions, instead of letting it scan every loaded assembly.</summary>
internal sealed class ExplicitTypeLocator(params Type[] types) : ITypeLocator
{
    public IReadOnlyList<Type> GetTypes() => types;
}
