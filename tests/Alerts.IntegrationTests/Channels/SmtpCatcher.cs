using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Alerts.IntegrationTests.Channels;

/// <summary>
/// A real SMTP server (the SmtpServer package) on 127.0.0.1 that parses every message with MimeKit and keeps it.
/// It can be stopped and started again on the same port, to play a relay that is down for a while.
/// </summary>
internal sealed class SmtpCatcher : IAsyncDisposable
{
    private readonly RecordingStore _store = new();
    private SmtpServer.SmtpServer? _server;
    private CancellationTokenSource? _stop;
    private Task? _running;

    private SmtpCatcher(int port) => Port = port;

    public int Port { get; }

    public ConcurrentQueue<MimeMessage> Messages => _store.Messages;

    private int _sessions;

    /// <summary>SMTP sessions (connections) opened so far, the readiness probe of each start among them.</summary>
    public int Sessions => Volatile.Read(ref _sessions);

    /// <summary>The settings that point the email channel at this server.</summary>
    public Dictionary<string, string?> Settings => new()
    {
        ["Alerts:Email:Provider"] = "smtp",
        ["Alerts:Email:Sender"] = "alerts@alerts.test",
        ["Alerts:Email:SmtpHost"] = "127.0.0.1",
        ["Alerts:Email:SmtpPort"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Alerts:Email:UseTls"] = "false",
    };

    public static async Task<SmtpCatcher> StartAsync()
    {
        var catcher = new SmtpCatcher(LoopbackPorts.Free());
        await catcher.StartAgainAsync();
        return catcher;
    }

    public async Task StartAgainAsync()
    {
        var options = new SmtpServerOptionsBuilder()
            .ServerName("smtp.alerts.test")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(_store);
        _server = new SmtpServer.SmtpServer(options, services);
        _server.SessionCreated += (_, _) => Interlocked.Increment(ref _sessions);
        _stop = new CancellationTokenSource();
        _running = _server.StartAsync(_stop.Token);
        // Wait until the port accepts connections.
        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }
        throw new InvalidOperationException($"The SMTP server did not start on port {Port}.");
    }

    public async Task StopAsync()
    {
        if (_server is null)
        {
            return;
        }
        _server.Shutdown();
        await _stop!.CancelAsync();
        try
        {
            await _running!.WaitAsync(TimeSpan.FromSeconds(10));
            await _server.ShutdownTask.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (OperationCanceledException)
        {
        }
        _stop.Dispose();
        _server = null;
    }

    /// <summary>Waits for a message to <paramref name="to"/> that meets <paramref name="predicate"/>.</summary>
    public async Task<MimeMessage> WaitForAsync(string to, Func<MimeMessage, bool>? predicate = null, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (DateTime.UtcNow < deadline)
        {
            var found = Messages.FirstOrDefault(m => m.To.Mailboxes.Any(b => b.Address == to) && (predicate?.Invoke(m) ?? true));
            if (found is not null)
            {
                return found;
            }
            await Task.Delay(50);
        }
        throw new TimeoutException($"No email to {to} arrived.");
    }

    public IReadOnlyList<MimeMessage> To(string address) => [.. Messages.Where(m => m.To.Mailboxes.Any(b => b.Address == address))];

    public ValueTask DisposeAsync() => new(StopAsync());

    private sealed class RecordingStore : MessageStore
    {
        public ConcurrentQueue<MimeMessage> Messages { get; } = new();

        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            Messages.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }
}
