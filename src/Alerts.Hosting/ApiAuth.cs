namespace Alerts.Hosting;

/// <summary>Who may call a route in Azure: management routes need a function key; signed links are anonymous.</summary>
public enum ApiAuth
{
    /// <summary>A function or host key (the Functions host checks it).</summary>
    Function,

    /// <summary>Anyone: the route checks a signed token itself.</summary>
    Anonymous,
}
