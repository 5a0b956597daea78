using System.Globalization;
using System.Net;
using Alerts.IntegrationTests.Cli;
using Alerts.IntegrationTests.Faults;

namespace Alerts.IntegrationTests.Journeys;

/// <summary>
/// A newcomer's machine after <c>./run.sh</c>: <c>alerts run --watch &lt;inbox&gt;</c> (with <c>--mail</c>, its maildev)
/// as a child process, and the <c>alerts</c> commands of the README run against it. The only settings given are the
/// ones that keep it apart from other tests on this machine: its own Azurite and free ports instead of 10000-10002,
/// 1025, 1080 and 7071; and a digest timer that never fires, so the clock's hour cannot send a digest the journey did not ask for.
/// </summary>
internal sealed class LocalRun : IAsyncDisposable
{
    /// <summary>Generous, for a loaded 2-core machine; a healthy start takes a few seconds.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    private readonly RestartableAzurite _storage;
    private readonly Dictionary<string, string?> _settings;

    private LocalRun(RestartableAzurite storage, Dictionary<string, string?> settings, string api, DirectoryInfo inbox, Uri? mail)
    {
        _storage = storage;
        _settings = settings;
        Api = api;
        Inbox = inbox;
        Mail = mail is null ? null : new MailInbox(Http, mail);
    }

    /// <summary>The API as the README names it: http://localhost:&lt;port&gt;.</summary>
    public string Api { get; }

    /// <summary>The folder <c>alerts run --watch</c> watches (<c>./inbox</c> in the README), with a long path: no log line may wrap.</summary>
    public DirectoryInfo Inbox { get; }

    public MailInbox? Mail { get; }

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };

    public RunningCommand Run { get; private set; } = null!;

    public static async Task<LocalRun> StartAsync(bool mail)
    {
        var storage = new RestartableAzurite();
        await storage.StartAsync();
        var apiPort = LoopbackPorts.Free();
        var settings = new Dictionary<string, string?>
        {
            ["AlertsStorage"] = storage.ConnectionString,
            ["AzureWebJobsStorage"] = storage.ConnectionString,
            ["Alerts:Email:SmtpPort"] = Port(LoopbackPorts.Free()),
            ["DigestSchedule"] = "0 0 0 1 1 *",
        };
        var inbox = Directory.CreateTempSubdirectory("alerts-journey-inbox-watched-by-alerts-run-" + new string('x', 60) + "-");
        var inboxPort = LoopbackPorts.Free();
        var local = new LocalRun(storage, settings, $"http://localhost:{Port(apiPort)}", inbox, mail ? new Uri($"http://127.0.0.1:{Port(inboxPort)}/") : null);
        string[] args = mail
            ? ["run", "--mail", "--mail-inbox-port", Port(inboxPort), "--watch", inbox.FullName, "--port", Port(apiPort)]
            : ["run", "--watch", inbox.FullName, "--port", Port(apiPort)];
        local.Run = RunningCommand.Start(settings, args);
        try
        {
            await local.Run.WaitForLineAsync(l => l.Contains("Ready:", StringComparison.Ordinal), Patience, "that it is ready");
            using (var rules = await local.Http.GetAsync(new Uri($"{local.Api}/api/rules")))
            {
                Assert.True(rules.StatusCode == HttpStatusCode.OK, $"GET /api/rules answered {rules.StatusCode}.{local.Run.Tail()}");
            }
            if (local.Mail is { } inboxApi)
            {
                await local.EventuallyAsync(async () => await inboxApi.IsUpAsync(CancellationToken.None) ? "up" : null, "maildev's REST API to answer");
            }
            return local;
        }
        catch
        {
            await local.DisposeAsync();
            throw;
        }
    }

    /// <summary>An <c>alerts</c> command in another terminal, run to its end, with the same settings as the run.</summary>
    public Task<(int ExitCode, string Output)> AlertsAsync(params string[] args) => AlertsCli.RunAsync(_settings, args);

    /// <summary>Runs a command that must succeed; fails with its output and the run's when it does not.</summary>
    public async Task<string> AlertsOkAsync(params string[] args)
    {
        var (code, output) = await AlertsAsync(args);
        Assert.True(code == 0, $"`alerts {string.Join(' ', args)}` exited with {code}:\n{output}{Run.Tail()}");
        return output;
    }

    /// <summary>An <c>alerts</c> command left running in another terminal.</summary>
    public RunningCommand Start(params string[] args) => RunningCommand.Start(_settings, args);

    /// <summary>Polls until the probe finds something; fails after <see cref="Patience"/> with the run's output.</summary>
    public async Task<T> EventuallyAsync<T>(Func<Task<T?>> probe, string what)
        where T : class
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            if (await probe() is { } found)
            {
                return found;
            }
            Assert.True(clock.Elapsed < Patience, $"Waited {Patience.TotalSeconds:F0} s for {what}.{Run.Tail()}");
            await Task.Delay(250);
        }
    }

    /// <summary>
    /// What <c>alerts run</c> printed is in one style, one event a line (<c>HH:mm:ss level: category[id] message</c>), with
    /// no line wrapped (the long watched path is whole on its line), and names no subscriber and no secret.
    /// </summary>
    public void AssertRunOutputIsOneStyleAndPrivate(params string[] neverShown)
    {
        var lines = Run.Lines.Where(l => l.Length > 0).ToList();
        Assert.NotEmpty(lines);
        Assert.All(lines, l => Assert.Matches(RunLogStyle.Line(), l));
        Assert.Contains(lines, l => l.Contains(Inbox.FullName, StringComparison.Ordinal));
        foreach (var secret in neverShown)
        {
            Assert.DoesNotContain(lines, l => l.Contains(secret, StringComparison.OrdinalIgnoreCase));
        }
    }

    public async ValueTask DisposeAsync()
    {
        Run?.Dispose();
        Http.Dispose();
        await _storage.DisposeAsync();
        try
        {
            Inbox.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }

    private static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);
}
